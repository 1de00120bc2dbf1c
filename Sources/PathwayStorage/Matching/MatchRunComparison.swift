import PathwayCore
import PostgresClient

/// `pathway match compare A B`: who moved where between two runs, and how many each placed.
///
/// Students are matched by id. A student in only one of the runs (another cohort, a follow-up
/// run) is counted apart and listed among the changes with the other side empty.
public struct MatchRunComparison: Sendable, Hashable {
    /// One student whose outcome differs.
    public struct Change: Sendable, Hashable {
        public var studentID: String
        /// Programme and school in run A; nil when unplaced there or not in run A.
        public var fromProgramID: String?
        public var fromSchoolID: String?
        public var toProgramID: String?
        public var toSchoolID: String?
        public var inA: Bool
        public var inB: Bool
    }

    public var runA: MatchRunRecord
    public var runB: MatchRunRecord
    /// Students in both runs.
    public var inBoth = 0
    /// Of those, with the same outcome (same programme, or unplaced in both).
    public var unchanged = 0
    /// Placed in both, in different programmes.
    public var moved = 0
    /// Placed in A, unplaced in B.
    public var lostSeat = 0
    /// Unplaced in A, placed in B.
    public var gainedSeat = 0
    /// Students of one run only.
    public var onlyInA = 0
    public var onlyInB = 0
    /// Every student whose outcome differs, by id.
    public var changes: [Change] = []
    /// Students placed in their first wish and in any wish (the programme or its category, by
    /// today's wish lists).
    public struct WishCounts: Sendable, Hashable {
        public var first = 0
        public var any = 0
    }

    public var wishesA = WishCounts()
    public var wishesB = WishCounts()

    /// Compares two stored runs; `ranked` runs assign nothing and are refused.
    public init(_ store: MatchRunStore, runA a: RunID, runB b: RunID) throws {
        runA = try store.run(a)
        runB = try store.run(b)
        for run in [runA, runB] where run.strategy == .ranked { throw MatchRunError.rankedRunHasNoAssignments(run.runID) }
        let rows = try store.connection.query(
            """
            SELECT coalesce(a.student_id, b.student_id) AS student_id,
                   a.student_id IS NOT NULL AS in_a, b.student_id IS NOT NULL AS in_b,
                   a.program_id AS a_program, a.school_id AS a_school, b.program_id AS b_program, b.school_id AS b_school
            FROM (SELECT student_id, program_id, school_id FROM assignments WHERE run_id = $1 AND region = $3) a
            FULL JOIN (SELECT student_id, program_id, school_id FROM assignments WHERE run_id = $2 AND region = $3) b
                   ON a.student_id = b.student_id
            ORDER BY coalesce(a.student_id, b.student_id) COLLATE "C"
            """, [a, b, store.region])
        for row in rows.rows {
            let inA = try row.decode("in_a", as: Bool.self)
            let inB = try row.decode("in_b", as: Bool.self)
            let from = try row.decode("a_program", as: String?.self)
            let to = try row.decode("b_program", as: String?.self)
            if inA && inB {
                inBoth += 1
                if from == to {
                    unchanged += 1
                    continue
                }
                switch (from, to) {
                case (.some, .some): moved += 1
                case (.some, nil): lostSeat += 1
                default: gainedSeat += 1
                }
            } else if inA {
                onlyInA += 1
            } else {
                onlyInB += 1
            }
            changes.append(Change(
                studentID: try row.decode("student_id"), fromProgramID: from, fromSchoolID: try row.decode("a_school"),
                toProgramID: to, toSchoolID: try row.decode("b_school"), inA: inA, inB: inB))
        }
        wishesA = try Self.wishes(store, a)
        wishesB = try Self.wishes(store, b)
    }

    /// Students of run `runID` placed in their first wish, and in any.
    private static func wishes(_ store: MatchRunStore, _ runID: RunID) throws -> WishCounts {
        let row = try store.connection.query(
            """
            SELECT count(*) FILTER (WHERE position = 1) AS first, count(position) AS any
            FROM (SELECT \(MatchReportQuery.wishPosition) AS position
                  FROM assignments a
                  JOIN students s ON s.region = a.region AND s.student_id = a.student_id
                  JOIN programs p ON p.program_id = a.program_id
                  WHERE a.run_id = $1 AND a.region = $2) placed
            """, [runID, store.region])
        return WishCounts(first: try row.decode(Int.self, row: 0, column: 0), any: try row.decode(Int.self, row: 0, column: 1))
    }
}
