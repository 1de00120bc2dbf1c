/// One student's outcome: the row format of `match export --what assignments` in issue 5.
public struct Assignment: Sendable, Hashable, Codable {
    /// The student.
    public var studentID: String
    /// The programme the student was placed in, nil when unplaced.
    public var programID: String?
    /// The school of that programme.
    public var schoolID: String?
    /// The pair's total score.
    public var score: Double?
    /// The programme's position in the student's candidate list.
    public var studentRank: Int?

    /// Memberwise initializer.
    public init(studentID: String, programID: String?, schoolID: String?, score: Double?, studentRank: Int?) {
        self.studentID = studentID
        self.programID = programID
        self.schoolID = schoolID
        self.score = score
        self.studentRank = studentRank
    }
}
