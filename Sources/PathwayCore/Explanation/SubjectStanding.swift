/// A student's standing in one key subject of a programme.
public struct SubjectStanding: Sendable, Hashable, Codable {
    /// Subject name as matched (case-folded).
    public let subject: String
    /// Weight within the programme's key subjects, normalised so the weights sum to 1.
    public let weight: Double
    /// Percentile of the student's mark within the cohort, nil when they have no mark.
    public let percentile: Double?
    /// The value used: the percentile, or the student's overall standing when the mark is missing.
    public let valueUsed: Double
}
