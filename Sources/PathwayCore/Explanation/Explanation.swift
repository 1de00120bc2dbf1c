/// Why a programme is or is not a good candidate for a student: every component, the weights,
/// the distance and the hard rules that bite, with sentences a letter can quote.
///
/// The figures are the exported ones to the last bit: `MatchScorer.explain` recomputes them with
/// the scorer's own tables and functions.
public struct Explanation: Sendable, Hashable, Codable {
    /// The student.
    public let studentID: String
    /// The programme.
    public let programID: String
    /// The programme's name, for sentences that name it.
    public let programName: String
    /// The programme's catalogue category, quoted when a category wish applies.
    public let category: String
    /// The run's weights.
    public let weights: ScoreWeights
    /// The interest component and how it came about.
    public let interest: InterestDetail
    /// The grades component (also the programme priority) and how it came about.
    public let grades: GradesDetail
    /// The location component and the distance.
    public let location: LocationDetail
    /// Total score, 0 to 100; computed even for an ineligible pair, where it is informational.
    public let score: Double
    /// Hard rules that make the programme ineligible; empty when it is eligible.
    public let ineligibility: [IneligibilityReason]
    /// The programme's position in the student's candidate list, when it is a candidate.
    public let studentRank: Int?

    /// Whether no hard rule bites.
    public var isEligible: Bool { ineligibility.isEmpty }

    /// Everything missing from the records for this pair, in a fixed order.
    public var missing: [MissingEvidence] { interest.missing + grades.missing }

    /// Plain-language sentences, one fact each, in the order a counsellor would say them:
    /// eligibility, total, interest, grades, location.
    public func sentences(language: Language) -> [String] {
        ExplanationText(language: language).sentences(for: self)
    }
}
