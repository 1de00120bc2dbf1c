/// How the grades component (also the programme priority) of one pair came about.
public struct GradesDetail: Sendable, Hashable, Codable {
    /// The component, 0 to 1; exactly the exported `program_priority`.
    public let value: Double
    /// The programme's key subjects with the student's standing in each; empty when the programme
    /// names none, in which case `value` is the overall standing.
    public let keySubjects: [SubjectStanding]
    /// Weighted mean of `keySubjects`' values, whose cohort percentile is `value`; nil without
    /// key subjects.
    public let strength: Double?
    /// The student's overall standing: total-score percentile, or what stood in for it.
    public let overallStanding: Double
    /// Where the overall standing came from.
    public let overallBasis: OverallStanding
    /// Number of students in the cohort the percentiles are taken in.
    public let cohortSize: Int

    /// What was missing, in a fixed order.
    public var missing: [MissingEvidence] {
        var missing: [MissingEvidence] = []
        if keySubjects.contains(where: { $0.percentile == nil }) { missing.append(.keySubjectMark) }
        let totalUsed = keySubjects.isEmpty || keySubjects.contains(where: { $0.percentile == nil })
        if totalUsed && overallBasis != .totalScore { missing.append(.totalScore) }
        return missing
    }
}
