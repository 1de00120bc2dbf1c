import Foundation
import PathwayCore
import PathwayReport
import PathwayStorage
import PostgresClient

/// `pathway match report RUN [--compare RUN_B]`: a stored run (beside another) as one HTML page.
public struct MatchReportJob: Sendable {
    public var runID: RunID
    /// A second run to set beside the first.
    public var compare: RunID?
    /// The HTML file to write (replaced whole).
    public var file: URL

    public init(runID: RunID, compare: RunID? = nil, file: URL) {
        self.runID = runID
        self.compare = compare
        self.file = file
    }

    /// What was written.
    public struct Outcome: Sendable {
        /// The runs reported on: A, then B when compared.
        public var runs: [MatchReportRun]
        public var bytes: Int
    }

    /// Reads both runs from one snapshot (so A and B agree exactly), writes the page and records
    /// the report in the audit log; a file that cannot be written takes its entry back with it.
    ///
    /// - Throws: `WorkflowError.missingFolder` before touching the database when the file's
    ///   folder does not exist; `MatchReportQueryError.unknownRun`.
    public func run(in workspace: Workspace, timeZone: TimeZone = .current) throws -> Outcome {
        let folder = file.deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw WorkflowError.missingFolder(folder)
        }
        return try workspace.connection.withTransaction { connection in
            let (page, runs) = try Self.page(
                runID: runID, compare: compare, connection: connection, workspace: workspace, timeZone: timeZone,
                details: ["file": .string(file.path)])
            // Last, so that a file that cannot be written takes its audit entry back with it.
            do {
                try page.write(to: file, options: .atomic)
            } catch {
                throw WorkflowError.unwritableFile(path: file.path, problem: .other(error.localizedDescription))
            }
            return Outcome(runs: runs, bytes: page.count)
        }
    }

    /// The page itself, for a browser (the console): read and audited like the file.
    public static func page(
        runID: RunID, compare: RunID? = nil, in workspace: Workspace, timeZone: TimeZone = .current
    ) throws -> (html: Data, runs: [MatchReportRun]) {
        try workspace.connection.withTransaction { connection in
            try page(runID: runID, compare: compare, connection: connection, workspace: workspace, timeZone: timeZone,
                     details: ["page": .string("console")])
        }
    }

    private static func page(
        runID: RunID, compare: RunID?, connection: PostgresConnection, workspace: Workspace, timeZone: TimeZone,
        details: [String: JSONValue]
    ) throws -> (Data, [MatchReportRun]) {
        try connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ WRITE")
        let runA = try StoredMatchReport.load(runID: runID, connection: connection, region: workspace.region)
        let runB = try compare.map { try StoredMatchReport.load(runID: $0, connection: connection, region: workspace.region) }
        let bytes = Data(MatchReport.html(runA, compare: runB, timeZone: timeZone).utf8)
        var details = details
        details["bytes"] = .integer(bytes.count)
        if let compare { details["compare_run_id"] = .integer(Int(compare.rawValue)) }
        try AuditLog.record(
            connection, actor: workspace.actor, action: "match.report", region: workspace.region,
            subjectType: "match_run", subjectID: runID.description, details: details)
        return (bytes, [runA] + (runB.map { [$0] } ?? []))
    }
}
