/// M or F as the student-status system records it.
public enum Gender: String, Sendable, Hashable, Codable, CaseIterable {
    case male = "M"
    case female = "F"

    /// The word for it: `男` / `女`, `male` / `female`. Tables that keep the code in English
    /// print the raw value.
    public func name(in language: Language) -> String {
        switch (self, language) {
        case (.male, .chinese): "男"
        case (.female, .chinese): "女"
        case (.male, .english): "male"
        case (.female, .english): "female"
        }
    }
}

/// One entry of a student's ordered wish list: a programme, or a whole catalogue category.
public enum Wish: Sendable, Hashable, Codable {
    case program(String)
    case category(String)
}

/// A student's mark in one subject (`math:78`).
public struct SubjectScore: Sendable, Hashable, Codable {
    public var subject: String
    public var score: Double

    public init(subject: String, score: Double) {
        self.subject = subject
        self.score = score
    }
}

/// A junior-school leaver who is not going on to academic high school, and so is at risk of
/// leaving school altogether unless referred to a vocational programme.
public struct Student: Sendable, Hashable, Codable, Identifiable {
    /// The years a student may leave junior school in (the cohort): what the import accepts,
    /// what `--cohort` accepts, and what `students.graduation_year`'s check allows.
    public static let graduationYears = 1990...2200

    /// Where a home's coordinates come from: the file, or the gazetteer's village or township
    /// (a county list gives places, not coordinates), so that an explanation can say how
    /// precise a distance is.
    public enum HomePlacement: String, Sendable, Hashable, Codable, CaseIterable {
        case coordinates
        case village
        case township
        /// Imported with `--allow-unplaced-homes` although nobody could place the home: the
        /// student is matched without location (`home` is nil).
        case unplaced
    }

    /// The national student number (学籍号) or the county's own id.
    public var id: String
    /// The national student-status number (全国学籍号), which the vocational school needs to
    /// register the student, when the file gives it (as the id or in its own column).
    public var statusNumber: String?
    public var name: String
    public var gender: Gender?
    public var birthDate: CalendarDate?
    /// The junior school the student attends or attended.
    public var juniorSchool: String?
    /// The cohort: the year the student leaves junior school.
    public var graduationYear: Int?
    public var township: String?
    public var village: String?
    /// Where the student lives; nil only for a student imported unplaced (`homePlacement`), who is
    /// matched without location.
    public var home: Coordinate?
    public var homePlacement: HomePlacement
    public var totalScore: Double?
    public var scores: [SubjectScore]
    public var hollandCode: HollandCode?
    /// In order of preference, the first the most wanted.
    public var wishes: [Wish]
    public var needsBoarding: Bool
    public var hardship: Bool
    public var leftBehind: Bool
    public var guardianName: String?
    public var guardianPhone: String?
    public var notes: String?
    /// The person who follows the student until they enrol (四级包保): their 班主任 from the
    /// county's list, or whoever the county assigns. A name, never an account.
    public var responsible: String?
    /// Agrees to reassignment (服从调剂): under the `parallel` strategy, a student left without any
    /// wish is placed, by score, in a remaining seat of an eligible programme.
    public var acceptsReassignment: Bool

    public init(
        id: String, name: String, gender: Gender? = nil, birthDate: CalendarDate? = nil,
        juniorSchool: String? = nil, graduationYear: Int? = nil, township: String? = nil,
        village: String? = nil, home: Coordinate?, homePlacement: HomePlacement = .coordinates,
        statusNumber: String? = nil, totalScore: Double? = nil, scores: [SubjectScore] = [],
        hollandCode: HollandCode? = nil, wishes: [Wish] = [], needsBoarding: Bool = false,
        hardship: Bool = false, leftBehind: Bool = false, guardianName: String? = nil,
        guardianPhone: String? = nil, notes: String? = nil, responsible: String? = nil,
        acceptsReassignment: Bool = false
    ) {
        self.id = id
        self.name = name
        self.gender = gender
        self.birthDate = birthDate
        self.juniorSchool = juniorSchool
        self.graduationYear = graduationYear
        self.township = township
        self.village = village
        self.home = home
        self.homePlacement = homePlacement
        self.statusNumber = statusNumber
        self.totalScore = totalScore
        self.scores = scores
        self.hollandCode = hollandCode
        self.wishes = wishes
        self.needsBoarding = needsBoarding
        self.hardship = hardship
        self.leftBehind = leftBehind
        self.guardianName = guardianName
        self.guardianPhone = guardianPhone
        self.notes = notes
        self.responsible = responsible
        self.acceptsReassignment = acceptsReassignment
    }

    /// The mark in `subject`, if the student has one.
    public func score(in subject: String) -> Double? {
        scores.first(where: { $0.subject == subject })?.score
    }
}
