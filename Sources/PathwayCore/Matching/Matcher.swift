/// The matching core's front door: students and programmes in, a `MatchResult` out.
///
/// `pathway match run` builds one, calls `run()`, stores the result, and keeps the matcher (or
/// rebuilds it from the same data and settings) to answer `match explain`.
public struct Matcher: Sendable {
    /// The prepared scorer; reuse it to explain pairs of this run.
    public let scorer: MatchScorer

    /// Prepares a run. Throws when two students or two programmes share an id.
    ///
    /// - Parameters:
    ///   - travel: road distances that replace the straight line where known.
    ///   - refusals: programmes students declined or did not turn up for, never offered again.
    public init(
        students: [Student], programs: [Program], settings: MatchSettings = .standard, travel: TravelTable = .none,
        refusals: [ProgramRefusal] = []
    ) throws(MatchInputError) {
        scorer = try MatchScorer(
            students: students, programs: programs, settings: settings, travel: travel, refusals: refusals)
    }

    /// A matcher over a scorer already prepared.
    public init(scorer: MatchScorer) { self.scorer = scorer }

    /// The run's settings.
    public var settings: MatchSettings { scorer.settings }

    /// Scores, then assigns with the settings' strategy.
    public func run() -> MatchResult { assign(scorer.candidates()) }

    /// Assigns candidates this matcher's scorer made, for callers that time or reuse the scoring
    /// step. Ties no rule breaks go by the settings' lottery (by student id without one).
    public func assign(_ candidates: CandidateSet) -> MatchResult {
        let lottery = settings.lottery?.numbers(forStudents: candidates.studentIDs)
        switch settings.strategy {
        case .stable:
            return MatchResult(
                settings: settings, candidateSet: candidates, placements: DeferredAcceptance.assign(candidates, lottery: lottery))
        case .optimal:
            let placements = lottery.map { PlacementMaximizer.assign(candidates, lottery: $0) } ?? PlacementMaximizer.assign(candidates)
            return MatchResult(
                settings: settings, candidateSet: candidates, placements: placements,
                certificate: OptimalityCertificate.make(candidates, placements))
        case .parallel:
            let applicants = scorer.parallelApplicants(for: candidates)
            let placements = ParallelAdmission.assign(candidates, applicants: applicants)
            let keys = applicants.admission.keys
            let admissions = candidates.studentIDs.indices.map { s in
                AdmissionRecord(
                    keys: [keys[s].total] + keys[s].subjects,
                    wishes: applicants.wishes(ofStudent: s).map { candidates.programIDs[Int(candidates.program[Int($0)])] },
                    acceptsReassignment: applicants.reassign[s])
            }
            return MatchResult(settings: settings, candidateSet: candidates, placements: placements, admissions: admissions)
        case .ranked:
            return MatchResult(settings: settings, candidateSet: candidates, placements: nil)
        }
    }
}
