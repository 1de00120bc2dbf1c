import HTTPTypes

/// Header names the server uses beyond HTTPTypes' own list.
public enum APIHeader {
    /// The `cursor` to pass for the next page of `GET /v1/referrals`; absent on the last page.
    public static let nextCursor = name("Pathway-Next-Cursor")
    /// RFC 8288 `Link: <...>; rel="next"`, the same next page as a URL.
    public static let link = name("Link")

    /// `DENY`: no other site may frame a page (older browsers' frame-ancestors).
    public static let xFrameOptions = name("X-Frame-Options")
    public static let referrerPolicy = name("Referrer-Policy")
    public static let strictTransportSecurity = name("Strict-Transport-Security")
    /// What a proxy in front of the server says the client used: `https` makes cookies Secure.
    public static let forwardedProto = name("X-Forwarded-Proto")
    /// The client's address as a proxy saw it, after any the client sent itself.
    public static let forwardedFor = name("X-Forwarded-For")
    /// The host the client asked a proxy for, when the proxy rewrote `Host`.
    public static let forwardedHost = name("X-Forwarded-Host")

    /// For the literals above, which are valid header names; never called with input.
    private static func name(_ literal: String) -> HTTPField.Name {
        guard let name = HTTPField.Name(literal) else { preconditionFailure("\(literal) is not a header name") }
        return name
    }
}
