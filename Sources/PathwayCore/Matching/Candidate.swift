/// One eligible programme on one student's list, with everything `match export --what candidates`
/// writes: the row format of issue 5.
public struct Candidate: Sendable, Hashable, Codable {
    /// The student.
    public var studentID: String
    /// The programme.
    public var programID: String
    /// Position in the student's list: 1 is their best-scoring eligible programme.
    public var studentRank: Int
    /// Total score, 0 to 100.
    public var score: Double
    /// The key the programme ranks students by, higher kept first (equal keys by student id
    /// ascending). It is the grades component, exactly: the same Double the assignment used.
    public var programPriority: Double
    /// Interest component, 0 to 1.
    public var interest: Double
    /// Grades component, 0 to 1.
    public var grades: Double
    /// Location component, 0 to 1.
    public var location: Double
    /// Distance from home to campus: by road where measured, else the great circle; NaN for a
    /// student whose home could not be placed (matched without location).
    public var distanceKm: Double

    /// Memberwise initializer, for building candidate sets outside the scorer (tests, imports).
    public init(
        studentID: String, programID: String, studentRank: Int, score: Double,
        programPriority: Double, interest: Double, grades: Double, location: Double,
        distanceKm: Double
    ) {
        self.studentID = studentID
        self.programID = programID
        self.studentRank = studentRank
        self.score = score
        self.programPriority = programPriority
        self.interest = interest
        self.grades = grades
        self.location = location
        self.distanceKm = distanceKm
    }
}
