import PathwayCore

/// Everything one referral letter says, gathered by the caller from the database.
///
/// The letters module never reads storage: the integrator loads the referral, its student,
/// programme and school, and hands them over as this value, so that letters can be rendered and
/// tested from core models alone.
public struct ReferralLetter: Sendable, Hashable {
    /// The referral's number, printed on both letters so that a school or a family can quote it
    /// on the phone; also part of the file names, which keeps them unique.
    public var referenceNumber: String
    public var student: Student
    public var program: Program
    /// The programme's school.
    public var school: School
    /// Why this programme suits the student, one plain sentence each, in the language the letter
    /// is rendered in (`LetterReasons.sentences(for:language:)` writes them from an explanation).
    public var reasons: [String]
    /// Distance from the student's home to the campus.
    public var distanceKm: Double
    /// The person the school and the family should call: the student's responsible person.
    public var counsellor: Counsellor
    /// Who signs for the office, under its name; nil leaves the line out.
    public var signatory: String?
    /// The date printed on the letter.
    public var issuedOn: CalendarDate
    /// Whether the place answers one of the student's wishes: the family letter says which,
    /// or says plainly that it does not and why.
    public var wishOutcome: WishOutcome
    /// The subsidies in force on `issuedOn` (the family letter tells a family in hardship of
    /// the grants, every family of free tuition).
    public var subsidies: [Subsidy]

    public init(
        referenceNumber: String, student: Student, program: Program, school: School, reasons: [String],
        distanceKm: Double, counsellor: Counsellor, signatory: String? = nil, issuedOn: CalendarDate,
        wishOutcome: WishOutcome = .noWishes, subsidies: [Subsidy] = []
    ) {
        self.referenceNumber = referenceNumber
        self.student = student
        self.program = program
        self.school = school
        self.reasons = reasons
        self.distanceKm = distanceKm
        self.counsellor = counsellor
        self.signatory = signatory
        self.issuedOn = issuedOn
        self.wishOutcome = wishOutcome
        self.subsidies = subsidies
    }

    /// The student's marks in the programme's key subjects, heaviest weight first, so the school
    /// sees the grades it cares about rather than the whole report card. A subject without a mark
    /// is kept (with `score` nil) so that the gap is visible.
    public var keyGrades: [KeyGrade] {
        var seen: Set<String> = []
        let subjects = program.keySubjects.enumerated()
            .sorted { ($0.element.weight, -$0.offset) > ($1.element.weight, -$1.offset) }
            .map(\.element.subject)
            .filter { seen.insert($0.lowercased()).inserted }
        return subjects.map { subject in
            let mark = student.scores.first { $0.subject.lowercased() == subject.lowercased() }?.score
            return KeyGrade(subject: subject, score: mark.flatMap { $0.isFinite ? $0 : nil })
        }
    }
}

/// A student's mark in one of the programme's key subjects.
public struct KeyGrade: Sendable, Hashable {
    /// The subject as the records name it (`math`); letters print its name in their language.
    public var subject: String
    /// The mark, nil when the records have none.
    public var score: Double?

    public init(subject: String, score: Double?) {
        self.subject = subject
        self.score = score
    }
}
