import PathwayTestSupport
import PostgresClient
import Synchronization
import Testing

@Suite("Connection pool")
struct ConnectionPoolTests {
    let target: ConnectionTarget

    init() throws {
        target = try TestDatabase.makeDatabase("pool")
    }

    @Test func aCallerGivesUpAfterTheAcquireTimeoutAndThePoolStillWorks() async throws {
        let pool = ConnectionPool(target: target, maximumConnections: 1, acquireTimeout: .milliseconds(200))
        defer { pool.shutdown() }
        let gate = try Gate(target: target)
        defer { gate.close() }
        let holder = await hold(pool, until: gate)

        let started = ContinuousClock.now
        let error = await #expect(throws: ConnectionPoolError.self) {
            try await pool.withConnection { _ in 1 }
        }
        let waited = ContinuousClock.now - started
        #expect(error?.code == .acquireTimeout)
        #expect(error?.timeout == Duration.milliseconds(200))
        #expect(error?.connectionsInUse == 1)
        #expect(error?.description == "no database connection became free within 200 ms (1 in use)")
        #expect(waited >= .milliseconds(200), "the caller waited the whole acquire timeout")
        #expect(pool.waitingCount == 0, "the caller that gave up left the queue")

        // The connection comes back to the pool, not to the caller that gave up.
        try gate.open()
        _ = try await holder.value
        let value = try await pool.withConnection { (connection: PostgresConnection) throws -> Int in
            try connection.query("SELECT 7").decode(Int.self, row: 0, column: 0)
        }
        #expect(value == 7)
    }

    @Test func aClosedPoolRefusesAtOnceAndClosesIdleConnections() async throws {
        let pool = ConnectionPool(target: target, maximumConnections: 2)
        let pid = try await pool.withConnection { try backendPID($0) }
        #expect(!pool.isClosed)

        pool.shutdown()
        pool.shutdown()
        pool.close()
        #expect(pool.isClosed)
        #expect(try await sessionEnds(pid), "the idle connection was closed")

        let error = await #expect(throws: ConnectionPoolError.self) {
            try await pool.withConnection { _ in 1 }
        }
        #expect(error?.code == .closed)
        #expect(error == ConnectionPoolError.closed)
        #expect(error?.description == "the database connection pool is closed, so no connection was handed out")
    }

    @Test func closingWakesWaitersAndClosesBusyConnectionsWhenTheyComeBack() async throws {
        let pool = ConnectionPool(target: target, maximumConnections: 1, acquireTimeout: .seconds(300))
        defer { pool.shutdown() }
        let gate = try Gate(target: target)
        defer { gate.close() }
        let holder = await hold(pool, until: gate)
        let waiter = Task { try await pool.withConnection { _ in 1 } }
        let waiting = try await eventually { pool.waitingCount == 1 }
        #expect(waiting, "the second caller is waiting")

        pool.shutdown()
        let error = await #expect(throws: ConnectionPoolError.self) { try await waiter.value }
        #expect(error?.code == .closed)
        #expect(pool.waitingCount == 0)

        // The body in use runs to its end; its connection is closed, not kept.
        try gate.open()
        let pid = try await holder.value
        #expect(try await sessionEnds(pid), "the connection in use was closed when it came back")
        await #expect(throws: ConnectionPoolError.self) { try await pool.withConnection { _ in 1 } }
    }

    @Test func aCancelledWaiterLeavesTheQueue() async throws {
        let pool = ConnectionPool(target: target, maximumConnections: 1, acquireTimeout: .seconds(300))
        defer { pool.shutdown() }
        let gate = try Gate(target: target)
        defer { gate.close() }
        let holder = await hold(pool, until: gate)
        let waiter = Task { try await pool.withConnection { _ in 1 } }
        let waiting = try await eventually { pool.waitingCount == 1 }
        #expect(waiting, "the second caller is waiting")

        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        #expect(pool.waitingCount == 0)

        try gate.open()
        _ = try await holder.value
        let value = try await pool.withConnection { (connection: PostgresConnection) throws -> Int in
            try connection.query("SELECT 8").decode(Int.self, row: 0, column: 0)
        }
        #expect(value == 8)
    }

    @Test func twentyBodiesNeverRunOnMoreThanTwoConnections() async throws {
        let pool = ConnectionPool(target: target, maximumConnections: 2, acquireTimeout: .seconds(300))
        defer { pool.shutdown() }
        let meter = Meter()
        let backends = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    try await pool.withConnection { (connection: PostgresConnection) throws -> Int in
                        meter.enter()
                        defer { meter.leave() }
                        let result = try connection.query("SELECT pg_backend_pid(), pg_sleep(0.02)")
                        return try result.decode(Int.self, row: 0, column: 0)
                    }
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(backends.count == 20)
        #expect(meter.total == 20)
        #expect(meter.peak <= 2, "never more bodies at once than the pool has connections")
        #expect(meter.peak >= 1)
        #expect(Set(backends).count <= 2, "never more connections than the pool allows")
        #expect(pool.waitingCount == 0)
    }

    // MARK: - Helpers

    /// Starts a task that takes one of the pool's connections and keeps it until `gate` opens;
    /// returns once the task holds the connection. The task's value is the connection's
    /// server process id.
    private func hold(_ pool: ConnectionPool, until gate: Gate) async -> Task<Int, any Error> {
        let (started, signal) = AsyncStream<Void>.makeStream()
        let key = gate.key
        let task = Task {
            defer { signal.finish() }
            return try await pool.withConnection { (connection: PostgresConnection) throws -> Int in
                try connection.withTransaction { (connection: PostgresConnection) throws -> Int in
                    // Never hang the test run, even when an expectation fails before the gate opens.
                    try connection.execute("SET LOCAL statement_timeout = '300s'")
                    let pid = try backendPID(connection)
                    signal.yield()
                    _ = try connection.query("SELECT pg_advisory_xact_lock($1)", [key])
                    return pid
                }
            }
        }
        for await _ in started { break }
        return task
    }

    /// Waits, a minute at most, until the server has no session with process id `pid`;
    /// whether it ended.
    private func sessionEnds(_ pid: Int) async throws -> Bool {
        let observer = try target.connect()
        defer { observer.close() }
        return try await eventually {
            let result = try? observer.query("SELECT count(*) FROM pg_stat_activity WHERE pid = $1", [pid])
            return (try? result?.decode(Int.self, row: 0, column: 0)) == 0
        }
    }
}

/// The server process id of the connection's session.
private func backendPID(_ connection: PostgresConnection) throws -> Int {
    try connection.query("SELECT pg_backend_pid()").decode(Int.self, row: 0, column: 0)
}

/// Checks `condition` until it holds, a minute at most; whether it came to hold. A slow
/// machine only makes it take longer.
private func eventually(_ condition: () -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + .seconds(60)
    while !condition() {
        if ContinuousClock.now >= deadline { return false }
        try await Task.sleep(for: .milliseconds(10))
    }
    return true
}

/// A PostgreSQL advisory lock held on a connection of its own: a session that asks for the
/// same lock waits until `open()`. Advisory locks belong to one database, and each test has
/// its own, so tests running in parallel do not meet.
private struct Gate: Sendable {
    let key = 4_242
    private let connection: PostgresConnection

    init(target: ConnectionTarget) throws {
        connection = try target.connect()
        try connection.query("SELECT pg_advisory_lock($1)", [key])
    }

    func open() throws {
        try connection.query("SELECT pg_advisory_unlock($1)", [key])
    }

    /// Ends the session, which also opens the gate.
    func close() {
        connection.close()
    }
}

/// Counts the bodies running at once.
private final class Meter: Sendable {
    private let counts = Mutex((running: 0, peak: 0, total: 0))

    func enter() {
        counts.withLock { counts in
            counts.running += 1
            counts.total += 1
            counts.peak = max(counts.peak, counts.running)
        }
    }

    func leave() {
        counts.withLock { $0.running -= 1 }
    }

    var peak: Int { counts.withLock { $0.peak } }
    var total: Int { counts.withLock { $0.total } }
}
