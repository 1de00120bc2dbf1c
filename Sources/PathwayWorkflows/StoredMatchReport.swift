import Foundation
import PathwayCore
import PathwayReport
import PathwayStorage
import PostgresClient

/// A stored run read from PostgreSQL as the report's input.
///
/// Storage may not know the report and the report may not know storage, so the mapping lives
/// here, in the workflows layer, where the command line and the server share it.
public enum StoredMatchReport {
    /// Reads run `runID` and turns it into the report's input.
    ///
    /// - Throws: `MatchReportQueryError.unknownRun` for a run the region does not have.
    public static func load(runID: RunID, connection: PostgresConnection, region: Region) throws -> MatchReportRun {
        let rows = try MatchReportQuery(connection: connection, region: region).load(runID: runID)
        var report = run(rows)
        if rows.run.strategy == .optimal {
            report.seatPrices = try seatPrices(runID: runID, store: MatchRunStore(connection: connection, region: region))
        }
        return report
    }

    /// How many entries of the seat prices are checked by solving again with the seat added.
    public static let resolvedSeatPrices = 3

    /// Per programme of an optimal run, what one more seat brings (`OptimalityCertificate`), the
    /// most valuable first; the first `resolvedSeatPrices` checked by solving again with one
    /// seat more. Empty for a run stored without prices.
    static func seatPrices(runID: RunID, store: MatchRunStore) throws -> [MatchReportRun.SeatPrice] {
        let prices = try store.programPrices(runID)
        guard !prices.isEmpty else { return [] }
        let result = try store.result(of: runID)
        let set = result.candidateSet
        let certificate = OptimalityCertificate(
            big: OptimalityCertificate.big(for: set), studentPrices: [],
            programPrices: set.programIDs.map { prices[$0] ?? 0 })
        var entries = set.programIDs.indices.map { p in
            let gain = certificate.seatGain(program: p)
            return (p: p, students: gain.students, units: gain.units)
        }
        entries.sort { ($0.students, $0.units) > ($1.students, $1.units) }
        guard let placements = result.placements else { return [] }
        let total = PlacementMaximizer.totalUnits(set, placements)
        return entries.enumerated().map { index, entry in
            var confirmed: Bool?
            if index < resolvedSeatPrices && (entry.students > 0 || entry.units > 0) {
                let more = set.withOneMoreSeat(atProgram: entry.p)
                let solved = PlacementMaximizer.assign(more)
                confirmed = solved.placedCount - placements.placedCount == entry.students
                    && PlacementMaximizer.totalUnits(more, solved) - total == entry.units
            }
            return MatchReportRun.SeatPrice(
                programID: set.programIDs[entry.p], students: entry.students,
                scoreChange: Double(entry.units) / PlacementMaximizer.unitsPerPoint, confirmed: confirmed)
        }
    }

    /// The report's input for rows already read.
    public static func run(_ rows: MatchReportQuery.Rows) -> MatchReportRun {
        MatchReportRun(
            runID: rows.run.runID, strategy: rows.run.strategy, createdAt: rows.run.createdAt, cohort: rows.run.cohort,
            settings: settings(rows.run),
            students: rows.students.map { student in
                MatchReportRun.Student(
                    id: student.studentID, gender: student.gender.flatMap(Gender.init(rawValue:)),
                    township: student.township, leftBehind: student.leftBehind, hardship: student.hardship,
                    programID: student.programID, schoolID: student.schoolID, score: student.score,
                    distanceKm: student.distanceKm, wishPosition: student.wishPosition)
            },
            programs: rows.programs.map { program in
                MatchReportRun.Program(
                    id: program.programID, name: program.name, schoolID: program.schoolID,
                    schoolName: program.schoolName, seats: program.seats, filled: program.filled)
            },
            schools: rows.schools.map { MatchReportRun.School(id: $0.schoolID, name: $0.name) })
    }

    /// The run's settings as lines to show; settings this version cannot read are shown as stored.
    static func settings(_ run: MatchReportQuery.Run) -> [MatchReportRun.Setting] {
        var lines: [MatchReportRun.Setting]
        if let settings = try? JSONDecoder().decode(MatchSettings.self, from: Data(run.settingsJSON.utf8)) {
            lines = MatchReportRun.Setting.summary(of: settings)
        } else {
            lines = [MatchReportRun.Setting(label: "设置", englishLabel: "settings as stored", value: run.settingsJSON)]
        }
        lines.append(MatchReportRun.Setting(
            label: "学生 / 候选配对", englishLabel: "students / candidate pairs",
            value: "\(run.studentCount) / \(run.candidateCount)"))
        if run.onlyFollowup {
            lines.append(MatchReportRun.Setting(label: "范围", englishLabel: "scope", value: "只含需跟进的学生 follow-up only"))
        }
        lines.append(MatchReportRun.Setting(label: "运行人", englishLabel: "run by", value: run.createdBy))
        return lines
    }
}
