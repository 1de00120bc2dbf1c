import Foundation
import PathwayCore
import PostgresClient

/// Browser sessions, kept server-side: the cookie holds a random value, the table its SHA-256,
/// the account and the CSRF token. Ending a session deletes its row, so a stolen cookie of a
/// signed-out session is worth nothing.
public struct SessionStore {
    public let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Opens a new session for a signed-in account, with a new id and a new CSRF token, and
    /// ends `replacing` (the cookie the browser came with, if any): an id planted before sign-in
    /// is never the one that is signed in (session fixation).
    ///
    /// Sessions past `lifetime` are deleted here too, so that dead sessions (and the addresses
    /// they came from) do not stay in the table for ever.
    public func open(
        for account: Account, address: String, replacing: String? = nil, lifetime: SessionLifetime = .init()
    ) throws -> OpenedSession {
        let cookie = TokenStore.randomToken()
        let csrf = TokenStore.randomToken()
        let created = try connection.withTransaction { connection -> Date in
            if let replacing {
                try connection.query("DELETE FROM sessions WHERE session_hash = $1", [TokenStore.hash(replacing)])
            }
            try connection.query(
                "DELETE FROM sessions WHERE last_seen_at < now() - $1::interval OR created_at < now() - $2::interval",
                ["\(lifetime.idleSeconds) seconds", "\(lifetime.absoluteSeconds) seconds"])
            let result = try connection.query(
                """
                INSERT INTO sessions (session_hash, account_id, csrf_token, address) VALUES ($1, $2, $3, $4)
                RETURNING created_at
                """,
                [TokenStore.hash(cookie), account.id, csrf, address])
            return try result.rows[0].decode("created_at")
        }
        return OpenedSession(cookie: cookie, session: Session(account: account, csrfToken: csrf, createdAt: created))
    }

    /// The session a cookie names, when it is live: not idle for longer than allowed, not older
    /// than the absolute limit, and of an account that is still enabled. A live session's
    /// `last_seen_at` moves to now; a dead one is deleted. A clerk's region is read from the
    /// school each time, as a token's is, so that a school moved to another region takes its
    /// clerks with it.
    public func resume(cookie: String, lifetime: SessionLifetime) throws -> Session? {
        guard cookie.utf8.count <= 128 else { return nil }
        let hash = TokenStore.hash(cookie)
        let result = try connection.query(
            """
            WITH live AS (
                UPDATE sessions s SET last_seen_at = now()
                FROM accounts a
                WHERE s.session_hash = $1 AND a.account_id = s.account_id AND a.disabled_at IS NULL
                  AND s.last_seen_at > now() - $2::interval AND s.created_at > now() - $3::interval
                RETURNING s.csrf_token, s.created_at AS session_created_at, \(AccountStore.columns("a"))
            )
            SELECT live.*, sc.region AS school_region FROM live LEFT JOIN schools sc ON sc.school_id = live.school_id
            """,
            [hash, "\(lifetime.idleSeconds) seconds", "\(lifetime.absoluteSeconds) seconds"])
        guard let row = result.rows.first else {
            try connection.query("DELETE FROM sessions WHERE session_hash = $1", [hash])
            return nil
        }
        var account = try AccountStore.account(row)
        if let region: Region = try row.decode("school_region") { account.region = region }
        return Session(
            account: account, csrfToken: try row.decode("csrf_token"),
            createdAt: try row.decode("session_created_at"))
    }

    /// Ends the session a cookie names (sign-out), recording it; nothing when there is none.
    public func end(cookie: String) throws {
        try connection.withTransaction { connection in
            let ended = try connection.query(
                """
                DELETE FROM sessions s USING accounts a WHERE s.session_hash = $1 AND a.account_id = s.account_id
                RETURNING \(AccountStore.columns("a"))
                """,
                [TokenStore.hash(cookie)])
            if let row = ended.rows.first {
                let account = try AccountStore.account(row)
                try AuditLog.record(
                    connection, actor: account.actor, action: "logout", region: account.region,
                    schoolID: account.schoolID, subjectType: "account", subjectID: account.username)
            }
        }
    }
}
