import Foundation

/// One student on the follow-up ledger (一人一案): no open or successful referral (or an overdue
/// one), why, who is responsible, and since when.
public struct FollowupEntry: Sendable, Hashable, Codable {
    public var studentID: String
    public var studentName: String
    public var juniorSchool: String?
    /// The cohort (graduation year).
    public var cohort: Int?
    public var reason: FollowupReason
    /// The person following the student (四级包保): the one named for them (the import's 班主任
    /// column, or `pathway followup assign`), else the assignee of their latest referral; nil
    /// when nobody is named yet. Never an operating-system account.
    public var responsible: String?
    /// The day the event behind `reason` happened (the referral's last change, the run, the day
    /// after registration closed, or, for a student never matched, their import).
    public var since: CalendarDate
    /// Whole days from `since` to the day the ledger is for.
    public var waitingDays: Int
    /// The run behind the reason (`unplaced`, `not_referred`), or the latest referral's run.
    public var runID: RunID?
    /// The latest referral, when the reason is one of its outcomes.
    public var referralID: ReferralID?
    public var referenceNumber: String?
    /// The programme of that referral, or of the placement not yet referred.
    public var programID: String?
    /// The reason code given when the referral closed (declined, no_show, withdrawn, expired).
    public var outcomeReason: OutcomeReason?
    /// For `overdue`: days past the school's deadline.
    public var overdueDays: Int?

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
        case outcomeReason = "outcome_reason"
        case overdueDays = "overdue_days"
    }

    public init(
        studentID: String, studentName: String, juniorSchool: String?, cohort: Int?, reason: FollowupReason,
        responsible: String?, since: CalendarDate, waitingDays: Int, runID: RunID?, referralID: ReferralID?, referenceNumber: String?,
        programID: String?, outcomeReason: OutcomeReason? = nil, overdueDays: Int? = nil
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
        self.outcomeReason = outcomeReason
        self.overdueDays = overdueDays
    }
}
