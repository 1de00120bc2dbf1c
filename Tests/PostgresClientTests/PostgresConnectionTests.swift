import Foundation
import PathwayTestSupport
import PostgresClient
import Synchronization
import Testing

@Suite("PostgreSQL connection")
struct PostgresConnectionTests {
    let target: ConnectionTarget

    init() throws {
        target = try TestDatabase.makeDatabase("client")
    }

    @Test func chineseTextRoundTrips() throws {
        let connection = try target.connect()
        let text = "王小明 · 汽车运用与维修 «quoted» 𠀀"
        let result = try connection.query("SELECT $1::text AS name, length($1::text) AS characters", [text])
        #expect(try result.rows[0].decode("name", as: String.self) == text)
        #expect(try result.rows[0].decode("characters", as: Int.self) == text.count)
    }

    @Test func typedValuesAndNullsDecode() throws {
        let connection = try target.connect()
        let moment = Date(timeIntervalSince1970: 1_796_000_000.123456)
        let result = try connection.query(
            "SELECT $1::int AS i, $2::float8 AS d, $3::bool AS b, $4::date AS day, $5::timestamptz AS at, $6::text AS missing, 0.1::float8 + 0.2::float8 AS sum",
            [42, 0.1, true, PostgresDate(year: 2010, month: 2, day: 28), moment, nil])
        let row = result.rows[0]
        #expect(try row.decode("i", as: Int.self) == 42)
        #expect(try row.decode("d", as: Double.self) == 0.1)
        #expect(try row.decode("b", as: Bool.self) == true)
        #expect(try row.decode("day", as: PostgresDate.self) == PostgresDate(year: 2010, month: 2, day: 28))
        let at = try row.decode("at", as: Date.self)
        #expect(abs(at.timeIntervalSince1970 - moment.timeIntervalSince1970) < 0.000_001)
        #expect(try row.decode("missing", as: String?.self) == nil)
        #expect(try row.decode("sum", as: Double.self) == 0.1 + 0.2)
        #expect(throws: PostgresError.self) { try row.decode("missing", as: String.self) }
        #expect(throws: PostgresError.self) { try row.decode("nope", as: String.self) }
    }

    @Test func parametersNeverBecomeSQL() throws {
        let connection = try target.connect()
        try connection.execute("CREATE TABLE IF NOT EXISTS names (name text)")
        let hostile = "x'); DROP TABLE names; --"
        try connection.query("INSERT INTO names VALUES ($1)", [hostile])
        let result = try connection.query("SELECT count(*) FROM names WHERE name = $1", [hostile])
        #expect(try result.decode(Int.self, row: 0, column: 0) == 1)
    }

    @Test func uniqueViolationCarriesSQLState() throws {
        let connection = try target.connect()
        try connection.execute("CREATE TABLE uniq (id text PRIMARY KEY)")
        try connection.query("INSERT INTO uniq VALUES ($1)", ["a"])
        do {
            try connection.query("INSERT INTO uniq VALUES ($1)", ["a"])
            Issue.record("a duplicate key was accepted")
        } catch {
            #expect(error.code == .uniqueViolation)
            #expect(error.sqlState == "23505")
            #expect(error.message.contains("uniq_pkey"))
            #expect(error.detail?.contains("(id)=(a)") == true)
            #expect(!error.description.contains("(a)"), "the description must not quote row values")
        }
        // The connection is still usable after an error.
        #expect(try connection.query("SELECT 1").rowCount == 1)
    }

    @Test func failedConnectionSaysWhy() {
        do {
            _ = try PostgresConnection("host=/nonexistent-folder dbname=nothing connect_timeout=2")
            Issue.record("connected to a server that does not exist")
        } catch {
            #expect(error.kind == .connection)
            #expect(error.description.contains("could not connect to PostgreSQL"))
            #expect(error.description.contains("/nonexistent-folder"))
        }
    }

    @Test func transactionRollsBackOnError() throws {
        struct Refused: Error {}
        let connection = try target.connect()
        try connection.execute("CREATE TABLE tx (n int)")
        #expect(throws: Refused.self) {
            try connection.withTransaction { connection in
                try connection.query("INSERT INTO tx VALUES (1)")
                throw Refused()
            }
        }
        try connection.withTransaction { connection in _ = try connection.query("INSERT INTO tx VALUES (2)") }
        let result = try connection.query("SELECT coalesce(sum(n), 0) FROM tx")
        #expect(try result.decode(Int.self, row: 0, column: 0) == 2)
    }

    @Test func copyRoundTripsAwkwardValues() throws {
        let connection = try target.connect()
        try connection.execute("CREATE TABLE copied (id int, note text)")
        let notes: [String?] = [
            "a, b and c", "she said \"yes\"", "line one\nline two", "tab\there", "back\\slash",
            "王 \r\n 李", nil, "", "\\N",
        ]
        let copied = try connection.copyIn("COPY copied (id, note) FROM STDIN") { writer in
            for (index, note) in notes.enumerated() { try writer.writeRow([String(index), note]) }
        }
        #expect(copied == notes.count)
        let result = try connection.query("SELECT note FROM copied ORDER BY id")
        #expect(try result.rows.map { try $0.decode(0, as: String?.self) } == notes)

        var csv: [UInt8] = []
        try connection.copyOut("COPY (SELECT id, note FROM copied ORDER BY id) TO STDOUT WITH (FORMAT csv)") { csv += $0 }
        let text = String(decoding: csv, as: UTF8.self)
        #expect(text.contains("0,\"a, b and c\"\n"))
        #expect(text.contains("1,\"she said \"\"yes\"\"\"\n"))
        #expect(text.contains("2,\"line one\nline two\"\n"))
        #expect(text.contains("5,\"王 \r\n 李\"\n"))
    }

    @Test func copyIsCancelledWhenTheWriterThrows() throws {
        struct Stop: Error {}
        let connection = try target.connect()
        try connection.execute("CREATE TABLE cancelled (n int)")
        #expect(throws: Stop.self) {
            try connection.copyIn("COPY cancelled FROM STDIN") { writer in
                for n in 0..<1000 { try writer.writeRow([String(n)]) }
                throw Stop()
            }
        }
        let result = try connection.query("SELECT count(*) FROM cancelled")
        #expect(try result.decode(Int.self, row: 0, column: 0) == 0)
    }

    @Test func largeCopyStreamsInChunks() throws {
        let connection = try target.connect()
        try connection.execute("CREATE TABLE big (n int, label text)")
        let rows = 50_000
        let copied = try connection.copyIn("COPY big FROM STDIN") { writer in
            for n in 0..<rows { try writer.writeRow([String(n), "学生 \(n)"]) }
        }
        #expect(copied == rows)
        var lines = 0
        try connection.copyOut("COPY big TO STDOUT") { chunk in lines += chunk.filter { $0 == UInt8(ascii: "\n") }.count }
        #expect(lines == rows)
    }

    @Test func poolServesConcurrentTasksOneConnectionEach() async throws {
        let pool = ConnectionPool(target: target, maximumConnections: 3)
        defer { pool.shutdown() }
        // Each body holds its connection until a second is in use too (or 5 s pass), so the
        // test does not hang on how busy the machine's threads are with other suites.
        final class Held: Sendable { let counts = Mutex((now: 0, most: 0)) }
        let held = Held()
        let backendIDs = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<12 {
                group.addTask {
                    try await pool.withConnection { connection in
                        held.counts.withLock { $0.now += 1; $0.most = max($0.most, $0.now) }
                        defer { held.counts.withLock { $0.now -= 1 } }
                        let deadline = Date().addingTimeInterval(5)
                        while held.counts.withLock({ $0.most }) < 2 && Date() < deadline { usleep(10_000) }
                        let result = try connection.query("SELECT pg_backend_pid(), pg_sleep(0.02)")
                        return try result.decode(Int.self, row: 0, column: 0)
                    }
                }
            }
            return try await group.reduce(into: Set<Int>()) { $0.insert($1) }
        }
        #expect(backendIDs.count <= 3, "never more connections than the pool allows")
        #expect(backendIDs.count >= 2, "tasks ran on more than one connection")
    }

    @Test func poolPassesErrorsThroughAndRecovers() async throws {
        let pool = ConnectionPool(target: target, maximumConnections: 1)
        defer { pool.shutdown() }
        await #expect(throws: PostgresError.self) {
            try await pool.withConnection { connection in try connection.query("SELECT * FROM no_such_table") }
        }
        let value = try await pool.withConnection { connection in
            try connection.query("SELECT 7").decode(Int.self, row: 0, column: 0)
        }
        #expect(value == 7)
    }

    @Test func targetDescriptionHidesPasswords() {
        #expect(!ConnectionTarget(conninfo: "postgresql://pathway:s3cret@db:5432/pathway").description.contains("s3cret"))
        #expect(!ConnectionTarget(conninfo: "host=db password=s3cret dbname=x").description.contains("s3cret"))
    }
}
