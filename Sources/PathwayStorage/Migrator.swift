import PostgresClient

/// Brings a database's schema up to date, one numbered migration at a time.
///
/// Everything happens in one transaction under an advisory lock, so two `pathway db migrate`
/// started together apply each migration once (the second waits, then finds nothing to do),
/// and a failing migration leaves the schema as it was.
public struct Migrator: Sendable {
    /// The advisory lock key: "pathway" in ASCII, folded into 63 bits.
    static let lockKey: Int64 = 0x70_6174_6877_6179

    public let migrations: [Migration]

    public init(migrations: [Migration]) {
        self.migrations = migrations
    }

    /// The migrations shipped with this build.
    public static func bundled() throws -> Migrator {
        Migrator(migrations: try Migration.bundled())
    }

    /// The newest version this build knows.
    public var latestVersion: Int { migrations.last?.version ?? 0 }

    /// Applies the migrations the database lacks; returns them (empty when it was up to date).
    @discardableResult
    public func migrate(_ connection: PostgresConnection, actor: String) throws -> [Migration] {
        try connection.withTransaction { connection in
            try connection.query("SELECT pg_advisory_xact_lock($1)", [Migrator.lockKey])
            try connection.execute("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    integer PRIMARY KEY,
                    name       text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now(),
                    applied_by text NOT NULL
                )
                """)
            let applied = Set(try appliedVersions(connection))
            if let newest = applied.max(), newest > latestVersion {
                throw StorageError.schemaNewerThanProgram(databaseVersion: newest, programVersion: latestVersion)
            }
            let missing = migrations.filter { !applied.contains($0.version) }
            for migration in missing {
                try connection.execute(migration.sql)
                try connection.query(
                    "INSERT INTO schema_migrations (version, name, applied_by) VALUES ($1, $2, $3)",
                    [migration.version, migration.name, actor])
            }
            if !missing.isEmpty {
                try AuditLog.record(
                    connection, actor: actor, action: "schema.migrate",
                    details: ["applied": .array(missing.map { .string($0.label) })])
            }
            return missing
        }
    }

    /// The versions recorded in `schema_migrations`; empty when the table does not exist yet.
    public func appliedVersions(_ connection: PostgresConnection) throws -> [Int] {
        let exists = try connection.query("SELECT to_regclass('schema_migrations') IS NOT NULL")
        guard try exists.decode(Bool.self, row: 0, column: 0) else { return [] }
        let result = try connection.query("SELECT version FROM schema_migrations ORDER BY version")
        return try result.rows.map { try $0.decode(0, as: Int.self) }
    }
}
