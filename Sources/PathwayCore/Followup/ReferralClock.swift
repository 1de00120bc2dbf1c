import Foundation

/// A referral's changes in time, to judge where it stood on a given day: its status that day,
/// whether the school was overdue, and whether registration had closed on it.
///
/// Every command that judges time (`--as-of`) asks this one type, so the overdue list, the
/// ledger, a student's story and the period report agree on every day.
public struct ReferralClock: Sendable, Hashable {
    /// One change: the status it moved to and the day it happened (the county's calendar day).
    public struct Change: Sendable, Hashable {
        public var status: ReferralStatus
        public var at: Date
        public var day: CalendarDate
        /// The reason code given with the change (declined, no_show, withdrawn, expired).
        public var reason: OutcomeReason?

        public init(status: ReferralStatus, at: Date, day: CalendarDate, reason: OutcomeReason? = nil) {
            self.status = status
            self.at = at
            self.day = day
            self.reason = reason
        }
    }

    /// Oldest first; the first is the creation (`proposed`).
    public var changes: [Change]
    /// The student's cohort, whose year registration closes in; without one, the year the
    /// referral was made.
    public var cohort: Int?

    public init(changes: [Change], cohort: Int?) {
        self.changes = changes
        self.cohort = cohort
    }

    /// Where a referral stood on a day.
    public struct Standing: Sendable, Hashable {
        /// The status recorded by the end of the day.
        public var recorded: ReferralStatus
        /// `recorded`, or `expired` when registration had closed on an open referral.
        public var status: ReferralStatus
        /// When the status began: the day of the last change, or the day after registration
        /// closed for an expired one.
        public var since: CalendarDate
        /// The last change's moment (for ordering a student's events on one day).
        public var changedAt: Date
        /// For a referral sent and not acknowledged: days past the school's deadline (1 the
        /// first day it is overdue); nil when it is not overdue.
        public var overdueDays: Int?
        /// The reason code of the status: the last change's, or `registration_closed` when
        /// judged expired.
        public var reason: OutcomeReason?
    }

    /// The referral's standing at the end of `day`; nil when it did not exist yet.
    public func standing(on day: CalendarDate, deadlines: FollowupDeadlines) -> Standing? {
        guard let last = changes.last(where: { $0.day <= day }), let first = changes.first else { return nil }
        var standing = Standing(
            recorded: last.status, status: last.status, since: last.day, changedAt: last.at, overdueDays: nil,
            reason: last.reason)
        if last.status.isOpen, let closes = deadlines.registrationCloses(cohort: cohort, referredOn: first.day), day > closes {
            standing.status = .expired
            standing.reason = .registration_closed
            standing.since = closes.adding(days: 1) ?? day
            return standing
        }
        if last.status == .sent {
            let waited = last.day.days(until: day)
            if waited > deadlines.acknowledgeDays { standing.overdueDays = waited - deadlines.acknowledgeDays }
        }
        return standing
    }
}
