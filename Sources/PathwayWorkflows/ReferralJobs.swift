import Foundation
import PathwayCore
import PathwayStorage

/// `pathway referrals create`: one proposed referral for every student a run placed.
public struct ReferralCreationJob: Sendable {
    public var runID: RunID
    /// Who follows the students that have nobody named (their 班主任 or an assignment) until
    /// they enrol; nil: every student must have someone named.
    public var assignee: String?

    public init(runID: RunID, assignee: String?) {
        self.runID = runID
        self.assignee = assignee
    }

    /// - Throws: `ReferralError.unknownRun`, `.missingPerson`, `.noResponsiblePerson`; nothing
    ///   is written then.
    @discardableResult
    public func run(in workspace: Workspace) throws -> ReferralCreation {
        try workspace.referrals.createReferrals(run: runID, assignee: assignee, actor: workspace.actor)
    }
}

/// `pathway referrals approve|send|withdraw|outcome`: moves referrals along their lifecycle,
/// all or none, each move with its event and audit entry.
///
/// The referrals are the ids given, or those a selection finds (a run, a school, a status, or
/// several: 700 referrals of a run in one command). A selection keeps only the referrals that
/// can make the move; with `status` that status must be able to make it.
public struct ReferralMoveJob: Sendable {
    public var referralIDs: [ReferralID]
    /// Every referral of this run, school or status (with the ids, the ones among them).
    public var selection: ReferralStore.Filter?
    public var status: ReferralStatus
    public var note: String?
    public var reason: OutcomeReason?

    public init(
        referralIDs: [ReferralID], selection: ReferralStore.Filter? = nil, to status: ReferralStatus, note: String? = nil,
        reason: OutcomeReason? = nil
    ) {
        self.referralIDs = referralIDs
        self.selection = selection
        self.status = status
        self.note = note
        self.reason = reason
    }

    /// The referrals the job would move, as they stand.
    ///
    /// - Throws: `WorkflowError.statusCannotMove` when the selection's status cannot make the
    ///   move, `.nothingToMove` when it finds nothing.
    public func selected(in workspace: Workspace) throws -> [Referral] {
        guard var filter = selection else { return try workspace.referrals.list(.init(ids: referralIDs)) }
        if let from = filter.status, !from.choices.contains(status) {
            throw WorkflowError.statusCannotMove(from: from, to: status)
        }
        if !referralIDs.isEmpty { filter.ids = referralIDs }
        let found = try workspace.referrals.list(filter).filter { $0.status.choices.contains(status) }
        guard !found.isEmpty else { throw WorkflowError.nothingToMove(to: status) }
        return found
    }

    /// - Returns: the referrals as they now stand, in id order.
    /// - Throws: `ReferralError.notFound` or `.illegalTransition` for the first referral that
    ///   cannot move (a concurrent change, or an id given that may not); none is moved then.
    @discardableResult
    public func run(in workspace: Workspace) throws -> [Referral] {
        let ids = selection == nil ? referralIDs : try selected(in: workspace).map(\.id)
        return try workspace.referrals.transition(
            referralIDs: ids, to: status, actor: workspace.actor, note: note, reason: reason)
    }
}

/// `pathway referrals list --overdue`: the sent referrals a school has not acknowledged within
/// the county's days, on a day.
public struct OverdueReferralsJob: Sendable {
    public var asOf: CalendarDate?
    public var filter: ReferralStore.Filter
    /// Whether the expiries due by today are recorded first (staff); a school's view records
    /// nothing, since it may not change other schools' referrals, nor the county's.
    public var recordsExpiries: Bool

    public init(asOf: CalendarDate? = nil, filter: ReferralStore.Filter = .init(), recordsExpiries: Bool = true) {
        self.asOf = asOf
        self.filter = filter
        self.recordsExpiries = recordsExpiries
    }

    public struct Outcome: Sendable {
        public var day: FollowupDay
        /// Each overdue referral with its days past the deadline, in id order.
        public var referrals: [(referral: Referral, overdueDays: Int)]
    }

    public func run(in workspace: Workspace) throws -> Outcome {
        let day = recordsExpiries ? try FollowupDay.judging(asOf, in: workspace) : try FollowupDay.reading(in: workspace)
        // With a filter (one school, some ids), only the students it finds are judged: a
        // school's page judges its own few hundred, not the region's 100,000 (2.5 s a page).
        let candidates: [Referral]? = filter == ReferralStore.Filter() ? nil : try workspace.referrals.list(filter)
        if let candidates, candidates.isEmpty { return Outcome(day: day, referrals: []) }
        let scope = FollowupLedger.Scope(studentIDs: candidates.map { Array(Set($0.map(\.studentID))).sorted() })
        let overdue = try workspace.ledger.entries(scope, on: day.day, deadlines: day.deadlines, timeZone: day.timeZone)
            .filter { $0.reason == .overdue }
        var days: [ReferralID: Int] = [:]
        for entry in overdue {
            if let id = entry.referralID { days[id] = entry.overdueDays ?? 0 }
        }
        guard !days.isEmpty else { return Outcome(day: day, referrals: []) }
        let referrals: [(referral: Referral, overdueDays: Int)]
        if let candidates {
            referrals = candidates.compactMap { referral in days[referral.id].map { (referral, $0) } }
        } else {
            referrals = try workspace.referrals.list(ReferralStore.Filter(ids: days.keys.sorted())).compactMap { referral in
                days[referral.id].map { (referral, $0) }
            }
        }
        return Outcome(day: day, referrals: referrals)
    }
}

/// What a vocational school reports about one of its referrals (the API, and later the portal):
/// the same rule of visibility as every school-facing read, and idempotent, so that a client
/// retrying after a lost answer is told the referral as it stands rather than refused.
public struct SchoolOutcomeJob: Sendable {
    public var referralID: ReferralID
    public var outcome: ReferralStatus
    /// Why, for a decline or a no-show.
    public var reason: OutcomeReason?
    public var note: String?

    /// - Precondition: `outcome` is one of `ReferralStatus.schoolReports` (the front end checks
    ///   it and answers with that list).
    public init(referralID: ReferralID, outcome: ReferralStatus, reason: OutcomeReason? = nil, note: String? = nil) {
        self.referralID = referralID
        self.outcome = outcome
        self.reason = reason
        self.note = note
    }

    /// Records the outcome for `credential`'s school.
    ///
    /// - Returns: the referral as the school sees it now; nil when the school may not see it
    ///   (another school's, a draft, no such referral), which a front end answers as "not found".
    /// - Throws: `ReferralError.illegalTransition` when the lifecycle forbids the move (a
    ///   different outcome on a closed referral).
    public func run(in workspace: Workspace, credential: SchoolCredential) throws -> SchoolReferral? {
        do {
            try workspace.referrals.transition(
                referralID: referralID, to: outcome, actor: workspace.actor, note: note, reason: reason,
                schoolID: credential.schoolID,
                tokenID: credential.tokenID, repeatIsNoChange: true)
        } catch ReferralError.notFound {
            return nil
        }
        return try SchoolReferralQuery(connection: workspace.connection).referral(id: referralID, schoolID: credential.schoolID)
    }
}
