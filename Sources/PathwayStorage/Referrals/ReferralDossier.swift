import PathwayCore
import PostgresClient

/// Everything a letter about one referral says: the referral, the student, the programme and
/// its school as the database holds them today, and what the run found for the pair.
public struct ReferralDossier: Sendable {
    public var referral: Referral
    public var student: Student
    public var program: Program
    public var school: School
    /// The pair's evidence from its stored candidate row: the run's own grades component and
    /// distance. nil only for a referral whose pair is no longer among the run's candidates
    /// (the student or programme record was renamed by hand).
    public var evidence: PairEvidence?
    /// Whether the place answers one of the student's wishes, and if not, why each wish
    /// could not be met in the run.
    public var wishOutcome: WishOutcome

    public init(
        referral: Referral, student: Student, program: Program, school: School, evidence: PairEvidence?,
        wishOutcome: WishOutcome
    ) {
        self.referral = referral
        self.student = student
        self.program = program
        self.school = school
        self.evidence = evidence
        self.wishOutcome = wishOutcome
    }
}

extension ReferralStore {
    /// The dossiers of `referrals`, in the same order; a referral whose student, programme or
    /// school has since been removed is left out and its id returned in `missing`.
    ///
    /// Four queries whatever the number of referrals or the size of their runs: the referrals'
    /// schools, programmes and students, and their candidate rows with each run's size; five
    /// more when some students were placed outside their wishes (`wishOutcomes`). No scorer is
    /// rebuilt: the candidate row holds what the run computed for the pair.
    public func dossiers(_ referrals: [Referral]) throws -> (dossiers: [ReferralDossier], missing: [ReferralID]) {
        guard !referrals.isEmpty else { return ([], []) }
        let directory = CountyDirectory(connection: connection, region: region)
        func unique(_ ids: [String]) -> [String] { Array(Set(ids)) }
        let schools = Dictionary(
            try directory.schools(ids: unique(referrals.map(\.schoolID))).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let programs = Dictionary(
            try directory.programs(ids: unique(referrals.map(\.programID))).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let students = Dictionary(
            try directory.students(.init(ids: unique(referrals.map(\.studentID)))).map { ($0.id, $0) },
            uniquingKeysWith: { a, _ in a })
        let stored = try storedPairs(referrals.map(\.id))
        var found: [Placement] = []
        var missing: [ReferralID] = []
        for referral in referrals {
            guard let student = students[referral.studentID], let program = programs[referral.programID],
                  let school = schools[referral.schoolID]
            else {
                missing.append(referral.id)
                continue
            }
            found.append(Placement(referral: referral, student: student, program: program, school: school))
        }
        let outcomes = try wishOutcomes(found)
        let dossiers = found.map { placement in
            ReferralDossier(
                referral: placement.referral, student: placement.student, program: placement.program,
                school: placement.school,
                evidence: stored[placement.referral.id].map {
                    PairEvidence(
                        candidate: $0.candidate, student: placement.student, program: placement.program,
                        cohortSize: $0.cohortSize)
                },
                wishOutcome: outcomes[placement.referral.id] ?? .noWishes)
        }
        return (dossiers, missing)
    }

    /// A referral with the records it names.
    struct Placement {
        var referral: Referral
        var student: Student
        var program: Program
        var school: School
    }

    /// Each referral's candidate row in its run, with the run's number of students.
    private func storedPairs(_ ids: [ReferralID]) throws -> [ReferralID: (candidate: Candidate, cohortSize: Int)] {
        let result = try connection.query(
            """
            SELECT r.referral_id, c.student_id, c.program_id, c.student_rank, c.score, c.program_priority,
                   c.interest, c.grades, c.location, c.distance_km, m.student_count
            FROM referrals r
            JOIN candidates c ON c.region = r.region AND c.run_id = r.run_id
                             AND c.student_id = r.student_id AND c.program_id = r.program_id
            JOIN match_runs m ON m.run_id = r.run_id
            WHERE r.region = $1 AND r.referral_id = ANY($2::bigint[])
            """, [region, CountyDirectory.arrayParameter(ids.map(\.description))])
        var pairs: [ReferralID: (candidate: Candidate, cohortSize: Int)] = [:]
        for row in result.rows {
            let candidate = Candidate(
                studentID: try row.decode("student_id"), programID: try row.decode("program_id"),
                studentRank: try row.decode("student_rank"), score: try row.decode("score"),
                programPriority: try row.decode("program_priority"), interest: try row.decode("interest"),
                grades: try row.decode("grades"), location: try row.decode("location"),
                distanceKm: try row.decode("distance_km"))
            pairs[try row.decode("referral_id")] = (candidate, try row.decode("student_count"))
        }
        return pairs
    }
}
