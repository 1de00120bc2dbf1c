import Dispatch
import Synchronization

/// Hands out up to `maximumConnections` PostgreSQL connections to concurrent tasks, one task
/// per connection at a time.
///
/// Use it where many tasks need the database (the HTTP server); a command-line command that
/// runs one statement after another needs only a `PostgresConnection`.
///
/// - Connections open on demand, up to `maximumConnections`, and stay open for the next
///   caller once a body returns.
/// - When all of them are in use, a caller waits its turn (first come, first served) for up
///   to `acquireTimeout`; if none becomes free by then, `withConnection` throws a
///   `ConnectionPoolError` with code `.acquireTimeout`, so that an overloaded or stuck server
///   answers with an error instead of piling up requests forever. A task cancelled while it
///   waits stops waiting and gets `CancellationError`.
/// - Once closed (`close()`, or `shutdown()`), the pool hands out nothing more: idle
///   connections are closed at once, connections in use are closed when their body returns,
///   every waiting caller is woken with `ConnectionPoolError.closed`, and every later call
///   fails at once with the same error. Closing twice does no harm.
///
/// libpq blocks its thread, so `body` runs on a Dispatch thread and never on Swift's
/// cooperative pool or an event loop. A connection found broken (the server restarted) is
/// dropped and a new one is opened on the next request, so the pool recovers by itself once
/// the server is back.
public final class ConnectionPool: Sendable {
    /// What a caller gets: a connection that sat idle, or a place to open a new one.
    private enum Lease: Sendable {
        case idle(PostgresConnection)
        case open
    }

    /// A caller waiting for a lease. The id lets a timeout or a cancellation remove this
    /// waiter, and only this one, so that its continuation is resumed exactly once: by whoever
    /// takes it out of `State.waiters` under the lock.
    private struct Waiter: Sendable {
        let id: UInt64
        let continuation: CheckedContinuation<Lease, any Error>
    }

    private struct State {
        var idle: [PostgresConnection] = []
        /// Connections open or being opened, idle or in use.
        var opened = 0
        /// Oldest first.
        var waiters: [Waiter] = []
        var lastWaiterID: UInt64 = 0
        var isClosed = false

        var inUse: Int { opened - idle.count }

        /// A lease when one is to be had at once: an idle connection, or room to open one.
        mutating func grant(maximum: Int) -> Lease? {
            if let connection = idle.popLast() { return .idle(connection) }
            guard opened < maximum else { return nil }
            opened += 1
            return .open
        }
    }

    private enum Attempt: Sendable {
        case granted(Lease)
        case refused(any Error)
        case wait(id: UInt64)
    }

    private enum Abandonment {
        case timedOut
        case cancelled
    }

    /// The database the connections open (also for work that needs a connection of its own).
    public let target: ConnectionTarget
    /// Most connections open at once.
    public let maximumConnections: Int
    /// Longest a caller waits for a free connection before `withConnection` throws
    /// `ConnectionPoolError` with code `.acquireTimeout`.
    public let acquireTimeout: Duration
    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "pathway.postgres.pool", attributes: .concurrent)

    /// - Parameters:
    ///   - target: the database the connections open.
    ///   - maximumConnections: the most connections this pool opens (at least 1); callers
    ///     beyond it wait.
    ///   - acquireTimeout: how long a caller waits for a free connection before it gets an
    ///     error; a negative value counts as zero.
    public init(target: ConnectionTarget, maximumConnections: Int = 4, acquireTimeout: Duration = .seconds(10)) {
        self.target = target
        self.maximumConnections = max(1, maximumConnections)
        self.acquireTimeout = max(.zero, acquireTimeout)
    }

    /// Whether the pool has been closed; a closed pool hands out no connections.
    public var isClosed: Bool {
        state.withLock { $0.isClosed }
    }

    /// How many callers are waiting for a free connection right now.
    public var waitingCount: Int {
        state.withLock { $0.waiters.count }
    }

    /// Runs `body` with a connection of its own, on a Dispatch thread where blocking is allowed.
    ///
    /// An idle connection the server closed meanwhile is replaced by a new one first. When
    /// `body` leaves the connection broken or inside a transaction, the connection is dropped
    /// rather than handed to the next caller.
    ///
    /// - Throws: `ConnectionPoolError` when the pool is closed (`.closed`) or no connection
    ///   became free within `acquireTimeout` (`.acquireTimeout`); `CancellationError` when the
    ///   task is cancelled while it waits; `PostgresError` when a connection cannot be opened;
    ///   and whatever `body` throws.
    public func withConnection<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        let lease = try await lease()
        let target = self.target
        return try await withCheckedThrowingContinuation { continuation in
            queue.async {
                let connection: PostgresConnection
                do {
                    switch lease {
                    case .idle(let idle) where idle.isAlive: connection = idle
                    case .idle(let stale):
                        // The server went away while it sat idle (a restart): open a new one
                        // rather than fail this request on the old one.
                        stale.close()
                        connection = try target.connect()
                    case .open: connection = try target.connect()
                    }
                } catch {
                    self.release(nil)
                    continuation.resume(throwing: error)
                    return
                }
                let outcome = Result { try body(connection) }
                self.release(connection)
                continuation.resume(with: outcome)
            }
        }
    }

    /// Closes the pool: idle connections close at once, connections in use close when their
    /// body returns, waiting callers get `ConnectionPoolError.closed`, and so does every later
    /// `withConnection`. Calling it again does nothing.
    public func close() {
        let (idle, waiters) = state.withLock { state -> ([PostgresConnection], [Waiter]) in
            guard !state.isClosed else { return ([], []) }
            state.isClosed = true
            let idle = state.idle
            state.opened -= idle.count
            state.idle.removeAll()
            let waiters = state.waiters
            state.waiters.removeAll()
            return (idle, waiters)
        }
        for waiter in waiters { waiter.continuation.resume(throwing: ConnectionPoolError.closed) }
        idle.forEach { $0.close() }
    }

    /// The same as `close()`.
    public func shutdown() {
        close()
    }

    // MARK: - Leases

    private func lease() async throws -> Lease {
        let maximum = maximumConnections
        let attempt = state.withLock { state -> Attempt in
            if state.isClosed { return .refused(ConnectionPoolError.closed) }
            if let lease = state.grant(maximum: maximum) { return .granted(lease) }
            state.lastWaiterID &+= 1
            return .wait(id: state.lastWaiterID)
        }
        switch attempt {
        case .granted(let lease): return lease
        case .refused(let error): throw error
        case .wait(id: let id): return try await waitForLease(id: id)
        }
    }

    /// Queues the caller until `release` hands it a lease, `close()` refuses it, its deadline
    /// passes or its task is cancelled, whichever comes first.
    private func waitForLease(id: UInt64) async throws -> Lease {
        let maximum = maximumConnections
        let timeout = acquireTimeout
        let deadline = ContinuousClock.now.advanced(by: timeout)
        let timer = Task.detached { [self] in
            do {
                try await Task.sleep(until: deadline, clock: .continuous)
            } catch {
                return // The wait ended first and cancelled the timer.
            }
            abandonWait(id, because: .timedOut)
        }
        defer { timer.cancel() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Lease, any Error>) in
                // Checked again under the lock: a connection may have come back, the pool may
                // have closed, the task may have been cancelled or the timer may have fired
                // (finding no waiter) since `lease()` looked.
                let outcome = state.withLock { state -> Result<Lease, any Error>? in
                    if state.isClosed { return .failure(ConnectionPoolError.closed) }
                    if let lease = state.grant(maximum: maximum) { return .success(lease) }
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if ContinuousClock.now >= deadline {
                        return .failure(ConnectionPoolError.acquireTimeout(after: timeout, connectionsInUse: state.inUse))
                    }
                    state.waiters.append(Waiter(id: id, continuation: continuation))
                    return nil
                }
                if let outcome { continuation.resume(with: outcome) }
            }
        } onCancel: {
            self.abandonWait(id, because: .cancelled)
        }
    }

    /// Takes waiter `id` out of the queue and resumes it with the error; does nothing when it
    /// is no longer there (it got a lease, or the pool closed).
    private func abandonWait(_ id: UInt64, because reason: Abandonment) {
        let timeout = acquireTimeout
        let found = state.withLock { state -> (Waiter, any Error)? in
            guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
            let waiter = state.waiters.remove(at: index)
            switch reason {
            case .timedOut:
                return (waiter, ConnectionPoolError.acquireTimeout(after: timeout, connectionsInUse: state.inUse))
            case .cancelled:
                return (waiter, CancellationError())
            }
        }
        if let found { found.0.continuation.resume(throwing: found.1) }
    }

    /// Gives a connection back: to the oldest waiter, or to the idle ones. A broken or missing
    /// connection (or one left inside a transaction) is closed, and its place passes to the
    /// oldest waiter, who opens a new one. After `close()`, every connection that comes back
    /// is closed.
    private func release(_ connection: PostgresConnection?) {
        let reusable: PostgresConnection? =
            if let connection, connection.isHealthy, !connection.isInTransaction { connection } else { nil }
        let (handOff, discard) = state.withLock { state -> ((Waiter, Lease)?, PostgresConnection?) in
            if state.isClosed {
                state.opened -= 1
                return (nil, connection)
            }
            if !state.waiters.isEmpty {
                let waiter = state.waiters.removeFirst()
                if let reusable { return ((waiter, .idle(reusable)), nil) }
                return ((waiter, .open), connection)
            }
            if let reusable {
                state.idle.append(reusable)
                return (nil, nil)
            }
            state.opened -= 1
            return (nil, connection)
        }
        discard?.close()
        if let handOff { handOff.0.continuation.resume(returning: handOff.1) }
    }
}

/// Why a `ConnectionPool` handed out no connection.
///
/// `description` is a plain sentence for a server log: what happened and, for a timeout, how
/// long the caller waited and how many connections were busy. It never names the database,
/// its address or credentials.
public struct ConnectionPoolError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        let name: String
        /// The pool was closed before or while the caller waited.
        public static let closed = Code(name: "pool closed")
        /// Every connection stayed in use for longer than the pool's `acquireTimeout`.
        public static let acquireTimeout = Code(name: "acquire timeout")
        /// A short name for the code, e.g. "acquire timeout".
        public var description: String { name }
    }

    /// What went wrong.
    public let code: Code
    /// How long the caller waited (the pool's `acquireTimeout`); `nil` unless the code is
    /// `.acquireTimeout`.
    public let timeout: Duration?
    /// How many connections were in use when the caller gave up; `nil` unless the code is
    /// `.acquireTimeout`.
    public let connectionsInUse: Int?

    /// The error of a closed pool.
    public static let closed = ConnectionPoolError(code: .closed, timeout: nil, connectionsInUse: nil)

    static func acquireTimeout(after timeout: Duration, connectionsInUse: Int) -> ConnectionPoolError {
        ConnectionPoolError(code: .acquireTimeout, timeout: timeout, connectionsInUse: connectionsInUse)
    }

    /// A sentence for a log, e.g. "no database connection became free within 10 s (4 in use)".
    public var description: String {
        guard code == .acquireTimeout else {
            return "the database connection pool is closed, so no connection was handed out"
        }
        let waited = timeout.map { " within \(Self.spoken($0))" } ?? ""
        let busy = connectionsInUse.map { " (\($0) in use)" } ?? ""
        return "no database connection became free\(waited)\(busy)"
    }

    /// "10 s", "200 ms", "1500 ms": whole seconds when that is exact (or a minute or more).
    private static func spoken(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let milliseconds = attoseconds / 1_000_000_000_000_000
        if seconds >= 60 || (seconds > 0 && milliseconds == 0) { return "\(seconds) s" }
        return "\(seconds * 1000 + milliseconds) ms"
    }
}
