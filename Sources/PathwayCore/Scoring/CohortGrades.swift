/// The grades component for every student of a run and every key-subject profile, computed once.
///
/// Two stages, both mid-rank percentiles within the students of the run (see
/// `MidRankPercentile`):
/// 1. each subject's marks become percentiles, which removes the effect of different maxima
///    (a 120-point maths paper and a 70-point physics paper become comparable);
/// 2. for each programme profile, the weighted mean of the student's subject percentiles (the
///    key-subject strength) becomes a percentile again, so the component reads "stronger in these
///    subjects than 83 % of the other students".
///
/// A missing key-subject mark is filled with the student's overall standing (total-score
/// percentile, else the mean of their subject percentiles, else 0.5), the best guess of how they
/// would have done, rather than a zero that would punish a gap in the records. A programme with
/// no key subjects uses the overall standing directly.
///
/// Cost: one sort per subject and one per distinct profile, O((S + P) · n log n), and 4 bytes per
/// student and profile. Programmes sharing a profile share its table.
struct CohortGrades: Sendable {
    let studentCount: Int
    let subjectIndex: [String: Int]
    let subjectNames: [String]
    /// `studentCount × subjectCount`, student-major; NaN where the student has no mark.
    let subjectPercentiles: [Double]
    let overall: [Double]
    let overallBasis: [OverallStanding]
    let profiles: [SubjectProfile]
    /// Per programme (in the scorer's programme order): its profile index, or -1 for none.
    let programProfile: [Int32]
    /// `studentCount × profiles.count`, student-major, so one student's row is contiguous.
    let profileRanks: [UInt32]

    init(students: [Student], programs: [Program]) {
        let n = students.count
        studentCount = n

        // Raw names repeat (every student has "math"), so each is normalised once.
        var normalized: [String: String] = [:]
        func normalize(_ raw: String) -> String {
            if let known = normalized[raw] { return known }
            let name = SubjectProfile.normalizedName(raw)
            normalized[raw] = name
            return name
        }
        var names = Set<String>()
        for student in students {
            for score in student.scores { names.insert(normalize(score.subject)) }
        }
        for program in programs {
            for key in program.keySubjects { names.insert(SubjectProfile.normalizedName(key.subject)) }
        }
        let sortedNames = names.sorted(by: IdentifierOrder.precedes)
        subjectNames = sortedNames
        var index: [String: Int] = [:]
        for (position, name) in sortedNames.enumerated() { index[name] = position }
        subjectIndex = index
        let subjectCount = sortedNames.count

        // Each student's first finite mark per subject, as `Student.score(in:)` would return it.
        var marks = [Double](repeating: .nan, count: n * subjectCount)
        for (s, student) in students.enumerated() {
            for score in student.scores where score.score.isFinite {
                guard let subject = index[normalize(score.subject)] else { continue }
                if marks[s * subjectCount + subject].isNaN { marks[s * subjectCount + subject] = score.score }
            }
        }

        let marksBySubject = marks
        let perSubject: [[Double]] = ParallelLoop.map(subjectCount) { subject in
            let marks = marksBySubject
            var holders: [Int] = []
            var values: [Double] = []
            for s in 0..<n where !marks[s * subjectCount + subject].isNaN {
                holders.append(s)
                values.append(marks[s * subjectCount + subject])
            }
            let ranks = MidRankPercentile.doubledRanks(values)
            var column = [Double](repeating: .nan, count: n)
            for (k, s) in holders.enumerated() {
                column[s] = MidRankPercentile.percentile(doubledRank: ranks[k], count: holders.count)
            }
            return column
        }
        var percentiles = [Double](repeating: .nan, count: n * subjectCount)
        for subject in 0..<subjectCount {
            for s in 0..<n { percentiles[s * subjectCount + subject] = perSubject[subject][s] }
        }
        subjectPercentiles = percentiles

        var overall = [Double](repeating: 0.5, count: n)
        var basis = [OverallStanding](repeating: .neutral, count: n)
        let totals = students.map { $0.totalScore.finiteValue }
        let withTotal = (0..<n).filter { totals[$0] != nil }
        let totalRanks = MidRankPercentile.doubledRanks(withTotal.map { totals[$0] ?? 0 })
        for (k, s) in withTotal.enumerated() {
            overall[s] = MidRankPercentile.percentile(doubledRank: totalRanks[k], count: withTotal.count)
            basis[s] = .totalScore
        }
        for s in 0..<n where totals[s] == nil {
            var sum = 0.0
            var count = 0
            for subject in 0..<subjectCount where !percentiles[s * subjectCount + subject].isNaN {
                sum += percentiles[s * subjectCount + subject]
                count += 1
            }
            if count > 0 {
                overall[s] = sum / Double(count)
                basis[s] = .subjectMean
            }
        }
        self.overall = overall
        overallBasis = basis

        var profileList: [SubjectProfile] = []
        var profileNumber: [SubjectProfile: Int32] = [:]
        var programProfile = [Int32](repeating: -1, count: programs.count)
        for (p, program) in programs.enumerated() {
            guard let profile = SubjectProfile(program.keySubjects, subjectIndex: index) else { continue }
            if let known = profileNumber[profile] {
                programProfile[p] = known
            } else {
                let number = Int32(profileList.count)
                profileNumber[profile] = number
                profileList.append(profile)
                programProfile[p] = number
            }
        }
        profiles = profileList
        self.programProfile = programProfile

        let profilesToRank = profileList
        let finalPercentiles = percentiles
        let finalOverall = overall
        let perProfile: [[UInt32]] = ParallelLoop.map(profileList.count) { number in
            let profile = profilesToRank[number]
            var strengths = [Double](repeating: 0, count: n)
            for s in 0..<n {
                strengths[s] = CohortGrades.strength(
                    profile: profile, student: s, subjectCount: subjectCount,
                    percentiles: finalPercentiles, overall: finalOverall)
            }
            return MidRankPercentile.doubledRanks(strengths)
        }
        let profileCount = profileList.count
        var ranks = [UInt32](repeating: 0, count: n * profileCount)
        for number in 0..<profileCount {
            let column = perProfile[number]
            for s in 0..<n { ranks[s * profileCount + number] = column[s] }
        }
        profileRanks = ranks
    }

    /// The weighted mean of the student's percentiles in the profile's subjects, a missing mark
    /// standing in at the student's overall standing.
    @inline(__always)
    static func strength(
        profile: SubjectProfile, student s: Int, subjectCount: Int, percentiles: [Double],
        overall: [Double]
    ) -> Double {
        var sum = 0.0
        for k in 0..<profile.subjects.count {
            let value = percentiles[s * subjectCount + profile.subjects[k]]
            sum += profile.weights[k] * (value.isNaN ? overall[s] : value)
        }
        return sum
    }

    /// The grades component of student `s` for programme `p`, also its `program_priority`.
    @inline(__always)
    func component(student s: Int, program p: Int) -> Double {
        let profile = Int(programProfile[p])
        if profile < 0 { return overall[s] }
        return MidRankPercentile.percentile(
            doubledRank: profileRanks[s * profiles.count + profile], count: studentCount)
    }

    /// Percentile of student `s` in subject `subject`, nil when they have no mark in it.
    func subjectPercentile(student s: Int, subject: Int) -> Double? {
        let value = subjectPercentiles[s * subjectNames.count + subject]
        return value.isNaN ? nil : value
    }

    /// Key-subject strength of student `s` for a profile, as ranked for the second percentile.
    func strength(student s: Int, profile: Int) -> Double {
        CohortGrades.strength(
            profile: profiles[profile], student: s, subjectCount: subjectNames.count,
            percentiles: subjectPercentiles, overall: overall)
    }
}
