import PathwayCore
import PathwayStorage

/// `pathway referrals create`: one proposed referral for every student a run placed.
public struct ReferralCreationJob: Sendable {
    public var runID: RunID
    /// Who follows these students until they enrol.
    public var assignee: String

    public init(runID: RunID, assignee: String) {
        self.runID = runID
        self.assignee = assignee
    }

    /// - Throws: `ReferralError.unknownRun`, `.missingPerson`; nothing is written then.
    @discardableResult
    public func run(in workspace: Workspace) throws -> ReferralCreation {
        try workspace.referrals.createReferrals(run: runID, assignee: assignee, actor: workspace.actor)
    }
}

/// `pathway referrals approve|send|withdraw|outcome`: moves referrals along their lifecycle,
/// all or none, each move with its event and audit entry.
public struct ReferralMoveJob: Sendable {
    public var referralIDs: [ReferralID]
    public var status: ReferralStatus
    public var note: String?

    public init(referralIDs: [ReferralID], to status: ReferralStatus, note: String? = nil) {
        self.referralIDs = referralIDs
        self.status = status
        self.note = note
    }

    /// - Returns: the referrals as they now stand, in the order given.
    /// - Throws: `ReferralError.notFound` or `.illegalTransition` for the first referral that
    ///   cannot move; none is moved then.
    @discardableResult
    public func run(in workspace: Workspace) throws -> [Referral] {
        try workspace.referrals.transition(referralIDs: referralIDs, to: status, actor: workspace.actor, note: note)
    }
}

/// What a vocational school reports about one of its referrals (the API, and later the portal):
/// the same rule of visibility as every school-facing read, and idempotent, so that a client
/// retrying after a lost answer is told the referral as it stands rather than refused.
public struct SchoolOutcomeJob: Sendable {
    public var referralID: ReferralID
    public var outcome: ReferralStatus
    public var note: String?

    /// - Precondition: `outcome` is one of `ReferralStatus.schoolReports` (the front end checks
    ///   it and answers with that list).
    public init(referralID: ReferralID, outcome: ReferralStatus, note: String? = nil) {
        self.referralID = referralID
        self.outcome = outcome
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
                referralID: referralID, to: outcome, actor: workspace.actor, note: note, schoolID: credential.schoolID,
                tokenID: credential.tokenID, repeatIsNoChange: true)
        } catch ReferralError.notFound {
            return nil
        }
        return try SchoolReferralQuery(connection: workspace.connection).referral(id: referralID, schoolID: credential.schoolID)
    }
}
