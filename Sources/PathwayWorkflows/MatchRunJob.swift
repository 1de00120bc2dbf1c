import PathwayCore
import PathwayStorage
import PostgresClient

/// `pathway match run`: read the inputs, score, assign seats and store the run, holding the
/// region's match lock from the first read to the commit.
public struct MatchRunJob: Sendable {
    /// What a running job reports, for progress on a terminal or a page.
    public enum Progress: Sendable {
        /// Another run of the region holds the lock; this one waits for it (`wait`).
        case waiting(MatchRunError)
        /// Scoring this many students against this many programmes.
        case scoring(students: Int, programs: Int)
        /// Assigning seats among this many candidate pairs.
        case assigning(pairs: Int)
        /// Saving: rows written of rows to write.
        case saving(written: Int, total: Int)
    }

    public var settings: MatchSettings
    /// Only the students leaving junior school in this year; nil for all.
    public var cohort: Int?
    /// Only the students on the follow-up ledger, into the seats referrals leave free.
    public var onlyFollowup: Bool
    /// Wait for a run already in progress instead of refusing.
    public var wait: Bool

    public init(settings: MatchSettings, cohort: Int? = nil, onlyFollowup: Bool = false, wait: Bool = false) {
        self.settings = settings
        self.cohort = cohort
        self.onlyFollowup = onlyFollowup
        self.wait = wait
    }

    /// Runs and stores the match; returns the stored run.
    ///
    /// - Throws: `MatchRunError.runInProgress` when another run of the region holds the lock
    ///   (unless `wait`), `.noStudents` / `.noPrograms` when there is nothing to match,
    ///   `WorkflowError.nobodyToFollowUp` for a follow-up run with an empty ledger. Nothing is
    ///   stored then.
    @discardableResult
    public func run(in workspace: Workspace, progress: (Progress) -> Void = { _ in }) throws -> MatchRunRecord {
        let lock = MatchRunLock(connection: workspace.connection, region: workspace.region)
        if wait {
            try lock.acquireWaiting(actor: workspace.actor) { progress(.waiting($0)) }
        } else {
            try lock.acquire(actor: workspace.actor)
        }
        // Closing the connection releases the lock too; an error releasing it must not hide
        // the run's own outcome.
        defer { try? lock.release() }

        var timings: [String: Double] = [:]
        var lapStart = ContinuousClock.now
        func lap(_ step: String) {
            let now = ContinuousClock.now
            timings[step] = (now - lapStart).seconds
            lapStart = now
        }
        let followup = onlyFollowup ? try followupScope(workspace) : nil
        let inputs = try MatchInputs.load(workspace.connection, region: workspace.region, cohort: cohort, followup: followup)
        guard !inputs.students.isEmpty else { throw MatchRunError.noStudents(cohort: cohort) }
        guard !inputs.programs.isEmpty else { throw MatchRunError.noPrograms }
        lap("read")
        progress(.scoring(students: inputs.students.count, programs: inputs.programs.count))
        let matcher = try Matcher(
            students: inputs.students, programs: inputs.programs, settings: settings, travel: inputs.travel,
            refusals: inputs.refusals)
        lap("prepare")
        let candidates = matcher.scorer.candidates()
        lap("score")
        progress(.assigning(pairs: candidates.pairCount))
        let result = matcher.assign(candidates)
        lap("assign")
        let runID = try workspace.runs.save(
            result, cohort: cohort, onlyFollowup: followup != nil, timings: timings, actor: workspace.actor
        ) { saved in progress(.saving(written: saved.rowsWritten, total: saved.rowsTotal)) }
        return try workspace.runs.run(runID)
    }

    /// The follow-up ledger's students today (no open or enrolled referral holds them, after
    /// recording the expiries due) and each programme's seats minus its open and enrolled
    /// referrals.
    private func followupScope(_ workspace: Workspace) throws -> FollowupScope {
        let day = try FollowupDay.judging(nil, in: workspace)
        let students = try workspace.ledger.studentIDs(
            cohort: cohort, on: day.day, deadlines: day.deadlines, timeZone: day.timeZone)
        guard !students.isEmpty else { throw WorkflowError.nobodyToFollowUp(cohort: cohort) }
        return FollowupScope(studentIDs: students, freeSeats: try workspace.ledger.freeSeats())
    }
}
