import PathwayStorage
import PathwayTestSupport
import PostgresClient
import Testing

@Suite("Schema migrations")
struct MigratorTests {
    @Test func migrateAppliesOnceThenDoesNothing() throws {
        let connection = try TestDatabase.makeDatabase("migrate").connect()
        let migrator = try Migrator.bundled()
        let first = try migrator.migrate(connection, actor: "test")
        #expect(first.map(\.version) == migrator.migrations.map(\.version))
        #expect(try migrator.migrate(connection, actor: "test").isEmpty)
        #expect(try migrator.appliedVersions(connection) == migrator.migrations.map(\.version))
        let tables = try connection.query(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name = ANY($1::text[])",
            ["{schools,programs,students,match_runs,candidates,assignments,referrals,referral_events,api_tokens,audit_log}"])
        #expect(try tables.decode(Int.self, row: 0, column: 0) == 10)
        let audited = try connection.query("SELECT count(*) FROM audit_log WHERE action = 'schema.migrate'")
        #expect(try audited.decode(Int.self, row: 0, column: 0) == 1)
    }

    /// Migration 0008 moves the marks of students already stored from jsonb into the arrays.
    @Test func marksStoredAsJSONBecomeArraysInSubjectOrder() throws {
        let connection = try TestDatabase.makeDatabase("migrate_marks").connect()
        let all = try Migrator.bundled()
        try Migrator(migrations: all.migrations.filter { $0.version < 8 }).migrate(connection, actor: "test")
        try connection.query(
            """
            INSERT INTO students (student_id, name, latitude, longitude, scores) VALUES
                ('A', '甲', 27.5, 106.9, '{"math": 78, "chinese": 92.5}'), ('B', '乙', 27.5, 106.9, '{}')
            """)
        try all.migrate(connection, actor: "test")
        let rows = try connection.query(
            "SELECT array_to_string(score_subjects, ','), array_to_string(score_values, ',') FROM students ORDER BY student_id")
        #expect(try rows.decode(String.self, row: 0, column: 0) == "chinese,math")
        #expect(try rows.decode(String.self, row: 0, column: 1) == "92.5,78")
        #expect(try rows.decode(String.self, row: 1, column: 0) == "")
    }

    @Test func twoMigrationsAtOnceApplyEachVersionOnce() async throws {
        let target = try TestDatabase.makeDatabase("concurrent")
        let migrator = try Migrator.bundled()
        let applied = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    let connection = try target.connect()
                    return try migrator.migrate(connection, actor: "test").count
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(applied == migrator.migrations.count)
        let connection = try target.connect()
        let rows = try connection.query("SELECT count(*) FROM schema_migrations")
        #expect(try rows.decode(Int.self, row: 0, column: 0) == migrator.migrations.count)
    }

    @Test func aFailingMigrationLeavesNothingBehind() throws {
        let connection = try TestDatabase.makeDatabase("failing").connect()
        let broken = Migrator(migrations: [
            Migration(version: 1, name: "good", sql: "CREATE TABLE good (n int)"),
            Migration(version: 2, name: "bad", sql: "CREATE TABLE bad (n no_such_type)"),
        ])
        #expect(throws: PostgresError.self) { try broken.migrate(connection, actor: "test") }
        let exists = try connection.query("SELECT to_regclass('good') IS NULL AND to_regclass('schema_migrations') IS NULL")
        #expect(try exists.decode(Bool.self, row: 0, column: 0))
    }

    @Test func aNewerSchemaIsRefused() throws {
        let connection = try TestDatabase.makeDatabase("newer").connect()
        try Migrator.bundled().migrate(connection, actor: "test")
        let older = Migrator(migrations: [])
        #expect(throws: StorageError.self) { try older.migrate(connection, actor: "test") }
    }
}

@Suite("Schema rules")
struct SchemaTests {
    let connection: PostgresConnection

    init() throws {
        connection = try TestDatabase.makeDatabase("schema").connect()
        try Migrator.bundled().migrate(connection, actor: "test")
        try connection.query(
            "INSERT INTO schools (school_id, name, latitude, longitude) VALUES ($1, $2, $3, $4)",
            ["S1", "县职业技术学校", 27.5, 106.9])
    }

    private func program(seats: Int, holland: String?) throws {
        try connection.query(
            """
            INSERT INTO programs (program_id, school_id, name, category, holland_code, seats, latitude, longitude)
            VALUES ($1, 'S1', '汽车运用与维修', '70', $2, $3, 27.5, 106.9)
            """,
            ["P\(seats)\(holland ?? "")", holland, seats])
    }

    @Test func validRowsAreAccepted() throws {
        try program(seats: 40, holland: "RIC")
        try program(seats: 0, holland: nil)
    }

    @Test func negativeSeatsAreRefused() {
        #expect { try program(seats: -1, holland: "R") } throws: { ($0 as? PostgresError)?.code == .checkViolation }
    }

    @Test(arguments: ["X", "RR", "RIR", "IRR", "RII", "RIAS", "ric", ""])
    func badHollandCodesAreRefused(code: String) {
        #expect { try program(seats: 10, holland: code) } throws: { ($0 as? PostgresError)?.code == .checkViolation }
    }

    @Test func coordinatesOutOfRangeAreRefused() {
        #expect {
            try connection.query(
                "INSERT INTO schools (school_id, name, latitude, longitude) VALUES ('S2', 'x', 91, 0)")
        } throws: { ($0 as? PostgresError)?.code == .checkViolation }
    }

    @Test func programsNeedAnExistingSchool() {
        #expect {
            try connection.query(
                "INSERT INTO programs (program_id, school_id, name, category, seats, latitude, longitude) VALUES ('P', 'nope', 'x', '70', 1, 0, 0)")
        } throws: { ($0 as? PostgresError)?.code == .foreignKeyViolation }
    }

    @Test func auditLogIsAppendOnly() throws {
        try AuditLog.record(connection, actor: "test", action: "test.entry", details: ["rows": 3, "file": "a\"b.csv"])
        let details = try connection.query("SELECT details->>'file', (details->>'rows')::int FROM audit_log WHERE action = 'test.entry'")
        #expect(try details.decode(String.self, row: 0, column: 0) == "a\"b.csv")
        #expect(try details.decode(Int.self, row: 0, column: 1) == 3)
        #expect(throws: PostgresError.self) { try connection.execute("DELETE FROM audit_log") }
        #expect(throws: PostgresError.self) { try connection.execute("UPDATE audit_log SET actor = 'someone else'") }
        #expect(throws: PostgresError.self) { try connection.execute("TRUNCATE audit_log") }
    }
}
