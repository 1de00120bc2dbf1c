import Foundation
import PathwayCore
import PathwayStorage
import PathwayTestSupport
import PostgresClient
import Testing

/// API tokens: made from the system's randomness, stored only as a hash, revocable, audited.
@Suite("API tokens")
struct TokenStoreTests {
    private static func database(_ name: String) throws -> PostgresConnection {
        let connection = try TestDatabase.makeDatabase(name).connect()
        try Migrator.bundled().migrate(connection, actor: "test")
        try connection.execute(
            "INSERT INTO schools (school_id, name, latitude, longitude) VALUES ('S1', '县职教中心', 30, 110), ('S2', '技工学校', 30, 110)")
        return connection
    }

    @Test func aTokenIsURLSafeRandomAndOnlyItsHashIsStored() throws {
        let connection = try Self.database("tokens_create")
        defer { connection.close() }
        let store = TokenStore(connection: connection)
        let first = try store.create(schoolID: "S1", label: "教务系统", actor: "clerk")
        let second = try store.create(schoolID: "S1", label: nil, actor: "clerk")
        #expect(first.token.hasPrefix("pw_"))
        #expect(first.token.count == 3 + 43, "32 bytes in base64url without padding")
        #expect(first.token.dropFirst(3).allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        #expect(first.token != second.token)
        let stored = try connection.query("SELECT token_hash FROM api_tokens ORDER BY token_id")
        #expect(try stored.decode(String.self, row: 0, column: 0) == TokenStore.hash(first.token))
        let everything = try connection.query("SELECT string_agg(t::text, ' ') FROM api_tokens t")
        #expect(!(try everything.decode(String.self, row: 0, column: 0)).contains(first.token.dropFirst(3)))
        #expect(TokenStore.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(first.record.label == "教务系统" && first.record.createdBy == "clerk" && first.record.isActive)
        let audit = try connection.query(
            "SELECT actor, school_id, token_id, details->>'label' FROM audit_log WHERE action = 'token.create' ORDER BY audit_id")
        #expect(audit.rowCount == 2)
        #expect(try audit.decode(String.self, row: 0, column: 0) == "clerk")
        #expect(try audit.decode(Int.self, row: 0, column: 2) == first.record.id)
        #expect(try audit.decode(String?.self, row: 0, column: 3) == "教务系统")
        #expect(!(try connection.query("SELECT details::text FROM audit_log").rows.map { try $0.decode(0, as: String.self) })
            .contains { $0.contains(first.token) }, "the token is never written to the audit log")
    }

    @Test func authenticationKnowsTheSchoolAndRefusesUnknownAndRevokedTokens() throws {
        let connection = try Self.database("tokens_auth")
        defer { connection.close() }
        let store = TokenStore(connection: connection)
        let s1 = try store.create(schoolID: "S1", label: nil, actor: "clerk")
        let s2 = try store.create(schoolID: "S2", label: nil, actor: "clerk")
        #expect(try store.authenticate(s1.token) == SchoolCredential(tokenID: s1.record.id, schoolID: "S1", region: .local))
        #expect(try store.authenticate(s2.token)?.schoolID == "S2")
        #expect(try store.authenticate(s1.token + "x") == nil)
        #expect(try store.authenticate("") == nil)
        #expect(try store.authenticate(TokenStore.hash(s1.token)) == nil, "the stored hash is not a token")
        #expect(try store.list().first { $0.id == s1.record.id }?.lastUsedAt != nil)
        #expect(try store.list().first { $0.id == s2.record.id }?.lastUsedAt != nil)

        let revoked = try store.revoke(tokenID: s1.record.id, actor: "clerk")
        #expect(revoked.changed && revoked.token.revokedAt != nil)
        #expect(try store.authenticate(s1.token) == nil)
        let again = try store.revoke(tokenID: s1.record.id, actor: "clerk")
        #expect(!again.changed, "revoking twice is harmless")
        #expect(try store.authenticate(s2.token) != nil, "revoking one token leaves the others")
        let revocations = try connection.query("SELECT count(*) FROM audit_log WHERE action = 'token.revoke'")
        #expect(try revocations.decode(Int.self, row: 0, column: 0) == 1)
        #expect(try store.list(schoolID: "S1").map(\.isActive) == [false])
    }

    @Test func unknownSchoolsAndTokensAreClearErrorsThatChangeNothing() throws {
        let connection = try Self.database("tokens_errors")
        defer { connection.close() }
        let store = TokenStore(connection: connection)
        #expect(throws: TokenError.unknownSchool("S9")) { try store.create(schoolID: "S9", label: nil, actor: "clerk") }
        #expect(throws: TokenError.unknownToken(42)) { try store.revoke(tokenID: 42, actor: "clerk") }
        #expect(try store.list().isEmpty)
        let audit = try connection.query("SELECT count(*) FROM audit_log WHERE action LIKE 'token.%'")
        #expect(try audit.decode(Int.self, row: 0, column: 0) == 0)
    }
}
