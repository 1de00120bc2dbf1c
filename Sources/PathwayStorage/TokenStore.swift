import Crypto
import Foundation
import PathwayCore
import PostgresClient

/// The API tokens vocational schools' systems use: created, listed, revoked and checked.
///
/// A token is 32 random bytes from the system's generator, base64url without padding, after a
/// `pw_` prefix (so that a token pasted into the wrong place is recognisable). Only its SHA-256
/// is stored: someone who reads the database, a backup or the audit log cannot use a token.
/// Creating and revoking are audited in the same transaction as the change.
public struct TokenStore {
    public let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// The prefix every token starts with.
    public static let prefix = "pw_"

    /// Makes a token for `schoolID` and stores its hash; the token is in the result and nowhere else.
    public func create(schoolID: String, label: String?, actor: String) throws -> IssuedToken {
        let token = Self.prefix + Self.randomToken()
        let label = label.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        let record = try connection.withTransaction { connection in
            let school = try connection.query("SELECT 1 FROM schools WHERE school_id = $1", [schoolID])
            guard school.rowCount == 1 else { throw TokenError.unknownSchool(schoolID) }
            let result = try connection.query(
                """
                INSERT INTO api_tokens (school_id, label, token_hash, created_by) VALUES ($1, $2, $3, $4)
                RETURNING \(Self.columns)
                """,
                [schoolID, label, Self.hash(token), actor])
            let record = try Self.token(result.rows[0])
            try AuditLog.record(
                connection, actor: actor, action: "token.create", schoolID: schoolID, tokenID: record.id,
                subjectType: "api_token", subjectID: String(record.id),
                details: label.map { ["label": .string($0)] } ?? [:])
            return record
        }
        return IssuedToken(token: token, record: record)
    }

    /// Every token, of one school when `schoolID` is given, and only of the schools of `region`
    /// when it is given (the console's administrator sees their county's), oldest first.
    public func list(schoolID: String? = nil, region: Region? = nil) throws -> [APIToken] {
        let result = try connection.query(
            """
            SELECT \(Self.columns) FROM api_tokens
            WHERE ($1::text IS NULL OR school_id = $1)
              AND ($2::text IS NULL OR school_id IN (SELECT school_id FROM schools WHERE region = $2))
            ORDER BY token_id
            """,
            [schoolID, region])
        return try result.rows.map(Self.token)
    }

    /// Stops a token from being accepted. Revoking a revoked token changes nothing and says so
    /// (`changed` is false), so that running the same command twice is harmless.
    public func revoke(tokenID: Int, actor: String) throws -> (token: APIToken, changed: Bool) {
        try connection.withTransaction { connection in
            let updated = try connection.query(
                "UPDATE api_tokens SET revoked_at = now() WHERE token_id = $1 AND revoked_at IS NULL RETURNING \(Self.columns)",
                [tokenID])
            if updated.rowCount == 1 {
                let token = try Self.token(updated.rows[0])
                try AuditLog.record(
                    connection, actor: actor, action: "token.revoke", schoolID: token.schoolID, tokenID: token.id,
                    subjectType: "api_token", subjectID: String(token.id))
                return (token, true)
            }
            let existing = try connection.query("SELECT \(Self.columns) FROM api_tokens WHERE token_id = $1", [tokenID])
            guard existing.rowCount == 1 else { throw TokenError.unknownToken(tokenID) }
            return (try Self.token(existing.rows[0]), false)
        }
    }

    /// The school a presented token acts for, or nil when it is unknown or revoked.
    ///
    /// `last_used_at` is refreshed at most once a minute per token, so that a school polling
    /// the API does not turn every read into a write; staff still see which tokens are in use.
    public func authenticate(_ token: String) throws -> SchoolCredential? {
        // A token is 46 characters; anything much longer is not one, and need not be hashed.
        guard token.hasPrefix(Self.prefix), token.utf8.count <= 128 else { return nil }
        let result = try connection.query(
            """
            WITH found AS (
                SELECT token_id, school_id, last_used_at FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL
            ), touched AS (
                UPDATE api_tokens t SET last_used_at = now() FROM found
                WHERE t.token_id = found.token_id
                  AND (found.last_used_at IS NULL OR found.last_used_at < now() - interval '1 minute')
                RETURNING t.token_id
            )
            SELECT found.token_id, found.school_id, s.region FROM found JOIN schools s ON s.school_id = found.school_id
            """,
            [Self.hash(token)])
        guard let row = result.rows.first else { return nil }
        return SchoolCredential(
            tokenID: try row.decode("token_id"), schoolID: try row.decode("school_id"), region: try row.decode("region"))
    }

    /// 32 bytes from the system's generator, base64url without padding: 43 characters, 256 bits,
    /// for tokens, session cookies and CSRF tokens alike.
    public static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return base64URL((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    /// SHA-256 of the token's UTF-8 bytes, lower-case hex: what `api_tokens.token_hash` holds.
    public static func hash(_ token: String) -> String {
        let digest = SHA256.hash(data: Array(token.utf8))
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in digest {
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// RFC 4648 §5 base64url without padding: safe in URLs, headers and shell arguments.
    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    private static let columns = "token_id, school_id, label, created_by, created_at, last_used_at, revoked_at"

    private static func token(_ row: QueryResult.Row) throws -> APIToken {
        APIToken(
            id: try row.decode("token_id"), schoolID: try row.decode("school_id"), label: try row.decode("label"),
            createdBy: try row.decode("created_by"), createdAt: try row.decode("created_at"),
            lastUsedAt: try row.decode("last_used_at"), revokedAt: try row.decode("revoked_at"))
    }
}
