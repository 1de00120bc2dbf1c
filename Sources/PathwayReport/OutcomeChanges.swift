/// How the students' outcomes differ between two runs, matched by student id.
public struct OutcomeChanges: Sendable, Hashable {
    /// Students in both runs.
    public var inBoth = 0
    /// Of those: same programme, or unplaced in both.
    public var unchanged = 0
    /// Placed in both, in different programmes.
    public var moved = 0
    /// Unplaced in A, placed in B.
    public var gained = 0
    /// Placed in A, unplaced in B.
    public var lost = 0
    /// Students of one run only (another cohort, a follow-up run).
    public var onlyInA = 0
    public var onlyInB = 0

    public init(_ a: MatchReportRun, _ b: MatchReportRun) {
        var outcomeB: [String: String?] = [:]
        for student in b.students { outcomeB[student.id] = student.programID }
        var seen = Set<String>()
        for student in a.students {
            seen.insert(student.id)
            guard let other = outcomeB[student.id] else {
                onlyInA += 1
                continue
            }
            inBoth += 1
            switch (student.programID, other) {
            case (let x, let y) where x == y: unchanged += 1
            case (.some, .some): moved += 1
            case (nil, .some): gained += 1
            case (.some, nil): lost += 1
            case (nil, nil): unchanged += 1
            }
        }
        onlyInB = b.students.filter { !seen.contains($0.id) }.count
    }
}
