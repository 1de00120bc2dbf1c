/// A subject that matters for a programme, with its relative weight (`math:2`).
public struct SubjectWeight: Sendable, Hashable, Codable {
    public var subject: String
    public var weight: Double

    public init(subject: String, weight: Double) {
        self.subject = subject
        self.weight = weight
    }
}

/// A programme (专业) of a vocational school, with the seats it offers this year.
public struct Program: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var schoolID: String
    public var name: String
    /// Two-digit code of the top-level category in the 2021 national catalogue of secondary
    /// vocational programmes (`71` is 电子与信息).
    public var category: String
    public var hollandCode: HollandCode?
    public var seats: Int
    /// Students whose total score is below this are not eligible; a missing total fails it.
    public var minTotalScore: Double?
    public var keySubjects: [SubjectWeight]
    public var boarding: Bool
    /// The campus; the school's location unless the programme names its own.
    public var location: Coordinate
    public var startDate: CalendarDate?
    public var description: String?
    /// 报到: the day students register, where, and what they bring; nil when not given.
    public var registration: Registration
    /// The admission batch (批次) under the `parallel` strategy: programmes of batch 1 fill
    /// before batch 2 is considered. 1 unless the county's list says otherwise.
    public var batch: Int
    /// The batches a programme may be in: what the import accepts and `programs.batch` allows.
    public static let batches = 1...9

    /// The programme's registration day (报到), as a family letter gives it.
    public struct Registration: Sendable, Hashable, Codable {
        public var date: CalendarDate?
        public var place: String?
        /// What to bring (`户口簿、毕业证、一寸照片4张`).
        public var items: String?

        public init(date: CalendarDate? = nil, place: String? = nil, items: String? = nil) {
            self.date = date
            self.place = place
            self.items = items
        }
    }

    public init(
        id: String, schoolID: String, name: String, category: String,
        hollandCode: HollandCode? = nil, seats: Int, minTotalScore: Double? = nil,
        keySubjects: [SubjectWeight] = [], boarding: Bool = false, location: Coordinate,
        startDate: CalendarDate? = nil, description: String? = nil, registration: Registration = Registration(),
        batch: Int = 1
    ) {
        self.id = id
        self.schoolID = schoolID
        self.name = name
        self.category = category
        self.hollandCode = hollandCode
        self.seats = seats
        self.minTotalScore = minTotalScore
        self.keySubjects = keySubjects
        self.boarding = boarding
        self.location = location
        self.startDate = startDate
        self.description = description
        self.registration = registration
        self.batch = batch
    }
}
