/// Where a student's overall standing in the cohort came from, weakest evidence last.
public enum OverallStanding: String, Sendable, Hashable, Codable {
    /// The percentile of the student's total score.
    case totalScore
    /// No total on record: the mean of the student's subject percentiles stands in for it.
    case subjectMean
    /// No total and no subject marks: the neutral 0.5 (the cohort median).
    case neutral
}
