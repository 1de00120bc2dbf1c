import ArgumentParser
import Foundation
import PathwayStorage

/// `pathway match export RUN`: a run's candidates or assignments for Excel, WPS or scripts.
struct MatchExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a run's candidates or assignments as CSV (for Excel and WPS) or JSON.",
        discussion: """
        candidates: student_id,program_id,student_rank,score,program_priority,interest,grades,location,distance_km \
        (every pair that took part in the assignment; program_priority is the exact key the \
        programmes ranked students by, higher first, equal keys by student_id).
        assignments: student_id,program_id,school_id,score,student_rank (one row per student; \
        program_id empty, or null in JSON, when unplaced).

        CSV is UTF-8 with a byte-order mark and CRLF line ends, so Excel and WPS open it with a \
        double click; JSON is an array of objects with the same keys. Rows are in student_id order \
        (then rank). Every export is recorded in the audit log.

        Examples:
          pathway match export 1 --what assignments --format csv --output 分配结果.csv
          pathway match export 1 --what candidates --format json | jq length
        """
    )

    @Argument(help: ArgumentHelp("The run's number.", valueName: "run")) var runID: Int64
    @Option(help: ArgumentHelp("candidates or assignments.", valueName: "rows")) var what: String
    @Option(help: ArgumentHelp("csv or json.", valueName: "format")) var format = "csv"
    @Option(help: ArgumentHelp("File to write (replaced whole when done); stdout without it.", valueName: "file"))
    var output: String?
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard MatchExport.Table(rawValue: what) != nil else {
            throw ValidationError("--what must be candidates or assignments, not \(what)")
        }
        guard MatchExport.Format(rawValue: format) != nil else {
            throw ValidationError("--format must be csv or json, not \(format)")
        }
    }

    func run() throws {
        guard let table = MatchExport.Table(rawValue: what), let fileFormat = MatchExport.Format(rawValue: format) else {
            throw ValidationError("--what must be candidates or assignments, and --format csv or json")
        }
        let connection = try DatabaseLocator(options: database).open()
        defer { connection.close() }
        let export = MatchExport(store: MatchRunStore(connection: connection))
        guard let output else {
            let stdout = FileHandle.standardOutput
            try export.export(runID: runID, table: table, format: fileFormat, destination: "stdout", actor: AuditLog.currentUser) {
                stdout.write(Data($0))
            }
            return
        }
        // Written beside the target and renamed when complete: a failed export never leaves half a file.
        let target = URL(fileURLWithPath: output)
        let partial = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).partial-\(getpid())")
        guard FileManager.default.createFile(atPath: partial.path, contents: nil) else {
            throw CommandFailure("cannot write \(output): the folder does not exist or is not writable")
        }
        do {
            let handle = try FileHandle(forWritingTo: partial)
            defer { try? handle.close() }
            let rows = try export.export(
                runID: runID, table: table, format: fileFormat, destination: target.lastPathComponent,
                actor: AuditLog.currentUser
            ) { try handle.write(contentsOf: Data($0)) }
            try handle.close()
            if FileManager.default.fileExists(atPath: target.path) {
                _ = try FileManager.default.replaceItemAt(target, withItemAt: partial)
            } else {
                try FileManager.default.moveItem(at: partial, to: target)
            }
            Terminal.note("wrote \(rows) \(table.rawValue) of run \(runID) to \(output)")
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
    }
}
