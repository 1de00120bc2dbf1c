import Foundation
import PathwayCore
import PathwayReport
import PathwayWorkflows
import PathwayStorage
import PathwayTestSupport
import PostgresClient
import Testing

/// The report read from a real PostgreSQL: every figure it shows is checked against the same
/// figure counted by SQL in the database it was read from.
@Suite("The match report from the database")
struct StoredMatchReportTests {
    static let hostileSchool = "<b>职校</b> & \"Co\""
    static let townships = ["清水镇", "河口乡", "<i>岭</i>&乡"]

    /// A fresh database with 3 schools, 6 programmes, 60 students and two runs; returns the runs' ids.
    private static func county(_ name: String) throws -> (PostgresConnection, stable: RunID, optimal: RunID) {
        let connection = try TestDatabase.makeDatabase(name).connect()
        try Migrator.bundled().migrate(connection, actor: "test")
        let schools = [("S1", "县职业中专"), ("S2", hostileSchool), ("S3", "没有学生的学校")]
        for (id, name) in schools {
            try connection.query(
                "INSERT INTO schools (school_id, name, latitude, longitude) VALUES ($1, $2, 27.5, 109.9)", [id, name])
        }
        for index in 0..<6 {
            try connection.query(
                """
                INSERT INTO programs (program_id, school_id, name, category, seats, latitude, longitude)
                VALUES ($1, $2, $3, '66', $4, 27.5, 109.9)
                """, ["P\(index)", index < 3 ? "S1" : (index < 5 ? "S2" : "S3"), "专业\(index) <&>", 10 + index])
        }
        for index in 0..<60 {
            let gender: String? = index % 7 == 0 ? nil : (index % 2 == 0 ? "F" : "M")
            let township: String? = index % 11 == 0 ? nil : townships[index % 3]
            try connection.query(
                """
                INSERT INTO students (student_id, name, gender, township, left_behind, hardship, latitude, longitude)
                VALUES ($1, $2, $3, $4, $5, $6, 27.6, 110.0)
                """,
                [
                    String(format: "ST%03d", index), "学生\(index)", gender, township, index % 4 == 0, index % 5 == 0,
                ])
        }
        let stable = try storeRun(connection, strategy: .stable) { index in
            // Every third student and most left-behind children unplaced; programme P5 (school S3) never used.
            index % 3 == 0 || (index % 4 == 0 && index % 8 != 0) ? nil : index % 5
        }
        let optimal = try storeRun(connection, strategy: .optimal) { index in
            index % 6 == 0 ? nil : (index + 1) % 5
        }
        return (connection, stable, optimal)
    }

    /// Writes a run as `pathway match run` would: the run, each student's two candidates, and
    /// one assignment row per student (`program(index)` nil: unplaced).
    private static func storeRun(
        _ connection: PostgresConnection, strategy: Strategy, program: (Int) -> Int?
    ) throws -> RunID {
        let settings = String(decoding: try JSONEncoder().encode(try MatchSettings(strategy: strategy)), as: UTF8.self)
        let placed = (0..<60).filter { program($0) != nil }.count
        let runID = try connection.query(
            """
            INSERT INTO match_runs (strategy, cohort, settings, student_count, placed_count, candidate_count, created_by)
            VALUES ($1, 2026, $2::jsonb, 60, $3, 120, 'test') RETURNING run_id
            """, [strategy.rawValue, settings, placed]
        ).decode(RunID.self, row: 0, column: 0)
        try RunPartitions.create(connection, runID: Int(runID.rawValue))
        // The seats the run had, as `MatchRunStore.save` records them.
        try connection.query(
            "INSERT INTO match_run_programs (run_id, program_id, school_id, seats) SELECT $1, program_id, school_id, seats FROM programs",
            [runID])
        for index in 0..<60 {
            let student = String(format: "ST%03d", index)
            let first = program(index) ?? index % 5
            for (rank, programIndex) in [first, (first + 1) % 5].enumerated() {
                let score = Double(40 + index) - Double(rank)
                let distance = Double(index % 13) * 1.5 + Double(rank)
                try connection.query(
                    """
                    INSERT INTO candidates (region, run_id, student_id, program_id, student_rank, score, program_priority,
                                            interest, grades, location, distance_km)
                    VALUES ('local', $1, $2, $3, $4, $5, $5, 0.5, 0.5, 0.5, $6)
                    """,
                    [runID, student, "P\(programIndex)", rank + 1, score, distance])
            }
            let assigned = program(index)
            try connection.query(
                """
                INSERT INTO assignments (region, run_id, student_id, program_id, school_id, score, student_rank)
                VALUES ('local', $1, $2, $3, $4, $5, $6)
                """,
                [
                    runID, student, assigned.map { "P\($0)" }, assigned.map { $0 < 3 ? "S1" : "S2" },
                    assigned.map { _ in Double(40 + index) }, assigned.map { _ in 1 },
                ])
        }
        return runID
    }

    private static func number<T: PostgresDecodable>(
        _ connection: PostgresConnection, _ sql: String, _ parameters: [(any PostgresEncodable)?], as type: T.Type = T.self
    ) throws -> T {
        try connection.query(sql, parameters).decode(T.self, row: 0, column: 0)
    }

    @Test func everyFigureAgreesWithTheDatabase() throws {
        let (connection, stable, _) = try Self.county("report_figures")
        defer { connection.close() }
        // Seats changed after the run (a new programmes.csv) do not change the run's report.
        try connection.query("UPDATE programs SET seats = seats + 100")
        let run = try StoredMatchReport.load(runID: stable, connection: connection, region: .local)
        let figures = MatchReportFigures(run)
        let html = MatchReport.html(run)

        let students: Int = try Self.number(connection, "SELECT count(*) FROM assignments WHERE run_id = $1", [stable])
        let placed: Int = try Self.number(
            connection, "SELECT count(*) FROM assignments WHERE run_id = $1 AND program_id IS NOT NULL", [stable])
        #expect(students == 60)
        #expect(figures.studentCount == students)
        #expect(figures.placedCount == placed)
        #expect(placed > 0 && placed < students)
        let rate = Double(placed) / Double(students)
        #expect(figures.placementRate == rate)
        #expect(html.contains(String(format: "%.1f%%", rate * 100)))
        #expect(html.contains("\(placed) / \(students) 名学生已分配"))

        let bySchool = try connection.query(
            """
            SELECT s.school_id, s.name,
                   (SELECT coalesce(sum(seats), 0) FROM match_run_programs p WHERE p.run_id = $1 AND p.school_id = s.school_id)::int AS seats,
                   (SELECT count(*) FROM assignments a WHERE a.run_id = $1 AND a.school_id = s.school_id)::int AS filled
            FROM schools s ORDER BY s.school_id
            """, [stable])
        #expect(figures.schools.count == bySchool.rowCount)
        for row in bySchool.rows {
            let id: String = try row.decode("school_id")
            let seats: Int = try row.decode("seats")
            let filled: Int = try row.decode("filled")
            let school = try #require(figures.schools.first { $0.id == id })
            #expect(school.filled == filled, "school \(id)")
            #expect(school.seats == seats, "school \(id)")
            #expect(html.contains(HTMLText.escaped(try row.decode("name", as: String.self))))
            #expect(html.contains("\(filled) / \(seats)"))
        }
        #expect(figures.schools.first { $0.id == "S3" }?.filled == 0)

        let leftBehind = try connection.query(
            """
            SELECT count(*)::int AS students, count(a.program_id)::int AS placed
            FROM assignments a JOIN students s USING (region, student_id)
            WHERE a.run_id = $1 AND s.left_behind
            """, [stable])
        let leftBehindStudents: Int = try leftBehind.decode(Int.self, row: 0, column: 0)
        let leftBehindPlaced: Int = try leftBehind.decode(Int.self, row: 0, column: 1)
        let group = try #require(figures.equity.first { $0.kind == .leftBehind })
        #expect(group.students == leftBehindStudents && group.placed == leftBehindPlaced)
        #expect(leftBehindStudents > 0)
        let leftBehindRate = Double(leftBehindPlaced) / Double(leftBehindStudents)
        #expect(group.placementRate == leftBehindRate)
        #expect(html.contains(String(format: "%.1f%%", leftBehindRate * 100)))

        let meanDistance: Double = try Self.number(
            connection,
            """
            SELECT avg(c.distance_km) FROM assignments a
            JOIN candidates c ON c.run_id = a.run_id AND c.region = a.region
                             AND c.student_id = a.student_id AND c.program_id = a.program_id
            WHERE a.run_id = $1
            """, [stable])
        let reported = try #require(figures.meanDistanceKm)
        #expect(abs(reported - meanDistance) < 1e-9)
        #expect(html.contains(String(format: "%.1f km", meanDistance)))

        #expect(!html.contains("<b>职校</b>"), "names are escaped")
        #expect(!html.contains("http://") && !html.contains("https://"))
        #expect(run.settings.contains { $0.value == "0.5 / 0.3 / 0.2" }, "settings read back from the run")
    }

    @Test func twoStoredRunsCompare() throws {
        let (connection, stable, optimal) = try Self.county("report_compare")
        defer { connection.close() }
        let a = try StoredMatchReport.load(runID: stable, connection: connection, region: .local)
        let b = try StoredMatchReport.load(runID: optimal, connection: connection, region: .local)
        #expect(a.strategy == .stable && b.strategy == .optimal)
        let placedB: Int = try Self.number(
            connection, "SELECT count(*) FROM assignments WHERE run_id = $1 AND program_id IS NOT NULL", [optimal])
        #expect(MatchReportFigures(b).placedCount == placedB)
        let html = MatchReport.html(a, compare: b)
        #expect(html.contains("运行 #\(stable)") && html.contains("运行 #\(optimal)"))
        let moved: Int = try Self.number(
            connection,
            """
            SELECT count(*) FROM assignments x JOIN assignments y USING (region, student_id)
            WHERE x.run_id = $1 AND y.run_id = $2 AND x.program_id <> y.program_id
            """, [stable, optimal])
        #expect(OutcomeChanges(a, b).moved == moved)
    }

    @Test func anUnknownRunIsAClearError() throws {
        let (connection, _, optimal) = try Self.county("report_unknown")
        defer { connection.close() }
        #expect(throws: MatchReportQueryError.unknownRun(RunID(optimal.rawValue + 100), region: .local)) {
            try StoredMatchReport.load(runID: RunID(optimal.rawValue + 100), connection: connection, region: .local)
        }
        #expect(MatchReportQueryError.unknownRun(42, region: .local).description.contains("no match run has the id 42"))
    }
}
