import Foundation
import PathwayCore

/// One API token as stored: everything but the token itself, which is shown once and never kept.
public struct APIToken: Sendable, Hashable, Codable {
    public var id: Int
    /// The vocational school whose referrals the token can read and answer.
    public var schoolID: String
    /// Who or what the token is for ("教务处 enrolment system"), so that staff know which to revoke.
    public var label: String?
    public var createdBy: String
    public var createdAt: Date
    public var lastUsedAt: Date?
    public var revokedAt: Date?

    public init(
        id: Int, schoolID: String, label: String?, createdBy: String, createdAt: Date,
        lastUsedAt: Date?, revokedAt: Date?
    ) {
        self.id = id
        self.schoolID = schoolID
        self.label = label
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }

    /// Whether requests carrying this token are still accepted.
    public var isActive: Bool { revokedAt == nil }

    enum CodingKeys: String, CodingKey {
        case id = "token_id", schoolID = "school_id", label, createdBy = "created_by", createdAt = "created_at"
        case lastUsedAt = "last_used_at", revokedAt = "revoked_at"
    }
}

/// A token just created: the secret, which exists only here, and its stored record.
public struct IssuedToken: Sendable {
    /// `pw_` and 43 URL-safe characters; give it to the school, it cannot be shown again.
    public var token: String
    public var record: APIToken
}

/// Who a school-facing request acts for, once its API token or its clerk's session has been
/// checked: one school, in that school's region. Every school-facing read and write (API,
/// portal, exports) takes one of these, so one rule of visibility serves them all.
public struct SchoolCredential: Sendable, Hashable {
    /// The API token the request came with; nil for a clerk in the portal.
    public var tokenID: Int?
    /// The clerk's account; nil for an API token.
    public var accountID: Int?
    public var schoolID: String
    /// The school's region: every referral the request may reach is of this region.
    public var region: Region
    /// The actor recorded in the audit log: `api token 3 (S01)`, `王老师 (wang)`.
    public var actor: String

    public init(tokenID: Int, schoolID: String, region: Region) {
        self.tokenID = tokenID
        self.accountID = nil
        self.schoolID = schoolID
        self.region = region
        self.actor = "api token \(tokenID) (\(schoolID))"
    }

    /// The credential of a school clerk's account; nil for staff, who act for no school.
    public init?(clerk account: Account) {
        guard account.role == .school_clerk, let schoolID = account.schoolID else { return nil }
        tokenID = nil
        accountID = account.id
        self.schoolID = schoolID
        region = account.region
        actor = account.actor
    }
}
