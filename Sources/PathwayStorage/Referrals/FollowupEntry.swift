import Foundation
import PathwayCore

/// One student on the follow-up ledger (一人一案): no open or successful referral, why, who is
/// responsible, and since when.
public struct FollowupEntry: Sendable, Hashable, Codable {
    public var studentID: String
    public var studentName: String
    public var juniorSchool: String?
    /// The cohort (graduation year).
    public var cohort: Int?
    public var reason: FollowupReason
    /// The person following the student: the assignee of their latest referral; without one,
    /// the creator of the latest run that included them; for a student no run included, the
    /// creator of the region's latest run. nil only when the region has no run at all.
    public var responsible: String?
    /// When the event behind `reason` happened (the referral's last change, the run, or, for a
    /// student never matched, their import).
    public var since: Date
    /// Whole days since `since`.
    public var waitingDays: Int
    /// The run behind the reason (`unplaced`, `not_referred`), or the latest referral's run.
    public var runID: RunID?
    /// The latest referral, when the reason is one of its outcomes.
    public var referralID: ReferralID?
    public var referenceNumber: String?
    /// The programme of that referral, or of the placement not yet referred.
    public var programID: String?

    /// The keys of `--json` output: snake_case, like the import formats' columns.
    enum CodingKeys: String, CodingKey {
        case studentID = "student_id"
        case studentName = "student_name"
        case juniorSchool = "junior_school"
        case cohort
        case reason
        case responsible
        case since
        case waitingDays = "waiting_days"
        case runID = "run_id"
        case referralID = "referral_id"
        case referenceNumber = "reference_number"
        case programID = "program_id"
    }

    public init(
        studentID: String, studentName: String, juniorSchool: String?, cohort: Int?, reason: FollowupReason,
        responsible: String?, since: Date, waitingDays: Int, runID: RunID?, referralID: ReferralID?, referenceNumber: String?,
        programID: String?
    ) {
        self.studentID = studentID
        self.studentName = studentName
        self.juniorSchool = juniorSchool
        self.cohort = cohort
        self.reason = reason
        self.responsible = responsible
        self.since = since
        self.waitingDays = waitingDays
        self.runID = runID
        self.referralID = referralID
        self.referenceNumber = referenceNumber
        self.programID = programID
    }
}
