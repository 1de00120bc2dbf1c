import Foundation
import Synchronization
import PathwayCore
import PathwayStorage
import PathwayTestSupport
import PostgresClient
import Testing

/// Accounts: checked when made, stored with a bcrypt hash only, every change audited, and a
/// refusal leaves the table as it was.
@Suite("Accounts")
struct AccountStoreTests {
    private static func database(_ name: String) throws -> PostgresConnection {
        try database(target: TestDatabase.makeDatabase(name))
    }

    private static func database(target: ConnectionTarget) throws -> PostgresConnection {
        let connection = try target.connect()
        try Migrator.bundled().migrate(connection, actor: "test")
        try connection.execute(
            "INSERT INTO schools (school_id, name, latitude, longitude, region) VALUES ('S1', '县职教中心', 30, 110, 'qinglan')")
        return connection
    }

    @Test func badAccountsAreRefusedWithTheReasonAndNothingIsWritten() throws {
        let connection = try Self.database("accounts_refused")
        defer { connection.close() }
        let store = AccountStore(connection: connection, passwordCost: 4)
        func create(_ username: String, role: AccountRole = .school_clerk, school: String? = "S1", password: String = "long enough password") throws {
            _ = try store.create(
                username: username, displayName: "王老师", role: role, schoolID: school, region: .local, password: password,
                actor: "test")
        }
        #expect(throws: AccountError.invalidUsername("Wang Laoshi")) { try create("Wang Laoshi") }
        #expect(throws: AccountError.invalidUsername("王")) { try create("王") }
        #expect(throws: AccountError.schoolRequired) { try create("wang", school: nil) }
        #expect(throws: AccountError.schoolNotAllowed(.administrator)) { try create("li", role: .administrator) }
        #expect(throws: AccountError.unknownSchool("S9")) { try create("wang", school: "S9") }
        #expect(throws: AccountError.passwordTooShort(minimum: 10)) { try create("wang", password: "short") }
        #expect(throws: AccountError.passwordTooLong(maximumBytes: 72)) { try create("wang", password: String(repeating: "密", count: 25)) }
        #expect(throws: AccountError.passwordHasControlCharacter) { try create("wang", password: "long enough\npassword") }
        #expect(try connection.query("SELECT count(*)::int FROM accounts").decode(Int.self, row: 0, column: 0) == 0)
        #expect(try connection.query("SELECT count(*)::int FROM audit_log WHERE action LIKE 'account.%'").decode(Int.self, row: 0, column: 0) == 0)

        let clerk = try store.create(
            username: "wang", displayName: " 王老师 ", role: .school_clerk, schoolID: "S1", region: .local,
            password: "long enough password", actor: "李主任")
        #expect(clerk.displayName == "王老师" && clerk.region.rawValue == "qinglan", "a clerk works in the school's region")
        #expect(throws: AccountError.usernameTaken("wang")) { try create("wang") }
        let hash = try connection.query("SELECT password_hash FROM accounts").decode(String.self, row: 0, column: 0)
        #expect(hash.hasPrefix("$2b$04$") && Password.verify("long enough password", hash: hash))
        #expect(!Password.verify("long enough passwor", hash: hash))
        let audit = try connection.query("SELECT actor, details::text FROM audit_log WHERE action = 'account.create'")
        #expect(try audit.decode(String.self, row: 0, column: 0) == "李主任")
        #expect(!(try audit.decode(String.self, row: 0, column: 1)).contains("long enough"), "the password is never logged")
    }

    @Test func disablingAndResettingEndSessionsAndAreAudited() throws {
        let connection = try Self.database("accounts_changes")
        defer { connection.close() }
        let store = AccountStore(connection: connection, passwordCost: 4)
        let account = try store.create(
            username: "wang", displayName: "王老师", role: .school_clerk, schoolID: "S1", region: .local,
            password: "long enough password", actor: "test")
        let sessions = SessionStore(connection: connection)
        let opened = try sessions.open(for: account, address: "127.0.0.1")
        #expect(try sessions.resume(cookie: opened.cookie, lifetime: .init()) != nil)
        let reset = try store.resetPassword(username: "wang", password: "another long password", actor: "test")
        #expect(reset.username == "wang")
        #expect(try sessions.resume(cookie: opened.cookie, lifetime: .init()) == nil, "a new password signs the old one out")
        let again = try sessions.open(for: account, address: "127.0.0.1")
        #expect(try store.disable(username: "wang", actor: "test").changed)
        #expect(try store.disable(username: "wang", actor: "test").changed == false, "twice is harmless")
        #expect(try sessions.resume(cookie: again.cookie, lifetime: .init()) == nil)
        let refused = try store.signIn(username: "wang", password: "another long password", address: "127.0.0.1", policy: .init())
        #expect(refused == .refused)
        #expect(try store.enable(username: "wang", actor: "test").changed)
        guard case .signedIn = try store.signIn(username: "WANG", password: "another long password", address: "127.0.0.1", policy: .init()) else {
            Issue.record("an enabled account signs in, its name in any case")
            return
        }
        #expect(throws: AccountError.unknownAccount("nobody")) { try store.disable(username: "nobody", actor: "test") }
        let actions = try connection.query(
            "SELECT action FROM audit_log WHERE subject_type = 'account' ORDER BY audit_id").rows.map { try $0.decode("action", as: String.self) }
        #expect(actions == ["account.create", "account.reset_password", "account.disable", "login.failure", "account.enable", "login.success"])
    }

    @Test func parallelGuessesFromOneAddressCannotAllPassUnderItsLimit() throws {
        let target = try TestDatabase.makeDatabase("accounts_parallel")
        let setup = try Self.database(target: target)
        defer { setup.close() }
        _ = try AccountStore(connection: setup, passwordCost: 4).create(
            username: "wang", displayName: "王老师", role: .school_clerk, schoolID: "S1", region: .local,
            password: "long enough password", actor: "test")
        let policy = SignInPolicy(accountFailures: 100, addressFailures: 3, lockSeconds: 600)
        let answers = Mutex<[SignIn]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            guard let connection = try? target.connect() else { return }
            defer { connection.close() }
            if let answer = try? AccountStore(connection: connection).signIn(
                username: index % 2 == 0 ? "wang" : "nobody\(index)", password: "a guess", address: "10.0.0.9", policy: policy) {
                answers.withLock { $0.append(answer) }
            }
        }
        let all = answers.withLock { $0 }
        #expect(all.count == 8)
        let recorded = try setup.query("SELECT count(*)::int FROM login_failures").decode(Int.self, row: 0, column: 0)
        #expect(recorded == 3, "exactly the limit's worth of guesses had their password checked")
        #expect(all.filter { if case .locked = $0 { true } else { false } }.count == 6, "\(all)")
    }

    @Test func aNameThatIsNoAccountLocksAsARealOneDoes() throws {
        let connection = try Self.database("accounts_enumeration")
        defer { connection.close() }
        let store = AccountStore(connection: connection, passwordCost: 4)
        _ = try store.create(
            username: "wang", displayName: "王老师", role: .school_clerk, schoolID: "S1", region: .local,
            password: "long enough password", actor: "test")
        let policy = SignInPolicy(accountFailures: 3, addressFailures: 100, lockSeconds: 600)
        func answers(_ name: String) throws -> [String] {
            try (0..<4).map { _ in
                switch try store.signIn(username: name, password: "wrong guess", address: "10.0.0.\(name.count)", policy: policy) {
                case .refused: "refused"
                case .locked: "locked"
                case .signedIn: "signed in"
                }
            }
        }
        let real = try answers("wang")
        let unknown = try answers("wangwei")
        #expect(real == ["refused", "refused", "locked", "locked"])
        #expect(unknown == real, "a guesser cannot tell which names exist by which ones lock")
    }
}
