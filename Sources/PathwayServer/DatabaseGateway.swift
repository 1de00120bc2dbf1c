import Hummingbird
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
    func run<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        do {
            return try await pool.withConnection(body)
        } catch let error as PostgresError where error.meansDatabaseUnavailable {
            do {
                return try await pool.withConnection(body)
            } catch let error as PostgresError where error.meansDatabaseUnavailable {
                throw APIError.databaseUnavailable
            }
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
