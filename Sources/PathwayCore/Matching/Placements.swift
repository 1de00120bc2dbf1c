/// Which candidate, if any, each student of a `CandidateSet` was placed with.
///
/// Kept as positions in each student's candidate list rather than programme ids, because that is
/// what the algorithms produce and what `student_rank` in the export needs.
public struct Placements: Sendable, Hashable {
    /// Per student, 0-based position in their candidate list, or -1 when unplaced.
    let positions: [Int32]

    init(positions: [Int32]) { self.positions = positions }

    /// Builds placements from 1-based ranks per student (nil = unplaced), for tests and imports.
    public init(studentRanks: [Int?]) {
        positions = studentRanks.map { $0.map { Int32($0 - 1) } ?? -1 }
    }

    /// Number of students covered.
    public var studentCount: Int { positions.count }

    /// The `student_rank` of the candidate student `s` was placed with, or nil when unplaced.
    public func studentRank(ofStudent s: Int) -> Int? {
        positions[s] >= 0 ? Int(positions[s]) + 1 : nil
    }

    /// 1-based ranks per student, nil for unplaced.
    public var studentRanks: [Int?] { positions.indices.map(studentRank(ofStudent:)) }

    /// How many students have a seat.
    public var placedCount: Int { positions.reduce(0) { $0 + ($1 >= 0 ? 1 : 0) } }
}
