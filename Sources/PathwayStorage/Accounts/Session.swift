import Foundation

/// A signed-in browser: whose it is and the token every form it posts must carry.
public struct Session: Sendable, Hashable {
    public var account: Account
    /// Sent in each form as `_csrf` and compared with this on every POST: a page of another
    /// site cannot read it, so it cannot forge the form.
    public var csrfToken: String
    public var createdAt: Date
}

/// A session just opened: the cookie's value, which exists only here, and the session.
public struct OpenedSession: Sendable {
    /// 43 URL-safe characters for the cookie; the database keeps only its SHA-256.
    public var cookie: String
    public var session: Session
}

/// How long a session lives: `idleSeconds` after its last request, and never more than
/// `absoluteSeconds` after sign-in, however busy.
public struct SessionLifetime: Sendable, Hashable {
    public var idleSeconds: Int
    public var absoluteSeconds: Int

    public init(idleSeconds: Int = 30 * 60, absoluteSeconds: Int = 12 * 60 * 60) {
        self.idleSeconds = max(1, idleSeconds)
        self.absoluteSeconds = max(self.idleSeconds, absoluteSeconds)
    }
}
