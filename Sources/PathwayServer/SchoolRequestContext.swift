import Hummingbird
import NIOCore
import PathwayStorage

/// The request context of every route: Hummingbird's own, plus who the request acts for once
/// an authenticator has checked it (a school's API token, or a person's session), and the
/// peer's address for the sign-in limits.
public struct SchoolRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The school a request acts for: set by `BearerTokenAuthenticator` from a token, or by
    /// `SessionAuthenticator` from a clerk's session. nil on open routes (`/healthz`, `/login`).
    public var credential: SchoolCredential?
    /// The signed-in person, on the portal's routes.
    public var session: Session?
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        credential = nil
        session = nil
        remoteAddress = source.channel.remoteAddress
    }

    /// The authenticated school; a route behind an authenticator always has one.
    func requireCredential() throws -> SchoolCredential {
        guard let credential else { throw APIError.unauthorized("this endpoint needs Authorization: Bearer TOKEN") }
        return credential
    }

    /// The peer's IP address as text (`127.0.0.1`), or `unknown` (a test channel).
    var peerAddress: String { remoteAddress?.ipAddress ?? "unknown" }

    /// The client's address: the peer's, or, when the peer is a trusted proxy, the last
    /// address its `X-Forwarded-For` adds (the one the proxy saw; earlier ones the client
    /// itself may have written).
    func clientAddress(_ request: Request, trusting proxies: Set<String>) -> String {
        let peer = peerAddress
        guard proxies.contains(peer), let forwarded = request.headers[APIHeader.forwardedFor],
              let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces),
              !last.isEmpty, last.count <= 45, last.allSatisfy({ $0.isHexDigit || $0 == "." || $0 == ":" })
        else { return peer }
        return last
    }
}
