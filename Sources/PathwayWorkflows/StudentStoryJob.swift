import Foundation
import PathwayCore
import PathwayStorage

/// `pathway students show ID`: the student's record and whole story, and where they stand on
/// the day (`--as-of`, else today).
public struct StudentStoryJob: Sendable {
    public var studentID: String
    public var asOf: CalendarDate?
    /// Whether the expiries due by today are recorded first (as `followup list` does), or only
    /// judged (a page view, which must not rewrite the whole county's open referrals).
    public var recordsExpiries: Bool

    public init(studentID: String, asOf: CalendarDate? = nil, recordsExpiries: Bool = true) {
        self.studentID = studentID
        self.recordsExpiries = recordsExpiries
        self.asOf = asOf
    }

    /// Where the student stands on the day.
    public enum Standing: Sendable, Hashable {
        /// A referral holds them (open, or enrolled) and nobody is late.
        case held(referral: Referral, status: ReferralStatus)
        /// On the follow-up ledger (including an overdue referral), with the entry.
        case onLedger(FollowupEntry)
    }

    public struct Outcome: Sendable {
        public var story: StudentStory
        public var day: FollowupDay
        public var standing: Standing
        /// The person who follows the student, nil when nobody is named.
        public var responsible: String?
    }

    /// - Returns: nil when the region has no such student.
    public func run(in workspace: Workspace) throws -> Outcome? {
        var day = recordsExpiries ? try FollowupDay.judging(asOf, in: workspace) : try FollowupDay.reading(in: workspace)
        if let asOf { day.day = asOf }
        guard let story = try StudentStory.read(workspace.connection, region: workspace.region, studentID: studentID) else {
            return nil
        }
        let facts = try workspace.ledger.facts(.init(studentIDs: [studentID]), on: day.day, timeZone: day.timeZone).first
        let judged = facts?.judged(on: day.day, deadlines: day.deadlines) ?? []
        let standing: Standing
        if let entry = facts?.entry(on: day.day, judged: judged) {
            standing = .onLedger(entry)
        } else if let held = FollowupFacts.holding(judged),
                  let history = story.referrals.first(where: { $0.referral.id == held.referral.referralID }) {
            standing = .held(referral: history.referral, status: held.standing.status)
        } else {
            // Imported after the day: nothing had happened yet.
            standing = .onLedger(FollowupEntry(
                studentID: studentID, studentName: story.student.name, juniorSchool: story.student.juniorSchool,
                cohort: story.student.graduationYear, reason: .never_matched, responsible: story.student.responsible,
                since: day.day, waitingDays: 0, runID: nil, referralID: nil, referenceNumber: nil, programID: nil))
        }
        return Outcome(
            story: story, day: day, standing: standing, responsible: facts?.responsible(among: judged) ?? story.student.responsible)
    }
}
