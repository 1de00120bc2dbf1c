import Foundation
import PathwayCore
import PostgresClient

extension MatchRunStore {
    /// Every run of the region, newest first.
    public func runs() throws -> [MatchRunRecord] {
        let result = try connection.query(Self.selectRuns + " WHERE region = $1 ORDER BY run_id DESC", [region])
        return try result.rows.map(Self.record)
    }

    /// One run with its seats per school; throws `MatchRunError.unknownRun` when there is none.
    public func run(_ runID: RunID) throws -> MatchRunRecord {
        var record = try record(runID)
        let schools = try connection.query(
            """
            SELECT mp.school_id, coalesce(min(s.name), '') AS name, count(*) AS programs,
                   sum(greatest(mp.seats, 0)) AS seats, coalesce(sum(f.filled), 0) AS filled
            FROM match_run_programs mp
            LEFT JOIN schools s ON s.school_id = mp.school_id
            LEFT JOIN (SELECT program_id, count(*) AS filled FROM assignments
                       WHERE run_id = $1 AND program_id IS NOT NULL GROUP BY program_id) f
                   ON f.program_id = mp.program_id
            WHERE mp.run_id = $1
            GROUP BY mp.school_id
            ORDER BY mp.school_id COLLATE "C"
            """, [runID])
        record.schools = try schools.rows.map { row in
            SchoolSeats(
                schoolID: try row.decode("school_id"), name: try row.decode("name"), programs: try row.decode("programs"),
                seats: try row.decode("seats"), filled: try row.decode("filled"))
        }
        return record
    }

    /// One run's row alone (settings, counts), without the per-school seat totals `run(_:)` adds.
    public func record(_ runID: RunID) throws -> MatchRunRecord {
        let result = try connection.query(Self.selectRuns + " WHERE region = $1 AND run_id = $2", [region, runID])
        guard let row = result.rows.first else { throw MatchRunError.unknownRun(runID) }
        return try Self.record(row)
    }

    /// The run as the core computed it: its candidate lists, seats and placements, rebuilt from the
    /// stored rows bit for bit, so that `MatchScorer.explain(studentID:in:)` describes the stored run.
    public func result(of runID: RunID) throws -> MatchResult {
        let record = try record(runID)
        return try result(record, programs: try runPrograms(runID), assignments: try assignments(runID))
    }

    /// A stored run read whole, each of its tables once: the run, the result as the core computed
    /// it, and today's records of its students and programmes to rebuild its scorer from.
    public struct Snapshot: Sendable {
        public var record: MatchRunRecord
        public var result: MatchResult
        public var inputs: MatchInputs
        /// Programmes of the run no longer in the database (left out of `inputs`).
        public var missingPrograms: [String]
    }

    /// The whole of run `runID`, for `pathway match explain` and anything else that needs both
    /// the stored result and the scorer.
    public func snapshot(_ runID: RunID) throws -> Snapshot {
        let record = try record(runID)
        let programs = try runPrograms(runID)
        let assignments = try assignments(runID)
        let result = try result(record, programs: programs, assignments: assignments)
        let (inputs, missing) = try inputs(programs: programs, studentIDs: assignments.studentIDs, before: record.createdAt)
        return Snapshot(record: record, result: result, inputs: inputs, missingPrograms: missing)
    }

    /// The run's students in the order stored, and the rank each placed one got.
    private func assignments(_ runID: RunID) throws -> (studentIDs: [String], ranks: [String: Int]) {
        let outcome = try connection.query(
            "SELECT student_id, student_rank FROM assignments WHERE run_id = $1 AND region = $2", [runID, region])
        var ranks: [String: Int] = [:]
        var studentIDs: [String] = []
        studentIDs.reserveCapacity(outcome.rowCount)
        for row in outcome.rows {
            let id = try row.decode("student_id", as: String.self)
            studentIDs.append(id)
            if let rank = try row.decode("student_rank", as: Int?.self) { ranks[id] = rank }
        }
        return (studentIDs, ranks)
    }

    private func result(
        _ record: MatchRunRecord, programs: [ProgramCapacity], assignments: (studentIDs: [String], ranks: [String: Int])
    ) throws -> MatchResult {
        let candidates = try candidates(of: record.runID, expected: record.candidateCount)
        let set = try CandidateSet(studentIDs: assignments.studentIDs, programs: programs, candidates: candidates)
        let placements = record.strategy == .ranked
            ? nil : Placements(studentRanks: set.studentIDs.map { assignments.ranks[$0] })
        return MatchResult(settings: record.settings, candidateSet: set, placements: placements)
    }

    /// The run's candidate rows as stored, in no particular order.
    func candidates(of runID: RunID, expected: Int) throws -> [Candidate] {
        var candidates: [Candidate] = []
        candidates.reserveCapacity(expected)
        var failure: String?
        // COPY takes no parameters; the run id is an integer, the run's rows all of its region.
        try connection.copyOut(
            """
            COPY (SELECT student_id, program_id, student_rank, score, program_priority, interest, grades, location,
                         distance_km
                  FROM candidates WHERE run_id = \(runID.rawValue)) TO STDOUT
            """
        ) { bytes in
            let f = CopyTextRow.fields(bytes)
            guard f.count == 9, let student = f[0], let program = f[1], let rank = f[2].flatMap({ Int($0) }),
                  let numbers = Optional(f[3...].map { $0.flatMap(Double.init) }), !numbers.contains(nil)
            else {
                failure = failure ?? "a candidate row of run \(runID) is malformed"
                return
            }
            let n = numbers.compactMap { $0 }
            candidates.append(Candidate(
                studentID: student, programID: program, studentRank: rank, score: n[0], programPriority: n[1],
                interest: n[2], grades: n[3], location: n[4], distanceKm: n[5]))
        }
        if let failure { throw MatchRunError.unreadableRun(runID: runID, reason: failure) }
        return candidates
    }

    /// An `optimal` run's certificate prices per programme (nil for other runs and for runs
    /// stored before migration 0017).
    public func programPrices(_ runID: RunID) throws -> [String: Int64] {
        let rows = try connection.query(
            "SELECT program_id, price FROM match_run_programs WHERE run_id = $1 AND price IS NOT NULL", [runID])
        var prices: [String: Int64] = [:]
        for row in rows.rows { prices[try row.decode("program_id")] = try row.decode("price") }
        return prices
    }

    /// The programmes the run saw, with the seats it gave them, in id order.
    public func runPrograms(_ runID: RunID) throws -> [ProgramCapacity] {
        let result = try connection.query(
            """
            SELECT program_id, school_id, seats, batch FROM match_run_programs WHERE run_id = $1
            ORDER BY program_id COLLATE "C"
            """, [runID])
        return try result.rows.map { row in
            ProgramCapacity(
                id: try row.decode("program_id"), schoolID: try row.decode("school_id"), seats: try row.decode("seats"),
                batch: try row.decode("batch"))
        }
    }

    /// Today's records of the run's students and programmes (with the seats the run gave them), to
    /// rebuild its scorer; `missingPrograms` names programmes of the run no longer in the database.
    func inputs(of runID: RunID) throws -> (inputs: MatchInputs, missingPrograms: [String]) {
        try inputs(programs: try runPrograms(runID), studentIDs: try assignments(runID).studentIDs,
                   before: try record(runID).createdAt)
    }

    /// `before`: the run's start; refusals recorded later are not the run's.
    private func inputs(programs snapshot: [ProgramCapacity], studentIDs: [String], before: Date) throws
        -> (inputs: MatchInputs, missingPrograms: [String])
    {
        let directory = CountyDirectory(connection: connection, region: region)
        let students = try directory.students(.init(ids: studentIDs))
        var current: [String: Program] = [:]
        for program in try directory.programs(ids: snapshot.map(\.id)) { current[program.id] = program }
        var programs: [Program] = []
        var missing: [String] = []
        for entry in snapshot {
            guard var program = current[entry.id] else {
                missing.append(entry.id)
                continue
            }
            program.seats = entry.seats
            programs.append(program)
        }
        return (
            MatchInputs(
                students: students, programs: programs, travel: try directory.travel(),
                refusals: try directory.refusals(before: before)),
            missing
        )
    }

    /// One student's stored candidates in rank order, to check a rebuilt explanation against.
    func candidates(of runID: RunID, studentID: String) throws -> [Candidate] {
        let result = try connection.query(
            """
            SELECT student_id, program_id, student_rank, score, program_priority, interest, grades, location, distance_km
            FROM candidates WHERE run_id = $1 AND region = $2 AND student_id = $3 ORDER BY student_rank
            """, [runID, region, studentID])
        return try result.rows.map { row in
            Candidate(
                studentID: try row.decode("student_id"), programID: try row.decode("program_id"),
                studentRank: try row.decode("student_rank"), score: try row.decode("score"),
                programPriority: try row.decode("program_priority"), interest: try row.decode("interest"),
                grades: try row.decode("grades"), location: try row.decode("location"),
                distanceKm: try row.decode("distance_km"))
        }
    }

    /// Whether `studentID` is one of the run's students.
    func includes(studentID: String, runID: RunID) throws -> Bool {
        try connection.query(
            "SELECT 1 FROM assignments WHERE run_id = $1 AND region = $2 AND student_id = $3",
            [runID, region, studentID]).rowCount > 0
    }

    // MARK: Decoding

    static let selectRuns = """
        SELECT run_id, region, cohort, only_followup, settings::text AS settings, student_count, placed_count,
               candidate_count, mean_score, mean_distance_km, timings::text AS timings, created_by, created_at
        FROM match_runs
        """

    static func record(_ row: QueryResult.Row) throws -> MatchRunRecord {
        let runID = try row.decode("run_id", as: RunID.self)
        let settings: MatchSettings
        do {
            settings = try JSONDecoder().decode(MatchSettings.self, from: Data(try row.decode("settings", as: String.self).utf8))
        } catch let error as PostgresError {
            throw error
        } catch {
            throw MatchRunError.unreadableRun(runID: runID, reason: "\(error)")
        }
        let timingsText = try row.decode("timings", as: String.self)
        let timings = (try? JSONDecoder().decode([String: Double].self, from: Data(timingsText.utf8))) ?? [:]
        return MatchRunRecord(
            runID: runID, region: try row.decode("region"), settings: settings, cohort: try row.decode("cohort"),
            onlyFollowup: try row.decode("only_followup"), studentCount: try row.decode("student_count"),
            placedCount: try row.decode("placed_count"), candidateCount: try row.decode("candidate_count"),
            meanScore: try row.decode("mean_score"), meanDistanceKm: try row.decode("mean_distance_km"),
            timings: timings, createdBy: try row.decode("created_by"), createdAt: try row.decode("created_at"),
            schools: [])
    }
}
