import Foundation
import PathwayCore

/// One change of a referral's status: who, when, from what, to what, and why.
public struct ReferralEvent: Sendable, Hashable, Codable {
    public var id: Int
    public var referralID: ReferralID
    /// nil for the event that created the referral.
    public var from: ReferralStatus?
    public var to: ReferralStatus
    public var actor: String
    public var note: String?
    /// The reason code given with the change, for an ending without an enrolment.
    public var reason: OutcomeReason?
    public var at: Date

    /// The keys of `--json` output: snake_case, like the import formats' columns.
    enum CodingKeys: String, CodingKey {
        case id = "event_id"
        case referralID = "referral_id"
        case from
        case to
        case actor
        case note
        case reason
        case at
    }

    public init(
        id: Int, referralID: ReferralID, from: ReferralStatus?, to: ReferralStatus, actor: String, note: String?,
        reason: OutcomeReason? = nil, at: Date
    ) {
        self.id = id
        self.referralID = referralID
        self.from = from
        self.to = to
        self.actor = actor
        self.note = note
        self.reason = reason
        self.at = at
    }
}

/// A referral with every change it went through, oldest first.
public struct ReferralHistory: Sendable, Hashable, Codable {
    public var referral: Referral
    public var events: [ReferralEvent]

    public init(referral: Referral, events: [ReferralEvent]) {
        self.referral = referral
        self.events = events
    }
}
