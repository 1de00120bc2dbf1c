import Foundation
import PathwayCore
import PathwayStorage

/// The school portal's list: one page of the school's referrals (status filter, search), the
/// count in each status, and which are overdue. Read through the same rule as the API and
/// exports, and audited as a read of the school's data.
public struct SchoolReferralListJob: Sendable {
    public var filter: SchoolReferralQuery.Filter

    public init(filter: SchoolReferralQuery.Filter) {
        self.filter = filter
    }

    public struct Outcome: Sendable {
        public var page: SchoolReferralQuery.Page
        /// Every status the school sees a referral in, with how many (for all its referrals,
        /// whatever the filter).
        public var counts: [ReferralStatus: Int]
        /// Sent referrals the school has not acknowledged in the county's days: days past that.
        public var overdueDays: [ReferralID: Int]
    }

    public func run(in workspace: Workspace, credential: SchoolCredential) throws -> Outcome {
        let query = SchoolReferralQuery(connection: workspace.connection)
        let audit = SchoolReferralQuery.Audit(
            actor: credential.actor, action: "referrals.view", tokenID: credential.tokenID,
            details: ["endpoint": "GET /school/referrals", "search": filter.search.map(JSONValue.string) ?? .null])
        let page = try query.read(schoolID: credential.schoolID, filter: filter, audit: audit)
        let overdue = try OverdueReferralsJob(filter: .init(schoolID: credential.schoolID), recordsExpiries: false)
            .run(in: workspace)
        var days: [ReferralID: Int] = [:]
        for (referral, overdueDays) in overdue.referrals { days[referral.id] = overdueDays }
        return Outcome(page: page, counts: try query.counts(schoolID: credential.schoolID), overdueDays: days)
    }
}

/// One student's page in the school portal: what the school needs to know, the referral's
/// history as the school may see it, and whether it is overdue. Each view is audited
/// (`referral.view`): a school reading a minor's record is recorded.
public struct SchoolReferralPageJob: Sendable {
    public var referralID: ReferralID

    public init(referralID: ReferralID) {
        self.referralID = referralID
    }

    public struct Page: Sendable {
        public var referral: SchoolReferral
        /// The events since the county sent it. Notes and reasons are kept only on what schools
        /// report (and the closing of registration): the county's own may say things about the
        /// family the school need not know.
        public var events: [ReferralEvent]
        public var overdueDays: Int?
    }

    /// - Returns: nil when the school may not see the referral (another school's, a draft,
    ///   none such), which the portal answers like a page that does not exist.
    public func run(in workspace: Workspace, credential: SchoolCredential) throws -> Page? {
        let found = try workspace.connection.withTransaction { connection -> (SchoolReferral, [ReferralEvent])? in
            let query = SchoolReferralQuery(connection: connection)
            guard let referral = try query.referral(id: referralID, schoolID: credential.schoolID),
                  let history = try ReferralStore(connection: connection, region: workspace.region)
                    .show(referralID, schoolID: credential.schoolID)
            else { return nil }
            let events = history.events.filter { $0.to != .proposed && $0.to != .approved }.map { event in
                var event = event
                if !ReferralStatus.schoolReports.contains(event.to) {
                    event.note = nil
                    if event.reason != .registration_closed { event.reason = nil }
                }
                return event
            }
            try AuditLog.record(
                connection, actor: credential.actor, action: "referral.view", region: workspace.region,
                schoolID: credential.schoolID, tokenID: credential.tokenID, subjectType: "referral",
                subjectID: referralID.description, details: ["endpoint": "GET /school/referrals/{id}"])
            return (referral, events)
        }
        guard let (referral, events) = found else { return nil }
        let overdue = try OverdueReferralsJob(filter: .init(ids: [referralID]), recordsExpiries: false).run(in: workspace)
        return Page(referral: referral, events: events, overdueDays: overdue.referrals.first?.overdueDays)
    }
}

/// Outcomes a school reports for several of its students at once (the portal's checkboxes):
/// all or none, by the same rule of visibility as one outcome.
public struct SchoolOutcomesJob: Sendable {
    public var referralIDs: [ReferralID]
    public var outcome: ReferralStatus
    public var reason: OutcomeReason?
    public var note: String?

    /// - Precondition: `outcome` is one of `ReferralStatus.schoolReports`.
    public init(referralIDs: [ReferralID], outcome: ReferralStatus, reason: OutcomeReason? = nil, note: String? = nil) {
        self.referralIDs = referralIDs
        self.outcome = outcome
        self.reason = reason
        self.note = note
    }

    /// - Returns: the referrals as they now stand; a referral already in `outcome` is left as
    ///   it is (a form sent twice).
    /// - Throws: `ReferralError.notFound` for the first id the school may not see (another
    ///   school's reads like a missing one), `.illegalTransition` for one whose lifecycle
    ///   forbids the move; nothing is recorded then.
    public func run(in workspace: Workspace, credential: SchoolCredential) throws -> [Referral] {
        try workspace.referrals.transition(
            referralIDs: referralIDs, to: outcome, actor: credential.actor, note: note, reason: reason,
            schoolID: credential.schoolID, tokenID: credential.tokenID, repeatIsNoChange: true)
    }
}
