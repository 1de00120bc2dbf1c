/// Why a programme is not on a student's candidate list.
public enum NonCandidateReason: Sendable, Hashable, Codable {
    /// Hard rules bite (see the reasons).
    case ineligible([IneligibilityReason])
    /// Eligible, but `rankAmongEligible` of the student's eligible programmes, beyond the K kept.
    case belowCutoff(rankAmongEligible: Int, candidateLimit: Int)
}
