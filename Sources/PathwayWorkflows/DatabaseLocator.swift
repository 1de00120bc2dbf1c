import Foundation
import ManagedPostgres
import PathwayCore
import PathwayStorage
import PostgresClient

/// Decides which PostgreSQL a command uses, and says why.
///
/// In order: `--database-url`, `DATABASE_URL`, the `PG*` variables libpq reads, and otherwise
/// the local cluster under `PATHWAY_HOME`, created and started on first use.
public struct DatabaseLocator: Sendable {
    /// How the database was chosen, for `pathway db status`.
    public enum Source: Sendable, Equatable {
        case option
        case databaseURL
        case libpqEnvironment([String])
        case localCluster

        /// A short name for scripts (`pathway db status --json`).
        public var name: String {
            switch self {
            case .option: "option"
            case .databaseURL: "DATABASE_URL"
            case .libpqEnvironment: "libpq-environment"
            case .localCluster: "local"
            }
        }

        public var explanation: String {
            switch self {
            case .option: "--database-url was given"
            case .databaseURL: "DATABASE_URL is set"
            case .libpqEnvironment(let names): "libpq variables are set (\(names.joined(separator: ", ")))"
            case .localCluster: "nothing is configured, so pathway uses its own local PostgreSQL"
            }
        }
    }

    /// The database name used in the local cluster.
    public static let localDatabase = "pathway"
    /// libpq's variables that name a server; any of them set means "configured".
    static let libpqVariables = ["PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGUSER", "PGSERVICE"]

    public let source: Source
    public let configuredTarget: ConnectionTarget?
    public let environment: [String: String]
    /// Where the locator says what it did (started the local PostgreSQL, migrated the schema).
    public let note: @Sendable (Note) -> Void

    /// What the locator did on the way to a connection, for the person at the terminal.
    public enum Note: Sendable, Hashable {
        case startedLocal(root: String)
        case createdAndStartedLocal(root: String)
        case migrated([String])
    }

    public init(
        databaseURL: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
        note: @escaping @Sendable (Note) -> Void = { _ in }
    ) {
        self.note = note
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
    public var home: String {
        if let home = environment["PATHWAY_HOME"], !home.isEmpty { return home }
        let userHome = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return "\(userHome)/.pathway"
    }

    /// The local cluster's description (it may not exist yet).
    public func localCluster() throws -> LocalCluster {
        try LocalCluster(home: home)
    }

    /// The database to use, starting the local cluster when it is the one. Says once on stderr
    /// when it had to create or start it.
    public func target(database: String? = nil) throws -> ConnectionTarget {
        if let configuredTarget {
            return database.map { configuredTarget.database($0) } ?? configuredTarget
        }
        let cluster = try localCluster()
        let outcome = try cluster.ensureRunning()
        switch outcome {
        case .alreadyRunning: break
        case .started: note(.startedLocal(root: cluster.root))
        case .createdAndStarted: note(.createdAndStartedLocal(root: cluster.root))
        }
        let name = database ?? DatabaseLocator.localDatabase
        try DatabaseLocator.createDatabaseIfMissing(name, on: ConnectionTarget(conninfo: cluster.conninfo(database: "postgres")))
        return ConnectionTarget(conninfo: cluster.conninfo(database: name))
    }

    /// Creates `name` on the server unless it exists; two callers at once are fine.
    public static func createDatabaseIfMissing(_ name: String, on server: ConnectionTarget) throws {
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
    public func open(database: String? = nil) throws -> PostgresConnection {
        let connection = try target(database: database).connect()
        do {
            let applied = try Migrator.bundled().migrate(connection, actor: AuditLog.currentUser)
            if !applied.isEmpty { note(.migrated(applied.map(\.label))) }
        } catch {
            connection.close()
            throw error
        }
        return connection
    }

    /// A workspace on the database, schema up to date.
    public func workspace(region: Region, actor: String, database: String? = nil) throws -> Workspace {
        Workspace(connection: try open(database: database), region: region, actor: actor)
    }

    /// The database `name` dropped (with whatever is connected to it) and made again, empty but
    /// for the schema: the demo's fresh start. Never call it on a database that holds real work.
    public func freshDatabase(named name: String, region: Region, actor: String) throws -> Workspace {
        let server = try target()
        let admin = try server.connect()
        defer { admin.close() }
        try admin.execute("DROP DATABASE IF EXISTS \(quotedIdentifier(name)) WITH (FORCE)")
        try Self.createDatabaseIfMissing(name, on: server)
        return try workspace(region: region, actor: actor, database: name)
    }
}

/// Double-quotes an SQL identifier (a database name cannot be a statement parameter).
func quotedIdentifier(_ name: String) -> String {
    "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}

/// Whether a database answers: the server's `/healthz`.
public enum DatabaseHealth {
    /// Runs the cheapest statement there is; throws when the database does not answer.
    public static func check(_ connection: PostgresConnection) throws {
        try connection.execute("SELECT 1")
    }
}
