import Foundation

/// What the follow-up ledger knows of one student up to a day: their latest match run, every
/// referral with its changes, and who is named to follow them. `entry(on:deadlines:)` judges it.
public struct FollowupFacts: Sendable, Hashable {
    public struct RunFact: Sendable, Hashable {
        public var runID: RunID
        public var at: Date
        public var day: CalendarDate
        /// nil when the run left the student without a seat.
        public var programID: String?

        public init(runID: RunID, at: Date, day: CalendarDate, programID: String?) {
            self.runID = runID
            self.at = at
            self.day = day
            self.programID = programID
        }
    }

    public struct ReferralFact: Sendable, Hashable {
        public var referralID: ReferralID
        public var referenceNumber: String
        public var runID: RunID
        public var programID: String
        /// The vocational school the referral went to.
        public var schoolID: String
        public var assignee: String
        public var clock: ReferralClock

        public init(
            referralID: ReferralID, referenceNumber: String, runID: RunID, programID: String, schoolID: String,
            assignee: String, clock: ReferralClock
        ) {
            self.referralID = referralID
            self.referenceNumber = referenceNumber
            self.runID = runID
            self.programID = programID
            self.schoolID = schoolID
            self.assignee = assignee
            self.clock = clock
        }
    }

    public var studentID: String
    public var studentName: String
    public var juniorSchool: String?
    public var township: String?
    public var cohort: Int?
    /// The person named for the student (班主任, or assigned).
    public var responsible: String?
    /// The day the student was imported.
    public var importedDay: CalendarDate
    /// The latest run (not `ranked`) that included the student by the end of the day.
    public var latestRun: RunFact?
    /// Every referral of the student, oldest first.
    public var referrals: [ReferralFact]
    /// The days of the contacts (calls, visits) recorded for the student.
    public var contactDays: [CalendarDate]

    public init(
        studentID: String, studentName: String, juniorSchool: String?, township: String?, cohort: Int?,
        responsible: String?, importedDay: CalendarDate, latestRun: RunFact?, referrals: [ReferralFact],
        contactDays: [CalendarDate] = []
    ) {
        self.studentID = studentID
        self.studentName = studentName
        self.juniorSchool = juniorSchool
        self.township = township
        self.contactDays = contactDays
        self.cohort = cohort
        self.responsible = responsible
        self.importedDay = importedDay
        self.latestRun = latestRun
        self.referrals = referrals
    }

    /// A referral with its standing on a day.
    public typealias Judged = (referral: ReferralFact, standing: ReferralClock.Standing)

    /// Every referral that existed by the end of `day`, with its standing then: judged once, and
    /// handed to `entry`, `holding`, `latest` and `responsible` (and the period report).
    public func judged(on day: CalendarDate, deadlines: FollowupDeadlines) -> [Judged] {
        referrals.compactMap { fact in fact.clock.standing(on: day, deadlines: deadlines).map { (fact, $0) } }
    }

    /// The referral changed last (of two changed at once, the later one): the one whose school a
    /// student counts under and whose assignee follows them when nobody is named.
    public static func latest(_ judged: [Judged]) -> Judged? {
        judged.max { ($0.standing.changedAt, $0.referral.referralID) < ($1.standing.changedAt, $1.referral.referralID) }
    }

    /// The referral that holds the student's seat (open and not expired, or enrolled); nil when
    /// none does.
    public static func holding(_ judged: [Judged]) -> Judged? {
        judged.first { $0.standing.status.holdsSeat }
    }

    /// Who follows the student: the person named for them, else the assignee of the referral
    /// changed last; nil when nobody is named.
    public func responsible(among judged: [Judged]) -> String? {
        responsible ?? Self.latest(judged)?.referral.assignee
    }

    /// The student's ledger entry at the end of `day`; see `entry(on:judged:)`.
    public func entry(on day: CalendarDate, deadlines: FollowupDeadlines) -> FollowupEntry? {
        entry(on: day, judged: judged(on: day, deadlines: deadlines))
    }

    /// The student's ledger entry at the end of `day`, or nil when a referral holds them in time.
    ///
    /// - A referral that holds the seat that day (open, not expired, or enrolled) keeps the
    ///   student off the ledger, unless it is overdue: then the entry is `overdue`.
    /// - Otherwise the latest of two events is the reason: the last change of the latest
    ///   referral (declined, no_show, withdrawn, expired) and the latest run (unplaced, or
    ///   placed and not referred). A referral made from that run itself counts as later.
    /// - No run and no referral: `never_matched`, since the import.
    /// - A student imported after `day` was on no ledger then: nil.
    ///
    /// - Parameter judged: `judged(on: day, deadlines:)`.
    public func entry(on day: CalendarDate, judged: [Judged]) -> FollowupEntry? {
        guard importedDay <= day else { return nil }
        let responsible = responsible(among: judged)
        func entry(_ reason: FollowupReason, since: CalendarDate, run: RunID?, referral: ReferralFact?, programID: String?,
                   outcomeReason: OutcomeReason? = nil, overdueDays: Int? = nil) -> FollowupEntry {
            FollowupEntry(
                studentID: studentID, studentName: studentName, juniorSchool: juniorSchool, cohort: cohort, reason: reason,
                responsible: responsible, since: since, waitingDays: max(0, since.days(until: day)), runID: run,
                referralID: referral?.referralID, referenceNumber: referral?.referenceNumber, programID: programID,
                outcomeReason: outcomeReason, overdueDays: overdueDays)
        }
        if let (fact, standing) = Self.holding(judged) {
            guard let overdue = standing.overdueDays else { return nil }
            return entry(.overdue, since: standing.since, run: fact.runID, referral: fact, programID: fact.programID,
                         overdueDays: overdue)
        }
        if let (fact, standing) = Self.latest(judged),
           latestRun.map({ $0.runID == fact.runID || standing.changedAt >= $0.at }) ?? true {
            let reason: FollowupReason = switch standing.status {
            case .declined: .declined
            case .no_show: .no_show
            case .expired: .expired
            default: .withdrawn
            }
            return entry(reason, since: standing.since, run: fact.runID, referral: fact, programID: fact.programID,
                         outcomeReason: standing.reason)
        }
        if let run = latestRun {
            return entry(run.programID == nil ? .unplaced : .not_referred, since: run.day, run: run.runID, referral: nil,
                         programID: run.programID)
        }
        return entry(.never_matched, since: importedDay, run: nil, referral: nil, programID: nil)
    }
}
