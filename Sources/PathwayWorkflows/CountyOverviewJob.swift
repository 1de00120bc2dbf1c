import Foundation
import PathwayCore
import PathwayReport
import PathwayStorage

/// The console's overview: the cohort, the referrals by status, what has happened to them since
/// the first referral (placed, declined, overdue, on the ledger) for the whole county, per
/// township and per junior school, and the latest runs. Aggregates only: no student is named.
///
/// The figures are the period report's (`PeriodFigures`) over every day up to today, so the
/// overview and the monthly report count alike.
public struct CountyOverviewJob: Sendable {
    /// Only the students leaving junior school in this year; nil for all.
    public var cohort: Int?
    /// How many of the latest runs to list.
    public var latestRuns: Int

    public init(cohort: Int? = nil, latestRuns: Int = 5) {
        self.cohort = cohort
        self.latestRuns = latestRuns
    }

    public struct Outcome: Sendable {
        /// Students per cohort (nil: none recorded).
        public var students: [Int?: Int]
        /// Referrals per status.
        public var referrals: [ReferralStatus: Int]
        /// Every day from the first on record through today.
        public var figures: PeriodFigures
        public var day: FollowupDay
        /// The latest runs, newest first.
        public var runs: [MatchRunRecord]
    }

    /// Judges today (recording the expiries due, as every ledger view does) and counts.
    public func run(in workspace: Workspace) throws -> Outcome {
        let day = try FollowupDay.judging(nil, in: workspace)
        let facts = try workspace.ledger.facts(.init(cohort: cohort), on: day.day, timeZone: day.timeZone)
        let names = Dictionary(try workspace.directory.schools().map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let figures = PeriodFigures(
            facts: facts, from: CalendarDate(year: 2000, month: 1, day: 1) ?? day.day, to: day.day,
            deadlines: day.deadlines, schoolNames: names)
        let runs = try workspace.runs.runs().sorted { $0.runID.rawValue > $1.runID.rawValue }
        return Outcome(
            students: try workspace.directory.studentCounts(), referrals: try workspace.referrals.statusCounts(),
            figures: figures, day: day, runs: Array(runs.prefix(latestRuns)))
    }
}
