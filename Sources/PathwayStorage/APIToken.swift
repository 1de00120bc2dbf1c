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

/// Who a request acts for, once its token has been checked.
public struct SchoolCredential: Sendable, Hashable {
    public var tokenID: Int
    public var schoolID: String
    /// The school's region: every referral the request may reach is of this region.
    public var region: Region

    public init(tokenID: Int, schoolID: String, region: Region) {
        self.tokenID = tokenID
        self.schoolID = schoolID
        self.region = region
    }

    /// The actor recorded in the audit log for what this token does.
    public var actor: String { "api token \(tokenID) (\(schoolID))" }
}
