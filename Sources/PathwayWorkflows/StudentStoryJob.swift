import Foundation
import PathwayCore
import PathwayStorage

/// `pathway students show ID`: the student's record and whole story, and where they stand on
/// the day (`--as-of`, else today).
public struct StudentStoryJob: Sendable {
    public var studentID: String
    public var asOf: CalendarDate?

    public init(studentID: String, asOf: CalendarDate? = nil) {
        self.studentID = studentID
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
        let day = try FollowupDay.judging(asOf, in: workspace)
        guard let story = try StudentStory.read(workspace.connection, region: workspace.region, studentID: studentID) else {
            return nil
        }
        let facts = try workspace.ledger.facts(.init(studentIDs: [studentID]), on: day.day, timeZone: day.timeZone)
        let entry = facts.first?.entry(on: day.day, deadlines: day.deadlines)
        var standing: Standing
        if let entry {
            standing = .onLedger(entry)
        } else if let fact = facts.first, let held = fact.referrals.compactMap({ referral in
            referral.clock.standing(on: day.day, deadlines: day.deadlines).map { (referral, $0) }
        }).first(where: { $0.1.status.holdsSeat }), let referral = story.referrals.first(where: { $0.referral.id == held.0.referralID }) {
            standing = .held(referral: referral.referral, status: held.1.status)
        } else {
            // Imported after the day: nothing had happened yet.
            standing = .onLedger(FollowupEntry(
                studentID: studentID, studentName: story.student.name, juniorSchool: story.student.juniorSchool,
                cohort: story.student.graduationYear, reason: .never_matched, responsible: story.student.responsible,
                since: day.day, waitingDays: 0, runID: nil, referralID: nil, referenceNumber: nil, programID: nil))
        }
        let responsible = story.student.responsible ?? story.referrals.last?.referral.assignee
        return Outcome(story: story, day: day, standing: standing, responsible: responsible)
    }
}

/// `pathway county show|set`: the region's deadlines.
public struct CountySettingsJob: Sendable {
    public var acknowledgeDays: Int?
    public var registrationCloses: (month: Int, day: Int)?

    public init(acknowledgeDays: Int? = nil, registrationCloses: (month: Int, day: Int)? = nil) {
        self.acknowledgeDays = acknowledgeDays
        self.registrationCloses = registrationCloses
    }

    /// Changes what was given and keeps the rest; returns the deadlines now in force.
    ///
    /// - Throws: `FollowupDeadlinesError` for a value out of range (nothing changed).
    @discardableResult
    public func run(in workspace: Workspace) throws -> FollowupDeadlines {
        var deadlines = try workspace.settings.deadlines().deadlines
        guard acknowledgeDays != nil || registrationCloses != nil else { return deadlines }
        if let acknowledgeDays { deadlines.acknowledgeDays = acknowledgeDays }
        if let registrationCloses {
            deadlines.registrationMonth = registrationCloses.month
            deadlines.registrationDay = registrationCloses.day
        }
        try workspace.settings.setDeadlines(deadlines, actor: workspace.actor)
        return deadlines
    }
}
