import PathwayCore
import PathwayStorage

/// `pathway match verify RUN`: re-checks a stored run against its strategy's rule from its rows
/// alone (`RunVerifier`), never rerunning the algorithm that made it.
public struct MatchVerifyJob: Sendable {
    public var runID: RunID

    public init(runID: RunID) { self.runID = runID }

    public struct Outcome: Sendable {
        /// The run's rows as checked.
        public var stored: StoredRun
        public var verification: RunVerification
    }

    /// - Throws: `MatchRunError.unknownRun`, `.unreadableRun`.
    public func run(in workspace: Workspace) throws -> Outcome {
        let stored = try workspace.runs.storedRun(runID)
        return Outcome(stored: stored, verification: RunVerifier.verify(stored))
    }
}
