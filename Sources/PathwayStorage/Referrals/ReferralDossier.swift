import PathwayCore

/// Everything a letter about one referral says: the referral, the student, the programme and
/// its school as the database holds them today, and why the run matched them.
public struct ReferralDossier: Sendable {
    public var referral: Referral
    public var student: Student
    public var program: Program
    public var school: School
    /// The pair's explanation, recomputed with the run's settings over the run's students; nil
    /// when the run's inputs are no longer all in the database.
    public var explanation: Explanation?

    public init(referral: Referral, student: Student, program: Program, school: School, explanation: Explanation?) {
        self.referral = referral
        self.student = student
        self.program = program
        self.school = school
        self.explanation = explanation
    }
}

extension ReferralStore {
    /// The dossiers of `referrals`, in the same order; a referral whose student, programme or
    /// school has since been removed is left out and its id returned in `missing`.
    ///
    /// Explanations are recomputed once per run (a scorer over the run's students), so a
    /// thousand letters of one run cost one scoring pass, not a thousand.
    public func dossiers(_ referrals: [Referral]) throws -> (dossiers: [ReferralDossier], missing: [Int]) {
        let directory = CountyDirectory(connection: connection, region: region)
        let schools = Dictionary(try directory.schools().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let programs = Dictionary(try directory.programs().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let students = Dictionary(
            try directory.students(.init(ids: referrals.map(\.studentID))).map { ($0.id, $0) },
            uniquingKeysWith: { a, _ in a })
        let runs = MatchRunStore(connection: connection, region: region)
        var scorers: [Int: MatchScorer?] = [:]
        var dossiers: [ReferralDossier] = []
        var missing: [Int] = []
        for referral in referrals {
            guard let student = students[referral.studentID], let program = programs[referral.programID],
                  let school = schools[referral.schoolID]
            else {
                missing.append(referral.id)
                continue
            }
            if scorers[referral.runID] == nil {
                // A run that cannot be rebuilt (settings of an older version, programmes removed
                // since) gives letters without reasons rather than no letters.
                let run = Int64(referral.runID)
                var scorer: MatchScorer?
                if let inputs = try? runs.inputs(of: run).inputs, let settings = try? runs.run(run).settings {
                    scorer = try? MatchScorer(students: inputs.students, programs: inputs.programs, settings: settings)
                }
                scorers[referral.runID] = .some(scorer)
            }
            let explanation = scorers[referral.runID].flatMap { $0 }?.explain(
                studentID: referral.studentID, programID: referral.programID)
            dossiers.append(ReferralDossier(
                referral: referral, student: student, program: program, school: school, explanation: explanation))
        }
        return (dossiers, missing)
    }
}
