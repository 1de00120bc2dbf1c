import ArgumentParser
import ManagedPostgres
import PathwayStorage
import PostgresClient

/// `pathway db ...`: the database Pathway uses, and its schema.
struct DatabaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Manage the database: the local PostgreSQL and the schema.",
        discussion: """
        Which database is used: --database-url if given, else DATABASE_URL, else the PG* \
        variables libpq reads (PGHOST, PGDATABASE, ...), else a local PostgreSQL that pathway \
        runs itself under PATHWAY_HOME (default ~/.pathway), reachable only through a unix socket.
        """,
        subcommands: [Start.self, Stop.self, Status.self, Migrate.self]
    )

    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create (on first use) and start the local PostgreSQL.")

        @OptionGroup var output: OutputOptions

        func run() throws {
            let locator = DatabaseLocator(databaseURL: nil)
            let cluster = try locator.localCluster()
            let outcome = try cluster.ensureRunning()
            try DatabaseLocator.createDatabaseIfMissing(
                DatabaseLocator.localDatabase, on: ConnectionTarget(conninfo: cluster.conninfo(database: "postgres")))
            let words: String = switch outcome {
            case .alreadyRunning: "already running"
            case .started: "started"
            case .createdAndStarted: "created and started"
            }
            if output.json {
                try Terminal.printJSON(["state": words, "data": cluster.dataDirectory, "socket": cluster.socketDirectory])
            } else {
                print("local PostgreSQL \(words): data in \(cluster.dataDirectory), socket in \(cluster.socketDirectory)")
            }
            if locator.source != .localCluster {
                Terminal.note("note: commands use another database because \(locator.source.explanation)")
            }
        }
    }

    struct Stop: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the local PostgreSQL (its data stays).")

        @OptionGroup var output: OutputOptions

        func run() throws {
            let cluster = try DatabaseLocator(databaseURL: nil).localCluster()
            let stopped = try cluster.stop()
            let words = stopped ? "stopped" : "was not running"
            if output.json {
                try Terminal.printJSON(["state": words, "data": cluster.dataDirectory])
            } else {
                print("local PostgreSQL \(words) (data in \(cluster.dataDirectory))")
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Say which database is in use, how it was chosen, and its schema version.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        struct Report: Encodable {
            var source: String
            var reason: String
            var target: String
            var localData: String?
            var localSocket: String?
            var localState: String?
            var reachable: Bool
            var error: String?
            var schemaVersion: Int?
            var latestVersion: Int
        }

        func run() throws {
            let locator = DatabaseLocator(options: database)
            let migrator = try Migrator.bundled()
            var report = Report(
                source: locator.source.name,
                reason: locator.source.explanation, target: "", reachable: false, latestVersion: migrator.latestVersion)
            var target = locator.configuredTarget
            if locator.source == .localCluster {
                let cluster = try locator.localCluster()
                let state = cluster.status()
                report.localData = cluster.dataDirectory
                report.localSocket = cluster.socketDirectory
                report.localState = "\(state)"
                if state == .running { target = ConnectionTarget(conninfo: cluster.conninfo(database: DatabaseLocator.localDatabase)) }
                report.target = cluster.conninfo(database: DatabaseLocator.localDatabase)
            } else if let target {
                report.target = target.conninfo.isEmpty ? "(from the PG* variables)" : "\(target)"
            }
            if let target {
                do {
                    let connection = try target.connect()
                    defer { connection.close() }
                    report.reachable = true
                    report.schemaVersion = try migrator.appliedVersions(connection).max() ?? 0
                } catch {
                    report.error = "\(error)"
                }
            }
            if output.json {
                try Terminal.printJSON(report)
                return
            }
            print("database:  \(report.target)")
            print("chosen:    \(report.reason)")
            if let data = report.localData, let state = report.localState {
                print("local:     \(state); data in \(data)")
                if state != "running" { print("           `pathway db start` starts it (any other command does too)") }
            }
            if let error = report.error { print("reachable: no: \(error)") } else if target != nil { print("reachable: yes") }
            if let version = report.schemaVersion {
                let upToDate = version == migrator.latestVersion ? "up to date" : "`pathway db migrate` brings it to \(migrator.latestVersion)"
                print("schema:    version \(version) (\(upToDate))")
            }
        }
    }

    struct MigrationReport: Encodable {
        var applied: [String]
        var version: Int
    }

    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply the schema migrations the database lacks (safe to run again, or twice at once).")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let locator = DatabaseLocator(options: database)
            let connection = try locator.target().connect()
            defer { connection.close() }
            let migrator = try Migrator.bundled()
            let applied = try migrator.migrate(connection, actor: AuditLog.currentUser)
            if output.json {
                try Terminal.printJSON(MigrationReport(applied: applied.map(\.label), version: migrator.latestVersion))
                return
            }
            if applied.isEmpty {
                print("schema is up to date (version \(migrator.latestVersion))")
            } else {
                for migration in applied { print("applied \(migration.label)") }
                print("schema is at version \(migrator.latestVersion)")
            }
        }
    }
}
