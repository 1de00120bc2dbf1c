import Foundation
import Hummingbird
import HummingbirdTesting
import PathwayServer
import PostgresClient

/// Drives the real router against a real database, as a school's system would.
enum APIClient {
    /// Runs `body` with a client of an application serving `target`.
    static func with<T: Sendable>(
        _ target: ConnectionTarget, configuration: ServerConfiguration = ServerConfiguration(),
        _ body: @escaping @Sendable (any TestClientProtocol) async throws -> T
    ) async throws -> T {
        let pool = ConnectionPool(target: target, maximumConnections: 2)
        defer { pool.shutdown() }
        let app = try buildApplication(configuration: configuration, pool: pool)
        return try await app.test(.router, body)
    }

    static func bearer(_ token: String) -> HTTPFields {
        [.authorization: "Bearer \(token)"]
    }

    static func json(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    /// The body as a JSON array of objects, or nil when it is not one.
    var objects: [[String: Any]]? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [[String: Any]]
    }

    /// The `error` of a JSON error body.
    var errorMessage: String? {
        ((try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any])?["error"] as? String
    }
}
