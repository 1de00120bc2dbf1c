import Hummingbird
import PathwayStorage

/// The request context of every route: Hummingbird's own, plus the school the bearer token
/// acts for once `BearerTokenAuthenticator` has checked it.
public struct SchoolRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by the authenticator; nil on routes that need no token (`/healthz`).
    public var credential: SchoolCredential?

    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        credential = nil
    }

    /// The authenticated school; a route behind the authenticator always has one.
    func requireCredential() throws -> SchoolCredential {
        guard let credential else { throw APIError.unauthorized("this endpoint needs Authorization: Bearer TOKEN") }
        return credential
    }
}
