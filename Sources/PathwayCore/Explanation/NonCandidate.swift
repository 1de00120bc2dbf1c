/// A programme that is not one of the student's candidates, with the reason and the full
/// explanation of the pair (its components are still informative: "close, but no boarding").
public struct NonCandidate: Sendable, Hashable, Codable {
    /// Why it is not a candidate.
    public let reason: NonCandidateReason
    /// The pair's components, distance and rules.
    public let explanation: Explanation
}
