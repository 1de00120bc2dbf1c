import ArgumentParser
import Foundation
import PathwayReport
import PathwayReportLoader
import PathwayStorage

/// `pathway match report RUN [--compare RUN_B] --out FILE.html`: a stored run as one HTML page
/// with charts, to open in any browser, print, or mail to a school or the county leadership.
///
/// A member of the `match` group; the group itself is the lead's (`MatchCommand`).
struct MatchReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a run's match report: one HTML file with charts, readable offline and printable.",
        discussion: """
        The report shows the placement rate, seats filled per school and programme, how far \
        placed students travel, their match scores, and the equity view: whether left-behind \
        children, students from hard-up families, girls, boys and each township were placed as \
        often, and as near home, as the whole cohort. With --compare, two runs side by side \
        (for example the stable and the optimal run of the same cohort) and how many students \
        changed programme between them.

        The file needs no network: styles and charts are inside it. It holds aggregates only, \
        no student's name or id. Writing it is recorded in the audit log.

        Example:
          pathway match report 12 --out run12.html
          pathway match report 12 --compare 13 --out stable-vs-optimal.html
        """)

    @Argument(help: ArgumentHelp("The run to report on (the number `pathway match run` printed).", valueName: "run"))
    var runID: Int64

    @Option(help: ArgumentHelp("A second run to set beside the first: A is RUN, B is this one.", valueName: "run"))
    var compare: Int64?

    @Option(help: ArgumentHelp("The HTML file to write (replaced if it exists).", valueName: "file.html"))
    var out: String

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if compare == runID { throw ValidationError("--compare needs another run than \(runID)") }
        if out.isEmpty { throw ValidationError("--out needs a file name, for example --out report.html") }
    }

    func run() throws {
        let file = URL(fileURLWithPath: out)
        var isFolder: ObjCBool = false
        let folder = file.deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw CommandFailure("the folder \(folder) does not exist; create it or choose another --out")
        }
        let connection = try DatabaseLocator(options: database).open()
        defer { connection.close() }
        let written = try connection.withTransaction { connection in
            // Both runs read from one snapshot, so A and B agree with each other exactly.
            try connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ WRITE")
            let runA = try StoredMatchReport.load(runID: runID, connection: connection)
            let runB = try compare.map { try StoredMatchReport.load(runID: $0, connection: connection) }
            let html = MatchReport.html(runA, compare: runB, timeZone: .current)
            let bytes = Data(html.utf8)
            var details: [String: JSONValue] = ["file": .string(file.path), "bytes": .integer(bytes.count)]
            if let compare { details["compare_run_id"] = .integer(Int(compare)) }
            try AuditLog.record(
                connection, actor: AuditLog.currentUser, action: "match.report", region: "local",
                subjectType: "match_run", subjectID: String(runID), details: details)
            // Last, so that a file that cannot be written takes its audit entry back with it.
            try bytes.write(to: file, options: .atomic)
            return (runs: [runA] + (runB.map { [$0] } ?? []), bytes: bytes.count)
        }
        let figures = written.runs.map(MatchReportFigures.init)
        if output.json {
            return try Terminal.printJSON(ReportWritten(
                file: file.path, bytes: written.bytes,
                runs: zip(written.runs, figures).map { ReportWritten.Run(run: $0, figures: $1) }))
        }
        for (run, figure) in zip(written.runs, figures) {
            let rate = figure.placementRate.map { String(format: "%.1f%%", $0 * 100) } ?? "-"
            print("run \(run.runID) (\(run.strategy.rawValue)): placed \(figure.placedCount) of \(figure.studentCount) students (\(rate)), \(figure.filledSeats) of \(figure.seats) seats filled")
        }
        print("match report written to \(file.path) (\(written.bytes / 1024 + 1) KB); open it in a browser, or print it")
    }
}

/// What `match report --json` prints.
private struct ReportWritten: Encodable {
    struct Run: Encodable {
        var run_id: Int64, strategy: String, students: Int, placed: Int, placement_rate: Double?, seats: Int, filled_seats: Int

        init(run: MatchReportRun, figures: MatchReportFigures) {
            run_id = run.runID; strategy = run.strategy.rawValue; students = figures.studentCount
            placed = figures.placedCount; placement_rate = figures.placementRate; seats = figures.seats
            filled_seats = figures.filledSeats
        }
    }

    var file: String
    var bytes: Int
    var runs: [Run]
}
