/// Everything `pathway match explain RUN STUDENT_ID` shows: the outcome, each candidate's
/// components, why better-ranked candidates did not take the student, and why every other
/// programme was not a candidate.
public struct StudentExplanation: Sendable, Hashable, Codable {
    /// The student.
    public let studentID: String
    /// The strategy of the run.
    public let strategy: Strategy
    /// The candidate limit K of the run.
    public let candidateLimit: Int
    /// The programme the student was placed in; nil when unplaced or for `ranked`.
    public let placedProgramID: String?
    /// Its name.
    public let placedProgramName: String?
    /// Its position in the student's list.
    public let placedRank: Int?
    /// The student's candidates, best first.
    public let candidates: [Explanation]
    /// Candidates ranked above the placement (all of them when unplaced) that filled their seats
    /// with others; empty for `ranked`.
    public let fullCandidates: [FullCandidate]
    /// Every other programme, in id order, with the reason it is not a candidate.
    public let nonCandidates: [NonCandidate]
    /// For a `parallel` run, what the rule did with the student; nil otherwise.
    public var parallel: ParallelTrace? = nil
    /// Whether the run broke ties by lottery (false: by student id).
    public var lotteryTies: Bool = false

    /// Plain-language sentences about the outcome, then one per full candidate. Per-programme
    /// detail is in `candidates[i].sentences(language:)`.
    public func sentences(language: Language) -> [String] {
        ExplanationText(language: language).sentences(for: self)
    }
}
