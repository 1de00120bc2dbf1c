import Foundation
import ManagedPostgres
import PathwayStorage
import PostgresClient

/// Decides which PostgreSQL a command uses, and says why.
///
/// In order: `--database-url`, `DATABASE_URL`, the `PG*` variables libpq reads, and otherwise
/// the local cluster under `PATHWAY_HOME`, created and started on first use.
struct DatabaseLocator {
    /// How the database was chosen, for `pathway db status`.
    enum Source: Equatable {
        case option
        case databaseURL
        case libpqEnvironment([String])
        case localCluster

        /// A short name for scripts (`pathway db status --json`).
        var name: String {
            switch self {
            case .option: "option"
            case .databaseURL: "DATABASE_URL"
            case .libpqEnvironment: "libpq-environment"
            case .localCluster: "local"
            }
        }

        var explanation: String {
            switch self {
            case .option: "--database-url was given"
            case .databaseURL: "DATABASE_URL is set"
            case .libpqEnvironment(let names): "libpq variables are set (\(names.joined(separator: ", ")))"
            case .localCluster: "nothing is configured, so pathway uses its own local PostgreSQL"
            }
        }
    }

    /// The database name used in the local cluster.
    static let localDatabase = "pathway"
    /// libpq's variables that name a server; any of them set means "configured".
    static let libpqVariables = ["PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGUSER", "PGSERVICE"]

    let source: Source
    let configuredTarget: ConnectionTarget?
    let environment: [String: String]

    init(options: DatabaseOptions, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.init(databaseURL: options.databaseURL, environment: environment)
    }

    init(databaseURL: String?, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
        if let url = databaseURL, !url.isEmpty {
            source = .option
            configuredTarget = ConnectionTarget(conninfo: url)
        } else if let url = environment["DATABASE_URL"], !url.isEmpty {
            source = .databaseURL
            configuredTarget = ConnectionTarget(conninfo: url)
        } else {
            let set = DatabaseLocator.libpqVariables.filter { !(environment[$0] ?? "").isEmpty }
            if set.isEmpty {
                source = .localCluster
                configuredTarget = nil
            } else {
                source = .libpqEnvironment(set)
                configuredTarget = ConnectionTarget(conninfo: "")
            }
        }
    }

    /// `PATHWAY_HOME`, or `~/.pathway`.
    var home: String {
        if let home = environment["PATHWAY_HOME"], !home.isEmpty { return home }
        let userHome = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return "\(userHome)/.pathway"
    }

    /// The local cluster's description (it may not exist yet).
    func localCluster() throws -> LocalCluster {
        try LocalCluster(home: home)
    }

    /// The database to use, starting the local cluster when it is the one. Says once on stderr
    /// when it had to create or start it.
    func target(database: String? = nil) throws -> ConnectionTarget {
        if let configuredTarget {
            return database.map { configuredTarget.database($0) } ?? configuredTarget
        }
        let cluster = try localCluster()
        let outcome = try cluster.ensureRunning()
        switch outcome {
        case .alreadyRunning: break
        case .started: Terminal.note("started the local PostgreSQL in \(cluster.root) (`pathway db stop` stops it)")
        case .createdAndStarted:
            Terminal.note("created and started a local PostgreSQL in \(cluster.root) (`pathway db stop` stops it)")
        }
        let name = database ?? DatabaseLocator.localDatabase
        try DatabaseLocator.createDatabaseIfMissing(name, on: ConnectionTarget(conninfo: cluster.conninfo(database: "postgres")))
        return ConnectionTarget(conninfo: cluster.conninfo(database: name))
    }

    /// Creates `name` on the server unless it exists; two callers at once are fine.
    static func createDatabaseIfMissing(_ name: String, on server: ConnectionTarget) throws {
        let connection = try server.connect()
        defer { connection.close() }
        let found = try connection.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])
        guard found.rowCount == 0 else { return }
        do {
            try connection.execute("CREATE DATABASE \(quotedIdentifier(name)) TEMPLATE template0 ENCODING 'UTF8'")
        } catch {
            // Another pathway created it a moment ago.
            guard error.code == .duplicateDatabase || error.code == .uniqueViolation else { throw error }
        }
    }

    /// Opens the database and brings its schema up to date, so that no command ever meets a
    /// missing table on a new installation.
    func open(database: String? = nil) throws -> PostgresConnection {
        let connection = try target(database: database).connect()
        let applied = try Migrator.bundled().migrate(connection, actor: AuditLog.currentUser)
        if !applied.isEmpty {
            Terminal.note("brought the schema up to date: \(applied.map(\.label).joined(separator: ", "))")
        }
        return connection
    }
}

/// Double-quotes an SQL identifier (a database name cannot be a statement parameter).
func quotedIdentifier(_ name: String) -> String {
    "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}
