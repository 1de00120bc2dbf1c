import PathwayCore

/// One change asked of a referral: the status it should move to, with the reason code and note
/// that go into its history.
public struct ReferralMove: Sendable, Hashable {
    public var referralID: ReferralID
    public var status: ReferralStatus
    public var reason: OutcomeReason?
    public var note: String?

    public init(referralID: ReferralID, status: ReferralStatus, reason: OutcomeReason? = nil, note: String? = nil) {
        self.referralID = referralID
        self.status = status
        self.reason = reason
        self.note = note
    }

    /// Whether `reason` may come with this move: only an ending without an enrolment takes one,
    /// and only an expiry (Pathway's own) says registration closed.
    func allows(_ reason: OutcomeReason) -> Bool {
        guard OutcomeReason.statuses.contains(status) else { return false }
        return (reason == .registration_closed) == (status == .expired)
    }
}
