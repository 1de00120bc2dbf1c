import Foundation
import ManagedPostgres
import PathwayStorage
import PostgresClient

/// `pathway db backup FILE` and `pathway db restore FILE`: the configured database to one file
/// and back, with PostgreSQL's own `pg_dump`/`pg_restore` (custom format), so that a county can
/// undo a mistake. A backup is written whole or not at all; a restore refuses to overwrite a
/// database that holds data unless told to, and runs in one transaction.
public struct DatabaseBackup: Sendable {
    public let target: ConnectionTarget
    /// Who asks, for the audit log.
    public let actor: String

    public init(target: ConnectionTarget, actor: String) {
        self.target = target
        self.actor = actor
    }

    /// Why a backup or restore did not happen.
    public enum Failure: Error, Sendable, Hashable {
        /// `pg_dump` or `pg_restore` is not installed.
        case toolMissing(String)
        /// The tool ran and failed; its last lines of output.
        case toolFailed(tool: String, output: String)
        /// The database holds students, schools or runs and the restore was not confirmed; how
        /// many students it has.
        case databaseNotEmpty(students: Int)
        case unreadableBackup(path: String)
    }

    /// Writes the database to `path` (replaced whole when done) and records the backup in the
    /// audit log (before the dump, so the file holds its own record). Returns the file's size.
    @discardableResult
    public func backup(to path: String) throws -> Int {
        let tool = try Self.tool("pg_dump")
        let connection = try target.connect()
        try AuditLog.record(
            connection, actor: actor, action: "db.backup", subjectType: "file",
            subjectID: URL(fileURLWithPath: path).lastPathComponent)
        connection.close()
        try AtomicFile.write(to: path, byPath: { partial in
            try run(tool, ["--format=custom", "--no-owner", "--file=\(partial)"])
        })
        return (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }

    /// Replaces the database's contents with the backup at `path`, in one transaction.
    ///
    /// - Parameter overwrite: required when the database holds any student, school or run.
    public func restore(from path: String, overwrite: Bool) throws {
        let tool = try Self.tool("pg_restore")
        guard FileManager.default.isReadableFile(atPath: path) else { throw Failure.unreadableBackup(path: path) }
        let connection = try target.connect()
        defer { connection.close() }
        let tables = try connection.query(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename = 'students'")
        let hasSchema = try tables.decode(Int.self, row: 0, column: 0) > 0
        if hasSchema, !overwrite {
            let held = try connection.query(
                "SELECT (SELECT count(*) FROM students), (SELECT count(*) FROM schools) + (SELECT count(*) FROM match_runs)")
            let students = try held.decode(Int.self, row: 0, column: 0)
            if students + (try held.decode(Int.self, row: 0, column: 1)) > 0 { throw Failure.databaseNotEmpty(students: students) }
        }
        try run(tool, ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error", path])
        try AuditLog.record(
            connection, actor: actor, action: "db.restore", subjectType: "file",
            subjectID: URL(fileURLWithPath: path).lastPathComponent)
    }

    /// Runs `tool` on the target: the database on its command line without the password, which
    /// goes in `PGPASSWORD` (a command line is anyone's to read with `ps`).
    private func run(_ tool: String, _ arguments: [String]) throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("pathway-\(getpid())-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: log) }
        let (conninfo, password) = target.passwordSeparated
        var environment = ProcessInfo.processInfo.environment
        if let password { environment["PGPASSWORD"] = password }
        let status = try Subprocess.run(
            [tool] + arguments + ["--dbname=\(conninfo)"], environment: environment, outputPath: log)
        guard status == 0 else {
            let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            let tail = output.split(separator: "\n").suffix(5).joined(separator: "\n")
            throw Failure.toolFailed(tool: URL(fileURLWithPath: tool).lastPathComponent, output: tail)
        }
    }

    /// The tool beside the server's programs, else on `PATH`.
    static func tool(_ name: String) throws -> String {
        var directories: [String] = []
        if let binaries = try? ServerBinaries.locate() { directories.append(binaries.directory) }
        directories += (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        for directory in directories where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
            return "\(directory)/\(name)"
        }
        throw Failure.toolMissing(name)
    }
}
