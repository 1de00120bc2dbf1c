/// What a run produces: its settings, every student's candidates and, unless the strategy is
/// `ranked`, who was placed where.
///
/// Holds no timings or dates, so two runs on the same input and settings are equal value for
/// value and export to the same bytes.
public struct MatchResult: Sendable, Hashable {
    /// The settings the run used.
    public let settings: MatchSettings
    /// Every student's ranked candidates, with seats per programme.
    public let candidateSet: CandidateSet
    /// Placements, or nil for the `ranked` strategy, which assigns nothing.
    public let placements: Placements?
    /// For an `optimal` run, the proof of its optimality (stored with it).
    public let certificate: OptimalityCertificate?
    /// For a `parallel` run, per student, what ordered and placed them (stored with it).
    public let admissions: [AdmissionRecord]?

    /// Combines the parts of a run.
    public init(
        settings: MatchSettings, candidateSet: CandidateSet, placements: Placements?,
        certificate: OptimalityCertificate? = nil, admissions: [AdmissionRecord]? = nil
    ) {
        self.settings = settings
        self.candidateSet = candidateSet
        self.placements = placements
        self.certificate = certificate
        self.admissions = admissions
    }

    /// Candidate rows in export order: students by id, each student's candidates best first.
    public var candidates: [Candidate] { candidateSet.all }

    /// One row per student in id order, or nil for `ranked`.
    public var assignments: [Assignment]? {
        guard let placements else { return nil }
        let set = candidateSet
        return set.studentIDs.indices.map { s in
            guard let rank = placements.studentRank(ofStudent: s) else {
                return Assignment(studentID: set.studentIDs[s], programID: nil, schoolID: nil, score: nil, studentRank: nil)
            }
            let candidate = set.candidate(ofStudent: s, rank: rank)
            let p = set.programIndex(ofStudent: s, rank: rank)
            return Assignment(
                studentID: candidate.studentID, programID: candidate.programID,
                schoolID: set.programSchoolIDs[p], score: candidate.score, studentRank: rank)
        }
    }

    /// Students with a seat, or nil for `ranked`.
    public var placedCount: Int? { placements?.placedCount }
}
