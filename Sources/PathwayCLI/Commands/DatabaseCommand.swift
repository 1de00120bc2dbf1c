import ArgumentParser
import ManagedPostgres
import PathwayStorage
import PostgresClient
import PathwayWorkflows

/// `pathway db ...`: the database Pathway uses, and its schema.
struct DatabaseCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "db",
            abstract: L("Manage the database: the local PostgreSQL and the schema.", "管理数据库：本机 PostgreSQL 和数据库结构。"),
            discussion: L(
                """
                Which database is used: --database-url if given, else DATABASE_URL, else the PG* \
                variables libpq reads (PGHOST, PGDATABASE, ...), else a local PostgreSQL that pathway \
                runs itself under PATHWAY_HOME (default ~/.pathway), reachable only through a unix socket.
                """,
                """
                使用哪个数据库：有 --database-url 就用它，否则用 DATABASE_URL，否则用 libpq 读取的 PG* \
                变量（PGHOST、PGDATABASE……），都没有时用 pathway 自己在 PATHWAY_HOME（默认 ~/.pathway）\
                下运行的本机 PostgreSQL，只能通过 unix 套接字访问。
                """),
            subcommands: [Start.self, Stop.self, Status.self, Migrate.self, Backup.self, Restore.self]
        )
    }

    struct Start: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("Create (on first use) and start the local PostgreSQL.", "创建（第一次使用时）并启动本机 PostgreSQL。")
            )
        }

        @OptionGroup var output: OutputOptions

        func run() throws {
            let locator = DatabaseLocator(databaseURL: nil)
            let cluster = try locator.localCluster()
            let outcome = try cluster.ensureRunning()
            try DatabaseLocator.createDatabaseIfMissing(
                DatabaseLocator.localDatabase, on: ConnectionTarget(conninfo: cluster.conninfo(database: "postgres")))
            let state: String = switch outcome {
            case .alreadyRunning: "already running"
            case .started: "started"
            case .createdAndStarted: "created and started"
            }
            if output.json {
                try console.json(["state": state, "data": cluster.dataDirectory, "socket": cluster.socketDirectory])
            } else {
                let words: String = switch outcome {
                case .alreadyRunning: L("already running", "已在运行")
                case .started: L("started", "已启动")
                case .createdAndStarted: L("created and started", "已创建并启动")
                }
                console.line(L("local PostgreSQL \(words): data in \(cluster.dataDirectory), socket in \(cluster.socketDirectory)",
                               "本机 PostgreSQL \(words)：数据在 \(cluster.dataDirectory)，套接字在 \(cluster.socketDirectory)"))
            }
            if locator.source != .localCluster {
                console.note(L("note: commands use another database because \(locator.source.explanation)",
                               "注意：其他命令使用另一个数据库，因为\(DatabaseCommand.reason(locator.source))"))
            }
        }
    }

    struct Stop: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("Stop the local PostgreSQL (its data stays).", "停止本机 PostgreSQL（数据保留）。")
            )
        }

        @OptionGroup var output: OutputOptions

        func run() throws {
            let cluster = try DatabaseLocator(databaseURL: nil).localCluster()
            let stopped = try cluster.stop()
            if output.json {
                try console.json(["state": stopped ? "stopped" : "was not running", "data": cluster.dataDirectory])
            } else {
                let words = stopped ? L("stopped", "已停止") : L("was not running", "本来就没有运行")
                console.line(L("local PostgreSQL \(words) (data in \(cluster.dataDirectory))",
                               "本机 PostgreSQL \(words)（数据在 \(cluster.dataDirectory)）"))
            }
        }
    }

    struct Status: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("Say which database is in use, how it was chosen, and its schema version.",
                            "说明正在使用哪个数据库、为什么选它，以及它的结构版本。")
            )
        }

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
            let locator = database.locator
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
                    report.error = Messages.describe(error)
                }
            }
            if output.json {
                try console.json(report)
                return
            }
            var lines = TextTable(["", ""])
            lines.append([L("database:", "数据库："), report.target])
            lines.append([L("chosen:", "选择原因："), L(report.reason, DatabaseCommand.reason(locator.source))])
            if let data = report.localData, let state = report.localState {
                lines.append([L("local:", "本机："), L("\(state); data in \(data)", "\(state)；数据在 \(data)")])
                if state != "running" {
                    lines.append(["", L("`pathway db start` starts it (any other command does too)", "`pathway db start` 可启动它（其他命令也会启动它）")])
                }
            }
            if let error = report.error {
                lines.append([L("reachable:", "可连接："), L("no: ", "否：") + error])
            } else if target != nil {
                lines.append([L("reachable:", "可连接："), L("yes", "是")])
            }
            if let version = report.schemaVersion {
                let latest = migrator.latestVersion
                let upToDate = version == latest
                    ? L("up to date", "已是最新") : L("`pathway db migrate` brings it to \(latest)", "`pathway db migrate` 可升级到 \(latest)")
                lines.append([L("schema:", "结构："), L("version \(version) (\(upToDate))", "版本 \(version)（\(upToDate)）")])
            }
            console.line(lines.bodyText)
        }
    }

    struct MigrationReport: Encodable {
        var applied: [String]
        var version: Int
    }

    struct Migrate: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("Apply the schema migrations the database lacks (safe to run again, or twice at once).",
                            "执行数据库缺少的结构迁移（可以重复运行，也可以同时运行两次）。")
            )
        }

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let connection = try database.locator.target().connect()
            defer { connection.close() }
            let migrator = try Migrator.bundled()
            let applied = try migrator.migrate(connection, actor: AuditLog.currentUser)
            if output.json {
                try console.json(MigrationReport(applied: applied.map(\.label), version: migrator.latestVersion))
                return
            }
            if applied.isEmpty {
                console.line(L("schema is up to date (version \(migrator.latestVersion))", "数据库结构已是最新（版本 \(migrator.latestVersion)）"))
            } else {
                for migration in applied { console.line(L("applied \(migration.label)", "已执行 \(migration.label)")) }
                console.line(L("schema is at version \(migrator.latestVersion)", "数据库结构现为版本 \(migrator.latestVersion)"))
            }
        }
    }

    struct Backup: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("Write the whole database to one file (pg_dump), to restore after a mistake.",
                            "把整个数据库写入一个文件（pg_dump），出错后可以恢复。"),
                discussion: L(
                    "The file holds minors' data: keep it as carefully as the database. Every backup is recorded in the audit log.\n\nExample: pathway db backup 青岚县-2026-12-02.dump",
                    "文件中有未成年人的信息，请像数据库一样妥善保管。每次备份都记入审计日志。\n\n示例：pathway db backup 青岚县-2026-12-02.dump")
            )
        }
        @Argument(help: ArgumentHelp(L("The file to write (replaced whole when done).", "要写入的文件（完成后整个替换）。"), valueName: "file"))
        var path: String
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let target = try database.locator.target()
            let size = try DatabaseBackup(target: target, actor: AuditLog.currentUser).backup(to: path)
            console.line(L("wrote the database to \(path) (\(size / 1024) KB)", "已把数据库写入 \(path)（\(size / 1024) KB）"))
        }
    }

    struct Restore: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("Replace the database's contents with a backup (pg_restore), all or nothing.",
                            "用备份替换数据库的内容（pg_restore），要么全部恢复，要么什么也不变。"),
                discussion: L(
                    "A database that holds students, schools or runs is replaced only with --yes: what it holds now is lost.\n\nExample: pathway db restore 青岚县-2026-12-02.dump --yes",
                    "数据库中已有学生、学校或匹配时，只有加 --yes 才会替换：现有内容会丢失。\n\n示例：pathway db restore 青岚县-2026-12-02.dump --yes")
            )
        }
        @Argument(help: ArgumentHelp(L("The backup file.", "备份文件。"), valueName: "file"))
        var path: String
        @Flag(help: ArgumentHelp(L("Replace a database that holds data.", "替换已有数据的数据库。")))
        var yes = false
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let target = try database.locator.target()
            try DatabaseBackup(target: target, actor: AuditLog.currentUser).restore(from: path, overwrite: yes)
            // A backup made by an older pathway is brought up to date.
            let connection = try database.locator.open()
            connection.close()
            console.line(L("restored the database from \(path)", "已从 \(path) 恢复数据库"))
        }
    }

    /// Why this database was chosen, in Chinese.
    static func reason(_ source: DatabaseLocator.Source) -> String {
        switch source {
        case .option: "给出了 --database-url"
        case .databaseURL: "设置了 DATABASE_URL"
        case .libpqEnvironment(let names): "设置了 libpq 变量（\(names.joined(separator: "、"))）"
        case .localCluster: "什么都没有配置，所以 pathway 使用自己的本机 PostgreSQL"
        }
    }
}
