import Dispatch
import Hummingbird
import PathwayStorage
import PathwayWorkflows
import PostgresClient

/// The server's only way to the database: every statement runs through the pool on its
/// Dispatch threads, never on an event loop, and a database that cannot be reached becomes a
/// 503 instead of a 500.
public struct DatabaseGateway: Sendable {
    public let pool: ConnectionPool

    public init(pool: ConnectionPool) {
        self.pool = pool
    }

    /// Runs `body` with a pooled connection.
    ///
    /// When the connection fails (the database restarted under it), the pool drops it and
    /// `body` runs once more on a new one; a failed attempt committed nothing, since every
    /// change runs in one transaction. If that fails too, the database is down: 503.
    ///
    /// A pool with no connection free within its acquire timeout, or one that is closing (the
    /// server is stopping), is a 503 as well: the client should come back later.
    func run<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        do {
            do {
                return try await pool.withConnection(body)
            } catch let error as PostgresError where error.meansDatabaseUnavailable {
                do {
                    return try await pool.withConnection(body)
                } catch let error as PostgresError where error.meansDatabaseUnavailable {
                    throw APIError.databaseUnavailable
                }
            }
        } catch is ConnectionPoolError {
            throw APIError.databaseUnavailable
        }
    }
}

extension DatabaseGateway {
    /// Runs `body` on a connection of its own, opened for it and closed after, on a Dispatch
    /// thread: the console's long work (a run, letters, an import), which must not hold for
    /// minutes a pooled connection that requests wait for. A database that cannot be reached
    /// is a 503, as for pooled work.
    func runAlone<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        let target = pool.target
        return try await Self.blocking {
            let connection: PostgresConnection
            do {
                connection = try target.connect()
            } catch let error as PostgresError where error.meansDatabaseUnavailable {
                throw APIError.databaseUnavailable
            }
            defer { connection.close() }
            return try body(connection)
        }
    }

    /// Runs blocking work (libpq, a child process) on a Dispatch thread, never on the threads
    /// Swift's tasks share.
    static func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
        }
    }

    /// Runs `body` in a workspace of the credential's school: its region, its name in the audit log.
    func run<T: Sendable>(
        as credential: SchoolCredential, _ body: @escaping @Sendable (Workspace) throws -> T
    ) async throws -> T {
        try await run { connection in
            try body(Workspace(connection: connection, region: credential.region, actor: credential.actor))
        }
    }
}

extension PostgresError {
    /// Whether the error says the server cannot be reached or is going away, rather than that
    /// a statement was wrong: lost connections, shutdowns, and class 08 (connection exception).
    var meansDatabaseUnavailable: Bool {
        if kind == .connection { return true }
        guard let code else { return false }
        return code == .adminShutdown || code == .cannotConnectNow || code.raw == "57P02" || code.raw.hasPrefix("08")
    }
}
