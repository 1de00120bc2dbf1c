import Foundation
import PathwayCore
import PostgresClient

/// Reads one stored match run as the match report needs it: the run, every student of the run
/// with the group they belong to and where they were placed, and every programme with its seats
/// and how many of them the run filled.
///
/// Storage may not know the report's types (dependencies point inwards), so this returns rows
/// of its own; `PathwayWorkflows.StoredMatchReport` turns them into a `MatchReportRun`. Reading only, no
/// audit entry: whoever writes the report somewhere records that, in the same transaction.
public struct MatchReportQuery {
    public let connection: PostgresConnection
    public let region: Region

    public init(connection: PostgresConnection, region: Region) {
        self.connection = connection
        self.region = region
    }

    /// A row of `match_runs`.
    public struct Run: Sendable, Hashable {
        public var runID: RunID
        public var strategy: Strategy
        public var cohort: Int?
        public var onlyFollowup: Bool
        /// The `settings` column as JSON text: `MatchSettings` encoded.
        public var settingsJSON: String
        public var studentCount: Int
        public var placedCount: Int
        public var candidateCount: Int
        public var createdBy: String
        public var createdAt: Date
    }

    /// One student of the run, from `assignments` joined with `students` and, when placed, with
    /// the `candidates` row of the programme they got (which holds the distance).
    public struct Student: Sendable, Hashable {
        public var studentID: String
        /// "M", "F", or nil when not recorded.
        public var gender: String?
        public var township: String?
        public var leftBehind: Bool
        public var hardship: Bool
        public var programID: String?
        public var schoolID: String?
        public var score: Double?
        /// Nil when unplaced, or placed without a candidates row (which a run never writes).
        public var distanceKm: Double?
        /// Which of the student's wishes the placement answers (1 = the first: the programme or
        /// its category), by today's wish list; nil when unplaced or on none.
        public var wishPosition: Int?
    }

    /// One programme with the seats the run had (`match_run_programs`, not today's) and the
    /// students the run placed in it.
    public struct Program: Sendable, Hashable {
        public var programID: String
        public var name: String
        public var schoolID: String
        public var schoolName: String
        public var seats: Int
        public var filled: Int
    }

    /// A school; its totals are those of its programmes.
    public struct School: Sendable, Hashable {
        public var schoolID: String
        public var name: String
    }

    /// SQL: which of the student's wishes (today's list) an assignment answers, 1 for the first,
    /// NULL for none; a wish names the programme or its category (a two-digit code). Reads the
    /// aliases `a` (assignments), `s` (students) and `p` (programs). No user text in it.
    static let wishPosition = """
        (SELECT min(w.position) FROM unnest(s.wishes) WITH ORDINALITY AS w(wish, position)
         WHERE w.wish = a.program_id OR w.wish = p.category)
        """

    /// Everything the report of one run reads.
    public struct Rows: Sendable, Hashable {
        public var run: Run
        public var students: [Student]
        public var programs: [Program]
        public var schools: [School]
    }

    /// The run `runID` with its students and programmes.
    ///
    /// Call it inside a transaction when the rows must agree with each other exactly while other
    /// sessions write; on its own each statement sees the database as it is when it runs.
    ///
    /// - Throws: `MatchReportQueryError.unknownRun` when the region has no such run.
    public func load(runID: RunID) throws -> Rows {
        let runs = try connection.query(
            """
            SELECT run_id, strategy, cohort, only_followup, settings::text AS settings, student_count, placed_count,
                   candidate_count, created_by, created_at
            FROM match_runs WHERE run_id = $1 AND region = $2
            """, [runID, region])
        guard let runRow = runs.rows.first else { throw MatchReportQueryError.unknownRun(runID, region: region) }
        let strategyText = try runRow.decode("strategy", as: String.self)
        guard let strategy = Strategy(rawValue: strategyText) else {
            throw PostgresError(kind: .decoding, message: "run \(runID) has the unknown strategy \(strategyText)")
        }
        let run = Run(
            runID: try runRow.decode("run_id"), strategy: strategy, cohort: try runRow.decode("cohort"),
            onlyFollowup: try runRow.decode("only_followup"), settingsJSON: try runRow.decode("settings"),
            studentCount: try runRow.decode("student_count"), placedCount: try runRow.decode("placed_count"),
            candidateCount: try runRow.decode("candidate_count"), createdBy: try runRow.decode("created_by"),
            createdAt: try runRow.decode("created_at"))

        let studentRows = try connection.query(
            """
            SELECT a.student_id, s.gender, s.township, s.left_behind, s.hardship,
                   a.program_id, a.school_id, a.score, c.distance_km,
                   \(Self.wishPosition) AS wish_position
            FROM assignments a
            JOIN students s ON s.region = a.region AND s.student_id = a.student_id
            LEFT JOIN programs p ON p.program_id = a.program_id
            LEFT JOIN candidates c
                   ON c.region = a.region AND c.run_id = a.run_id
                  AND c.student_id = a.student_id AND c.program_id = a.program_id
            WHERE a.run_id = $1 AND a.region = $2
            ORDER BY a.student_id COLLATE "C"
            """, [runID, region])
        let students = try studentRows.rows.map { row in
            Student(
                studentID: try row.decode("student_id"), gender: try row.decode("gender"),
                township: try row.decode("township"), leftBehind: try row.decode("left_behind"),
                hardship: try row.decode("hardship"), programID: try row.decode("program_id"),
                schoolID: try row.decode("school_id"), score: try row.decode("score"),
                distanceKm: try row.decode("distance_km", as: Double?.self).flatMap { $0.isNaN ? nil : $0 },
                wishPosition: try row.decode("wish_position"))
        }

        // Every programme the run offered, with the seats it had then (a later import or a
        // follow-up run may change them), whether or not it placed anyone: an empty programme is
        // news. Names are today's; a programme or school removed since shows its id.
        let programRows = try connection.query(
            """
            SELECT rp.program_id, coalesce(p.name, rp.program_id) AS name, rp.school_id,
                   coalesce(sc.name, rp.school_id) AS school_name, rp.seats,
                   (SELECT count(*) FROM assignments a
                     WHERE a.run_id = $1 AND a.region = $2 AND a.program_id = rp.program_id) AS filled
            FROM match_run_programs rp
            LEFT JOIN programs p ON p.program_id = rp.program_id
            LEFT JOIN schools sc ON sc.school_id = rp.school_id
            WHERE rp.run_id = $1
            ORDER BY rp.school_id COLLATE "C", rp.program_id COLLATE "C"
            """, [runID, region])
        let programs = try programRows.rows.map { row in
            Program(
                programID: try row.decode("program_id"), name: try row.decode("name"),
                schoolID: try row.decode("school_id"), schoolName: try row.decode("school_name"),
                seats: try row.decode("seats"), filled: try row.decode("filled"))
        }

        let schoolRows = try connection.query("SELECT school_id, name FROM schools ORDER BY school_id COLLATE \"C\"")
        let schools = try schoolRows.rows.map { row in
            School(schoolID: try row.decode("school_id"), name: try row.decode("name"))
        }
        return Rows(run: run, students: students, programs: programs, schools: schools)
    }
}
