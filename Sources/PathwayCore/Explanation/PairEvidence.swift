/// What can be said for one placed pair without the figures' arithmetic: the wish it answers,
/// the interest fit, the standing in the programme's subjects, the distance and boarding. What a
/// referral letter quotes.
///
/// It comes either from a full `Explanation` (when the run's scorer is at hand, as in
/// `pathway match explain`) or from the pair's stored candidate row together with today's
/// student and programme records: the row holds the grades component and the distance the run
/// computed, so a letter needs neither the run's other students nor a rebuilt scorer, and costs
/// the same in a run of 700 students as in one of 100,000.
public struct PairEvidence: Sendable, Hashable {
    /// The student's wish this programme answers, if any.
    public var wish: WishMatch?
    /// The student's Holland code, when recorded.
    public var studentHollandCode: HollandCode?
    /// Normalised Holland congruence (0 to 1), nil when either code is missing.
    public var congruence: Double?
    /// The grades component: the student's percentile among the run's students in the
    /// programme's key subjects (in the overall standing when it has none), 0 to 1.
    public var standing: Double
    /// What the standing rests on: a letter claims a strength only from marks on record.
    public var standingBasis: StandingBasis
    /// How many students the run ranked; a standing among one student says nothing.
    public var cohortSize: Int
    /// The programme's key subjects (normalised names), heaviest first.
    public var keySubjects: [String]
    /// Great-circle distance from home to campus, as the run computed it.
    public var distanceKm: Double
    /// Whether the programme offers boarding.
    public var boarding: Bool

    public init(
        wish: WishMatch?, studentHollandCode: HollandCode?, congruence: Double?, standing: Double,
        standingBasis: StandingBasis, cohortSize: Int, keySubjects: [String], distanceKm: Double, boarding: Bool
    ) {
        self.wish = wish
        self.studentHollandCode = studentHollandCode
        self.congruence = congruence
        self.standing = standing
        self.standingBasis = standingBasis
        self.cohortSize = cohortSize
        self.keySubjects = keySubjects
        self.distanceKm = distanceKm
        self.boarding = boarding
    }

    /// The evidence of a full explanation.
    public init(_ explanation: Explanation) {
        let interest = explanation.interest
        self.init(
            wish: interest.wish, studentHollandCode: interest.studentHollandCode,
            congruence: interest.iachanM == nil ? nil : interest.congruence, standing: explanation.grades.value,
            standingBasis: StandingBasis(explanation.grades), cohortSize: explanation.grades.cohortSize,
            keySubjects: explanation.grades.keySubjects.enumerated()
                .sorted { ($0.element.weight, -$0.offset) > ($1.element.weight, -$1.offset) }
                .map(\.element.subject),
            distanceKm: explanation.location.distanceKm, boarding: explanation.location.boarding)
    }

    /// The evidence of a stored candidate row: the run's own grades component and distance, the
    /// wish and Holland codes from the student's and programme's records.
    ///
    /// - Parameter cohortSize: the number of students in the run.
    public init(candidate: Candidate, student: Student, program: Program, cohortSize: Int) {
        var congruence: Double?
        if let a = student.hollandCode, let b = program.hollandCode {
            congruence = HollandCongruence.normalized(student: a, program: b)
        }
        // Merged and ordered as the scorer's subject profile does: by name, weights summed.
        var merged: [String: Double] = [:]
        for key in program.keySubjects where key.weight.isFinite && key.weight > 0 {
            merged[SubjectProfile.normalizedName(key.subject), default: 0] += key.weight
        }
        let byName = merged.sorted { IdentifierOrder.precedes($0.key, $1.key) }
        self.init(
            wish: InterestComponent.bestWish(in: student.wishes, programID: program.id, category: program.category),
            studentHollandCode: student.hollandCode, congruence: congruence, standing: candidate.grades,
            standingBasis: StandingBasis(student: student, keySubjects: byName.map(\.key)), cohortSize: cohortSize,
            keySubjects: byName.enumerated().sorted { ($0.element.value, -$0.offset) > ($1.element.value, -$1.offset) }
                .map(\.element.key),
            distanceKm: candidate.distanceKm, boarding: program.boarding)
    }
}

/// What a grades standing rests on, strongest evidence first.
public enum StandingBasis: Sendable, Hashable {
    /// The student's marks in every one of the programme's key subjects.
    case keySubjectMarks
    /// The programme names no key subjects: the overall standing, from this evidence.
    case overall(OverallStanding)
    /// A key subject without a mark was filled with the overall standing: a guess, not a fact
    /// a letter may state.
    case partlyEstimated

    /// The basis of an explanation's grades component.
    init(_ grades: GradesDetail) {
        if grades.keySubjects.isEmpty {
            self = .overall(grades.overallBasis)
        } else {
            self = grades.keySubjects.allSatisfy { $0.percentile != nil } ? .keySubjectMarks : .partlyEstimated
        }
    }

    /// The basis from the student's record, with the scorer's rules: a NaN mark or total is none.
    public init(student: Student, keySubjects: [String]) {
        let marked = Set(student.scores.filter(\.score.isFinite).map { SubjectProfile.normalizedName($0.subject) })
        if keySubjects.isEmpty {
            if student.totalScore?.isFinite == true {
                self = .overall(.totalScore)
            } else {
                self = .overall(marked.isEmpty ? .neutral : .subjectMean)
            }
        } else {
            self = keySubjects.allSatisfy(marked.contains) ? .keySubjectMarks : .partlyEstimated
        }
    }
}
