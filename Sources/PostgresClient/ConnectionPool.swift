import Dispatch
import Synchronization

/// Hands out connections to concurrent tasks, one task per connection at a time.
///
/// Use it where many tasks need the database (the HTTP server); a command-line command that
/// runs one statement after another needs only a `PostgresConnection`. libpq blocks its
/// thread, so the work runs on a Dispatch thread and never on Swift's cooperative pool or an
/// event loop. A connection found broken (the server restarted) is dropped and a new one is
/// opened on the next request, so the pool recovers by itself once the server is back.
public final class ConnectionPool: Sendable {
    private enum Lease {
        case idle(PostgresConnection)
        case open
    }

    private struct State {
        var idle: [PostgresConnection] = []
        var opened = 0
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let target: ConnectionTarget
    /// Most connections open at once.
    public let maximumConnections: Int
    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "pathway.postgres.pool", attributes: .concurrent)

    /// - Parameters:
    ///   - target: the database the connections open.
    ///   - maximumConnections: the most connections this pool opens; callers beyond it wait.
    public init(target: ConnectionTarget, maximumConnections: Int = 4) {
        self.target = target
        self.maximumConnections = max(1, maximumConnections)
    }

    /// Runs `body` with a connection of its own, on a thread where blocking is allowed.
    public func withConnection<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        let lease = await lease()
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

    /// Closes the idle connections; connections in use close when they come back.
    public func shutdown() {
        let idle = state.withLock { state in
            let idle = state.idle
            state.opened -= idle.count
            state.idle.removeAll()
            return idle
        }
        idle.forEach { $0.close() }
    }

    private func lease() async -> Lease {
        while true {
            let granted: Lease? = state.withLock { state in
                if let connection = state.idle.popLast() { return .idle(connection) }
                if state.opened < maximumConnections {
                    state.opened += 1
                    return .open
                }
                return nil
            }
            if let granted { return granted }
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let waitHere = state.withLock { state in
                    guard state.idle.isEmpty, state.opened >= maximumConnections else { return false }
                    state.waiters.append(continuation)
                    return true
                }
                if !waitHere { continuation.resume() }
            }
        }
    }

    /// Returns a connection to the pool, or gives up its place when it is broken or missing.
    private func release(_ connection: PostgresConnection?) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if let connection, connection.isHealthy, !connection.isInTransaction {
                state.idle.append(connection)
            } else {
                state.opened -= 1
            }
            return state.waiters.isEmpty ? nil : state.waiters.removeFirst()
        }
        waiter?.resume()
    }
}
