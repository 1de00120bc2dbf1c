import Foundation
import PathwayCore

/// What a person may do once signed in: the county's staff work on the county's students, a
/// school clerk on the referrals of one vocational school and nothing else.
public enum AccountRole: String, Sendable, Hashable, Codable, CaseIterable {
    /// Runs the county's year: data, runs, referrals, accounts.
    case administrator
    /// Follows students (一人一案): a caseload of their own.
    case counsellor
    /// A vocational school's admissions clerk: that school's referrals only.
    case school_clerk

    /// The role as staff read it: `管理员`, `administrator`.
    public func name(in language: Language) -> String {
        switch (self, language) {
        case (.administrator, .chinese): "管理员"
        case (.administrator, .english): "administrator"
        case (.counsellor, .chinese): "辅导员"
        case (.counsellor, .english): "counsellor"
        case (.school_clerk, .chinese): "学校招生员"
        case (.school_clerk, .english): "school clerk"
        }
    }
}

/// One person's account as stored: everything but the password, of which only a bcrypt hash
/// is kept and never leaves the store.
public struct Account: Sendable, Hashable, Codable {
    public var id: Int
    /// The sign-in name: 2 to 64 lower-case ASCII letters, digits, `.`, `_` or `-`.
    public var username: String
    /// The person's name as shown and recorded in the audit log (`王老师`).
    public var displayName: String
    public var role: AccountRole
    /// The region the account works in; a clerk's is the school's.
    public var region: Region
    /// The one vocational school a clerk acts for; nil for staff.
    public var schoolID: String?
    public var createdBy: String
    public var createdAt: Date
    public var passwordSetAt: Date
    public var disabledAt: Date?
    /// Until when sign-ins are refused after too many failures; nil or past: not locked.
    public var lockedUntil: Date?
    public var lastLoginAt: Date?

    /// Whether the account may sign in at all.
    public var isActive: Bool { disabledAt == nil }

    /// The name the audit log records for what this account does: `王老师 (wang)`.
    public var actor: String { "\(displayName) (\(username))" }

    enum CodingKeys: String, CodingKey {
        case id = "account_id", username, displayName = "display_name", role, region, schoolID = "school_id"
        case createdBy = "created_by", createdAt = "created_at", passwordSetAt = "password_set_at"
        case disabledAt = "disabled_at", lockedUntil = "locked_until", lastLoginAt = "last_login_at"
    }
}
