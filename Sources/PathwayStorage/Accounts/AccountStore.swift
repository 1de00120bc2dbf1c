import Foundation
import PathwayCore
import PostgresClient

/// The people who sign in to the portal and the console: created, listed, disabled, given a
/// new password, and signed in, each change audited in the transaction that makes it.
public struct AccountStore {
    public let connection: PostgresConnection
    /// bcrypt's cost for new password hashes (tests lower it; a stored hash keeps its own).
    public let passwordCost: UInt8

    public init(connection: PostgresConnection, passwordCost: UInt8 = Password.defaultCost) {
        self.connection = connection
        self.passwordCost = passwordCost
    }

    /// Makes an account. A clerk's region is its school's; staff work in `region`.
    ///
    /// - Throws: `AccountError` for a bad name, a taken name, a school missing, not allowed or
    ///   unknown, or a password that `Password.check` refuses; nothing is written then.
    public func create(
        username: String, displayName: String, role: AccountRole, schoolID: String?, region: Region,
        password: String, actor: String
    ) throws -> Account {
        let username = username.trimmingCharacters(in: .whitespaces)
        guard Self.isValidUsername(username) else { throw AccountError.invalidUsername(username) }
        let displayName = displayName.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !displayName.isEmpty, displayName.count <= 100,
              !displayName.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { throw AccountError.invalidDisplayName }
        switch (role, schoolID) {
        case (.school_clerk, nil): throw AccountError.schoolRequired
        case (.administrator, .some), (.counsellor, .some): throw AccountError.schoolNotAllowed(role)
        default: break
        }
        let hash = try Password.hash(password, cost: passwordCost)
        return try connection.withTransaction { connection in
            var region = region
            if let schoolID {
                let school = try connection.query("SELECT region FROM schools WHERE school_id = $1", [schoolID])
                guard let row = school.rows.first else { throw AccountError.unknownSchool(schoolID) }
                region = try row.decode("region")
            }
            let taken = try connection.query("SELECT 1 FROM accounts WHERE username = $1", [username])
            guard taken.rowCount == 0 else { throw AccountError.usernameTaken(username) }
            // A counsellor's caseload is the students whose responsible person is their name:
            // two counsellors of one name would each see the other's.
            if role == .counsellor {
                let namesake = try connection.query(
                    "SELECT 1 FROM accounts WHERE role = 'counsellor' AND region = $1 AND display_name = $2", [region, displayName])
                guard namesake.rowCount == 0 else { throw AccountError.displayNameTaken(displayName) }
            }
            let result = try connection.query(
                """
                INSERT INTO accounts (username, display_name, role, region, school_id, password_hash, created_by)
                VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING \(Self.columns())
                """,
                [username, displayName, role.rawValue, region, schoolID, hash, actor])
            let account = try Self.account(result.rows[0])
            try AuditLog.record(
                connection, actor: actor, action: "account.create", region: region, schoolID: schoolID,
                subjectType: "account", subjectID: username,
                details: ["role": .string(role.rawValue), "display_name": .string(displayName)])
            return account
        }
    }

    /// Every account, in the order they were made.
    public func list() throws -> [Account] {
        try connection.query("SELECT \(Self.columns()) FROM accounts ORDER BY account_id").rows.map(Self.account)
    }

    /// The account named `username`, or nil.
    public func account(named username: String) throws -> Account? {
        try connection.query("SELECT \(Self.columns()) FROM accounts WHERE username = $1", [username]).rows.first.map(Self.account)
    }

    /// Stops an account from signing in and ends its sessions. Disabling a disabled account
    /// changes nothing and says so (`changed` false).
    public func disable(username: String, actor: String) throws -> (account: Account, changed: Bool) {
        try setDisabled(true, username: username, actor: actor)
    }

    /// Lets a disabled account sign in again, with its failure count cleared.
    public func enable(username: String, actor: String) throws -> (account: Account, changed: Bool) {
        try setDisabled(false, username: username, actor: actor)
    }

    private func setDisabled(_ disabled: Bool, username: String, actor: String) throws -> (account: Account, changed: Bool) {
        try connection.withTransaction { connection in
            let updated = try connection.query(
                disabled
                    ? "UPDATE accounts SET disabled_at = now() WHERE username = $1 AND disabled_at IS NULL RETURNING \(Self.columns())"
                    : """
                      UPDATE accounts SET disabled_at = NULL, failed_logins = 0, locked_until = NULL
                      WHERE username = $1 AND disabled_at IS NOT NULL RETURNING \(Self.columns())
                      """,
                [username])
            guard let row = updated.rows.first else {
                guard let existing = try AccountStore(connection: connection).account(named: username) else {
                    throw AccountError.unknownAccount(username)
                }
                return (existing, false)
            }
            let account = try Self.account(row)
            var details: [String: JSONValue] = [:]
            if disabled {
                details["sessions_ended"] = .integer(
                    try connection.query("DELETE FROM sessions WHERE account_id = $1", [account.id]).affectedRows)
            }
            try AuditLog.record(
                connection, actor: actor, action: disabled ? "account.disable" : "account.enable", region: account.region,
                schoolID: account.schoolID, subjectType: "account", subjectID: username, details: details)
            return (account, true)
        }
    }

    /// Gives the account a new password, lifts a lock, and ends every session it has: whoever
    /// knew the old password is signed out.
    public func resetPassword(username: String, password: String, actor: String) throws -> Account {
        let hash = try Password.hash(password, cost: passwordCost)
        return try connection.withTransaction { connection in
            let updated = try connection.query(
                """
                UPDATE accounts SET password_hash = $2, password_set_at = now(), failed_logins = 0, locked_until = NULL
                WHERE username = $1 RETURNING \(Self.columns())
                """,
                [username, hash])
            guard let row = updated.rows.first else { throw AccountError.unknownAccount(username) }
            let account = try Self.account(row)
            let ended = try connection.query("DELETE FROM sessions WHERE account_id = $1", [account.id]).affectedRows
            try AuditLog.record(
                connection, actor: actor, action: "account.reset_password", region: account.region,
                schoolID: account.schoolID, subjectType: "account", subjectID: username,
                details: ["sessions_ended": .integer(ended)])
            return account
        }
    }

    /// Checks one sign-in and records it: `login.success`, `login.failure`, `login.refused`,
    /// and `login.lock` when this failure locks the account, the name or the address.
    ///
    /// In three steps, so that bcrypt's quarter of a second holds no lock and no transaction:
    /// 1. Under a lock on the address, the limits are checked and the attempt is written down
    ///    as a failure: parallel guesses see each other, and cannot all pass under the limit.
    /// 2. The password is checked (against a decoy hash when no account has the name, so an
    ///    unknown name takes as long as a wrong password).
    /// 3. A success deletes that failure and resets the account; a failure counts towards the
    ///    account's lock. A name that is no account locks the same way (by its failures within
    ///    the window), so a lock does not tell which names exist.
    public func signIn(username: String, password: String, address: String, policy: SignInPolicy) throws -> SignIn {
        let typed = username.trimmingCharacters(in: .whitespaces).lowercased()
        // What cannot be a name is never looked up, and is recorded cut short and printable: a
        // sign-in form is not a way to write megabytes, or a NUL, into the audit log.
        let valid = Self.isValidUsername(typed)
        let username = valid ? typed : "(invalid) " + String(String.UnicodeScalarView(
            typed.unicodeScalars.filter { $0.properties.generalCategory != .control }.prefix(32)))
        let window = "\(policy.lockSeconds) seconds"

        enum Gate { case locked(Date), proceed(account: Account?, hash: String, failureID: Int, addressFailures: Int) }
        let gate = try connection.withTransaction { connection -> Gate in
            try connection.query("SELECT pg_advisory_xact_lock(hashtext('pathway.signin:' || $1))", [address])
            let recent = try connection.query(
                """
                SELECT count(*) FILTER (WHERE address = $1)::int AS by_address,
                       max(at) FILTER (WHERE address = $1) + $3::interval AS address_until,
                       count(*) FILTER (WHERE username = $2)::int AS by_name,
                       max(at) FILTER (WHERE username = $2) + $3::interval AS name_until
                FROM login_failures WHERE (address = $1 OR username = $2) AND at > now() - $3::interval
                """,
                [address, username, window])
            let counts = recent.rows[0]
            if try counts.decode("by_address", as: Int.self) >= policy.addressFailures,
               let until: Date = try counts.decode("address_until") {
                try AuditLog.record(
                    connection, actor: username, action: "login.refused", subjectType: "address", subjectID: address,
                    details: ["reason": "address_locked"])
                return .locked(until)
            }
            let found = try connection.query(
                "SELECT \(Self.columns()), password_hash, locked_until > now() AS locked FROM accounts WHERE username = $1 AND $2",
                [username, valid])
            let row = found.rows.first
            let account = try row.map(Self.account)
            let accountLocked = try row?.decode("locked", as: Bool?.self) == true
            let nameFailures: Int = try counts.decode("by_name")
            let nameUntil: Date? = try counts.decode("name_until")
            let nameLocked = account == nil && nameFailures >= policy.accountFailures
            if accountLocked || nameLocked, let until = accountLocked ? account?.lockedUntil : nameUntil {
                try AuditLog.record(
                    connection, actor: account?.actor ?? username, action: "login.refused", region: account?.region,
                    schoolID: account?.schoolID, subjectType: "account", subjectID: username,
                    details: ["reason": "account_locked", "address": .string(address)])
                return .locked(until)
            }
            try connection.query("DELETE FROM login_failures WHERE at < now() - interval '1 day'")
            let failure = try connection.query(
                "INSERT INTO login_failures (address, username) VALUES ($1, $2) RETURNING failure_id", [address, username])
            return .proceed(
                account: account, hash: try row?.decode("password_hash") ?? Password.decoy,
                failureID: try failure.rows[0].decode("failure_id"),
                addressFailures: try counts.decode("by_address", as: Int.self) + 1)
        }
        guard case .proceed(let account, let hash, let failureID, let addressFailures) = gate else {
            if case .locked(let until) = gate { return .locked(until: until) }
            return .refused
        }
        let matches = Password.verify(password, hash: hash)

        return try connection.withTransaction { connection in
            if let account, matches, account.isActive {
                let signedIn = try connection.query(
                    """
                    UPDATE accounts SET failed_logins = 0, locked_until = NULL, last_login_at = now()
                    WHERE account_id = $1 AND disabled_at IS NULL AND (locked_until IS NULL OR locked_until <= now())
                    RETURNING \(Self.columns())
                    """,
                    [account.id])
                if let row = signedIn.rows.first {
                    try connection.query("DELETE FROM login_failures WHERE failure_id = $1", [failureID])
                    let current = try Self.account(row)
                    try AuditLog.record(
                        connection, actor: current.actor, action: "login.success", region: current.region,
                        schoolID: current.schoolID, subjectType: "account", subjectID: username,
                        details: ["address": .string(address)])
                    return .signedIn(current)
                }
                // Disabled or locked by a parallel attempt while the password was checked.
            }
            var details: [String: JSONValue] = ["address": .string(address)]
            if account == nil { details["reason"] = "unknown_account" } else if account?.isActive == false {
                details["reason"] = "disabled"
            } else { details["reason"] = matches ? "locked_meanwhile" : "wrong_password" }
            try AuditLog.record(
                connection, actor: account?.actor ?? username, action: "login.failure", region: account?.region,
                schoolID: account?.schoolID, subjectType: "account", subjectID: username, details: details)
            var lock: Date?
            if let account {
                let counted = try connection.query(
                    """
                    UPDATE accounts SET
                        failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
                        locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + $3::interval ELSE locked_until END
                    WHERE account_id = $1 RETURNING failed_logins = 0 AS locking, locked_until
                    """,
                    [account.id, policy.accountFailures, window])
                // A lock starts the count again, so that it ends: one failure after it is one of five.
                if try counted.rows[0].decode("locking", as: Bool.self) {
                    lock = try counted.rows[0].decode("locked_until", as: Date?.self)
                }
            } else {
                let failures = try connection.query(
                    "SELECT count(*)::int FROM login_failures WHERE username = $1 AND at > now() - $2::interval",
                    [username, window]).decode(Int.self, row: 0, column: 0)
                if failures >= policy.accountFailures { lock = Date().addingTimeInterval(TimeInterval(policy.lockSeconds)) }
            }
            if lock != nil {
                try AuditLog.record(
                    connection, actor: account?.actor ?? username, action: "login.lock", region: account?.region,
                    schoolID: account?.schoolID, subjectType: "account", subjectID: username,
                    details: ["address": .string(address), "failures": .integer(policy.accountFailures)])
            }
            if addressFailures >= policy.addressFailures {
                try AuditLog.record(
                    connection, actor: username, action: "login.lock", subjectType: "address", subjectID: address,
                    details: ["failures": .integer(addressFailures)])
                lock = lock ?? Date().addingTimeInterval(TimeInterval(policy.lockSeconds))
            }
            return lock.map { .locked(until: $0) } ?? .refused
        }
    }

    /// Whether `name` may be a sign-in name (the same rule as the table's check).
    public static func isValidUsername(_ name: String) -> Bool {
        name.wholeMatch(of: /[a-z0-9][a-z0-9._\-]{1,63}/) != nil
    }

    /// The columns `account(_:)` reads, each prefixed with `alias.` when one is given.
    static func columns(_ alias: String? = nil) -> String {
        ["account_id", "username", "display_name", "role", "region", "school_id", "created_by", "created_at",
         "password_set_at", "disabled_at", "locked_until", "last_login_at"]
            .map { column in alias.map { "\($0).\(column)" } ?? column }
            .joined(separator: ", ")
    }

    static func account(_ row: QueryResult.Row) throws -> Account {
        let roleText: String = try row.decode("role")
        guard let role = AccountRole(rawValue: roleText) else {
            throw PostgresError(kind: .decoding, message: "\(roleText) is not an account role")
        }
        return Account(
            id: try row.decode("account_id"), username: try row.decode("username"),
            displayName: try row.decode("display_name"), role: role, region: try row.decode("region"),
            schoolID: try row.decode("school_id"), createdBy: try row.decode("created_by"),
            createdAt: try row.decode("created_at"), passwordSetAt: try row.decode("password_set_at"),
            disabledAt: try row.decode("disabled_at"), lockedUntil: try row.decode("locked_until"),
            lastLoginAt: try row.decode("last_login_at"))
    }
}
