import PathwayCore
import PathwayStorage

/// `pathway match explain RUN STUDENT`: why a student got what they got in a stored run.
///
/// The run is read once (`MatchRunStore.snapshot`), its scorer rebuilt from the stored settings
/// over today's records of its students and programmes, and the rebuilt candidates checked
/// against the stored ones.
public struct MatchExplainJob: Sendable {
    public var runID: RunID
    public var studentID: String

    public init(runID: RunID, studentID: String) {
        self.runID = runID
        self.studentID = studentID
    }

    /// What the explanation found.
    public struct Outcome: Sendable {
        public var run: MatchRunRecord
        public var student: Student?
        public var explanation: StudentExplanation
        /// The run's programmes still in the database, by id.
        public var programs: [String: Program]
        /// What may make today's figures differ from the run's.
        public var warnings: [Warning]
    }

    /// Why the figures shown may not be the run's own.
    public enum Warning: Sendable, Hashable {
        /// Programmes of the run no longer in the database are left out.
        case programsRemoved([String])
        /// Student or programme records changed since the run: the figures are today's.
        case recordsChanged
    }

    /// - Throws: `MatchRunError.unknownRun`, `.studentNotInRun`.
    public func run(in workspace: Workspace) throws -> Outcome {
        let snapshot = try workspace.runs.snapshot(runID)
        guard let index = snapshot.result.candidateSet.studentIndex(of: studentID) else {
            throw MatchRunError.studentNotInRun(studentID: studentID, runID: runID)
        }
        let scorer = try MatchScorer(
            students: snapshot.inputs.students, programs: snapshot.inputs.programs, settings: snapshot.record.settings,
            travel: snapshot.inputs.travel, refusals: snapshot.inputs.refusals)
        guard let explanation = scorer.explain(studentID: studentID, in: snapshot.result) else {
            throw MatchRunError.studentNotInRun(studentID: studentID, runID: runID)
        }
        var warnings: [Warning] = []
        if !snapshot.missingPrograms.isEmpty { warnings.append(.programsRemoved(snapshot.missingPrograms)) }
        if !Self.agree(snapshot.result.candidateSet.candidates(ofStudent: index), explanation.candidates) {
            warnings.append(.recordsChanged)
        }
        return Outcome(
            run: snapshot.record, student: snapshot.inputs.students.first { $0.id == studentID },
            explanation: explanation,
            programs: Dictionary(snapshot.inputs.programs.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }),
            warnings: warnings)
    }

    /// Whether the rebuilt candidates are the stored ones: same programmes, ranks, and the same
    /// scores and priorities to the last bit.
    static func agree(_ stored: [Candidate], _ rebuilt: [Explanation]) -> Bool {
        guard stored.count == rebuilt.count else { return false }
        return zip(stored, rebuilt).allSatisfy { s, e in
            s.programID == e.programID && s.studentRank == e.studentRank && s.score == e.score
                && s.programPriority == e.grades.value
                // NaN, a home nobody could place, is the same unknown distance on both sides.
                && (s.distanceKm == e.location.distanceKm || (s.distanceKm.isNaN && e.location.distanceKm.isNaN))
        }
    }
}
