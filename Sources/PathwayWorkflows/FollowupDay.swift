import Foundation
import PathwayCore
import PathwayStorage

/// The day a job judges time on (`--as-of`, else today), with the region's deadlines and the
/// county's time zone: one value every time-judging job takes, so they agree on every day.
public struct FollowupDay: Sendable {
    public var day: CalendarDate
    public var deadlines: FollowupDeadlines
    public var timeZone: TimeZone

    public init(day: CalendarDate, deadlines: FollowupDeadlines, timeZone: TimeZone = .current) {
        self.day = day
        self.deadlines = deadlines
        self.timeZone = timeZone
    }

    /// The region's clock on `asOf` (nil: today), after recording every expiry due by today.
    ///
    /// Expiries are written only as of the real today: a look at a later day shows what will
    /// have expired by then (the ledger judges it) without recording a future.
    public static func judging(_ asOf: CalendarDate?, in workspace: Workspace, timeZone: TimeZone = .current) throws -> FollowupDay {
        let today = try reading(in: workspace, timeZone: timeZone)
        try ExpiryJob(today: today).run(in: workspace)
        return FollowupDay(day: asOf ?? today.day, deadlines: today.deadlines, timeZone: timeZone)
    }

    /// The region's clock today, recording nothing: for readers who may not change the county's
    /// data (a school's page view), for whom the ledger judges expiries without writing them.
    public static func reading(in workspace: Workspace, timeZone: TimeZone = .current) throws -> FollowupDay {
        FollowupDay(
            day: try CalendarDate(dayOf: Date(), in: timeZone), deadlines: try workspace.settings.deadlines().deadlines,
            timeZone: timeZone)
    }
}

/// Moves every open referral whose registration has closed to `expired`, with the reason
/// `registration_closed` and a note naming the last day, all in one transaction: the student
/// returns to the follow-up ledger.
public struct ExpiryJob: Sendable {
    /// The day judged (normally today: `FollowupDay.judging` never records a later one).
    public var today: FollowupDay

    public init(today: FollowupDay) {
        self.today = today
    }

    /// - Returns: the referrals it expired.
    @discardableResult
    public func run(in workspace: Workspace) throws -> [Referral] {
        var moves: [ReferralMove] = []
        for open in try workspace.referrals.openReferralCohorts() {
            let made = try CalendarDate(dayOf: open.createdAt, in: today.timeZone)
            guard let closed = today.deadlines.registrationCloses(cohort: open.cohort, referredOn: made), today.day > closed
            else { continue }
            moves.append(ReferralMove(
                referralID: open.referralID, status: .expired, reason: .registration_closed,
                note: "中职报名已于 \(closed) 截止 / registration closed on \(closed)"))
        }
        guard !moves.isEmpty else { return [] }
        return try workspace.referrals.apply(moves, actor: workspace.actor)
    }
}

/// `pathway followup list`: the ledger on a day, optionally one person's students.
public struct FollowupListJob: Sendable {
    public var cohort: Int?
    public var asOf: CalendarDate?
    /// Only the students this person follows.
    public var assignee: String?

    public init(cohort: Int? = nil, asOf: CalendarDate? = nil, assignee: String? = nil) {
        self.cohort = cohort
        self.asOf = asOf
        self.assignee = assignee
    }

    public struct Outcome: Sendable {
        public var day: FollowupDay
        public var entries: [FollowupEntry]
    }

    public func run(in workspace: Workspace) throws -> Outcome {
        let day = try FollowupDay.judging(asOf, in: workspace)
        var entries = try workspace.ledger.entries(
            .init(cohort: cohort), on: day.day, deadlines: day.deadlines, timeZone: day.timeZone)
        if let assignee = assignee?.trimmingCharacters(in: .whitespaces) {
            entries = entries.filter { $0.responsible == assignee }
        }
        return Outcome(day: day, entries: entries)
    }
}

/// `pathway followup assign`: names the person who follows the selected students (四级包保),
/// and their open referrals with them.
public struct AssignJob: Sendable {
    public var selection: FollowupStore.Selection
    public var person: String

    public init(selection: FollowupStore.Selection, person: String) {
        self.selection = selection
        self.person = person
    }

    @discardableResult
    public func run(in workspace: Workspace) throws -> FollowupStore.Assignment {
        try workspace.followup.assign(selection, to: person, actor: workspace.actor)
    }
}

/// `pathway followup contact`: records a call, visit or message to a student's family.
public struct ContactJob: Sendable {
    public var studentID: String
    public var kind: ContactKind
    public var outcome: ContactOutcome
    public var note: String?
    /// Who made it; nil: the student's responsible person.
    public var contactedBy: String?
    /// When; nil: now.
    public var at: Date?

    public init(
        studentID: String, kind: ContactKind, outcome: ContactOutcome, note: String? = nil, contactedBy: String? = nil,
        at: Date? = nil
    ) {
        self.studentID = studentID
        self.kind = kind
        self.outcome = outcome
        self.note = note
        self.contactedBy = contactedBy
        self.at = at
    }

    /// - Throws: `FollowupStoreError.unknownStudents`; `WorkflowError.nobodyNamed` when no
    ///   person is given and the student has nobody responsible.
    @discardableResult
    public func run(in workspace: Workspace) throws -> FollowupContact {
        guard let student = try workspace.directory.student(id: studentID) else {
            throw FollowupStoreError.unknownStudents([studentID])
        }
        let given = contactedBy?.trimmingCharacters(in: .whitespaces)
        guard let person = given?.isEmpty == false ? given : student.responsible else {
            throw WorkflowError.nobodyNamed(studentID: studentID)
        }
        return try workspace.followup.recordContact(
            studentID: studentID, kind: kind, outcome: outcome, note: note, contactedBy: person, at: at ?? Date(),
            actor: workspace.actor)
    }
}
