/// A programme a student said no to (declined) or did not turn up for (no_show): no run offers
/// it to them again. A withdrawn referral is the county's doing and excludes nothing.
public struct ProgramRefusal: Sendable, Hashable, Codable {
    public var studentID: String
    public var programID: String
    /// `declined` or `no_show`.
    public var status: ReferralStatus
    public var reason: OutcomeReason?
    /// The referral it happened under, e.g. `PW-2026-000123`.
    public var referenceNumber: String

    public init(studentID: String, programID: String, status: ReferralStatus, reason: OutcomeReason?, referenceNumber: String) {
        self.studentID = studentID
        self.programID = programID
        self.status = status
        self.reason = reason
        self.referenceNumber = referenceNumber
    }
}
