import PathwayStorage

/// Where `pathway serve` listens, how big its pages are, and how it treats people who sign in.
public struct ServerConfiguration: Sendable, Hashable {
    /// The address to bind; `127.0.0.1` keeps the API on this machine until a proxy with TLS
    /// is put in front of it.
    public var host: String
    public var port: Int
    /// Largest page a client may ask for with `limit`, and the page size when it does not ask.
    public var maximumPageSize: Int
    public var defaultPageSize: Int
    /// The office that signs school letters (`青岚县教育局`); the letter prints "—" without one.
    public var office: String?
    /// The number a school letter asks the school to call, next to the referral's assignee.
    public var officePhone: String?

    /// How long a portal session lasts.
    public var sessionLifetime: SessionLifetime
    /// How many failed sign-ins lock an account or an address, and for how long.
    public var signInPolicy: SignInPolicy
    /// Mark cookies `Secure` on every response (TLS ends at a proxy that does not send
    /// `X-Forwarded-Proto`); they are marked so anyway when the proxy says `https`.
    public var secureCookies: Bool
    /// Peers whose `X-Forwarded-For` names the client (the county's TLS proxy): the sign-in
    /// limits count, and the audit log records, the address it gives instead of the proxy's
    /// own. Loopback by default, for a proxy on the same machine.
    public var trustedProxies: Set<String>
    /// How many connections it holds, and how long it waits for a silent client.
    public var connections: ConnectionLimits

    public init(
        host: String = "127.0.0.1", port: Int = 8080, maximumPageSize: Int = 5000, defaultPageSize: Int = 1000,
        office: String? = nil, officePhone: String? = nil, sessionLifetime: SessionLifetime = .init(),
        signInPolicy: SignInPolicy = .init(), secureCookies: Bool = false,
        trustedProxies: Set<String> = ["127.0.0.1", "::1"], connections: ConnectionLimits = .init()
    ) {
        self.connections = connections
        self.trustedProxies = trustedProxies
        self.sessionLifetime = sessionLifetime
        self.signInPolicy = signInPolicy
        self.secureCookies = secureCookies
        self.host = host
        self.port = port
        self.office = office
        self.officePhone = officePhone
        self.maximumPageSize = max(1, maximumPageSize)
        self.defaultPageSize = min(max(1, defaultPageSize), self.maximumPageSize)
    }
}
