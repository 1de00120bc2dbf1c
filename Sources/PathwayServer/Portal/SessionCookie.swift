import Foundation
import Hummingbird
import PathwayStorage

/// The cookies the portal sets: the session (HttpOnly, SameSite=Lax, Path=/, Secure over
/// HTTPS) and the sign-in form's own token. A cookie is Secure when the configuration says
/// TLS ends in front of the server, or when a proxy says the client used https.
enum SessionCookie {
    static let name = "pathway_session"
    /// Pairs the sign-in form with the browser that loaded it (a double-submit token), since
    /// there is no session to hold a CSRF token before sign-in.
    static let signInName = "pathway_signin"

    static func isSecure(_ request: Request, configuration: ServerConfiguration) -> Bool {
        configuration.secureCookies || request.headers[APIHeader.forwardedProto]?.lowercased() == "https"
    }

    static func session(_ value: String, secure: Bool) -> Cookie {
        Cookie(name: name, value: value, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    /// Tells the browser to forget the session cookie.
    static func cleared(secure: Bool) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    static func signIn(_ value: String, secure: Bool) -> Cookie {
        Cookie(name: signInName, value: value, maxAge: 3600, path: "/login", secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// Whether two secrets are equal, in time that does not depend on where they differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}
