import Hummingbird
import PathwayStorage

/// Lets a request through only with `Authorization: Bearer TOKEN` naming a token that exists
/// and is not revoked, and puts the token's school in the context. Every other request gets
/// 401 with the same kind of answer, so a caller learns nothing about which tokens exist.
struct BearerTokenAuthenticator: RouterMiddleware {
    typealias Context = SchoolRequestContext
    let database: DatabaseGateway

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else {
            throw APIError.unauthorized("missing Authorization: Bearer TOKEN (`pathway tokens create` makes one)")
        }
        guard let token = Self.bearerToken(header) else {
            throw APIError.unauthorized("the Authorization header must be `Bearer TOKEN`")
        }
        let credential = try await database.run { connection in
            try TokenStore(connection: connection).authenticate(token)
        }
        guard let credential else {
            throw APIError.unauthorized("the token is unknown or revoked")
        }
        var context = context
        context.credential = credential
        return try await next(request, context)
    }

    /// The token of `Bearer TOKEN` (the scheme in any case, RFC 7235), nil for anything else.
    static func bearerToken(_ header: String) -> String? {
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}
