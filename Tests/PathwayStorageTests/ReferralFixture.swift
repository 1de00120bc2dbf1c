import PathwayCore
import Foundation
import PathwayStorage
import PathwayTestSupport
import PostgresClient

/// A small county written with SQL (the match command is not needed): two schools with a
/// programme each, seven students, and run 1 by "coordinator" that placed ST01 and ST02 in P1,
/// ST03 and ST05 in P2, and left ST04 unplaced. ST06 (2026) and ST07 (2025) were in no run.
struct ReferralFixture {
    let connection: PostgresConnection
    let run: RunID

    init(_ name: String) throws {
        connection = try TestDatabase.makeDatabase(name).connect()
        try Migrator.bundled().migrate(connection, actor: "test")
        try connection.execute(
            """
            INSERT INTO schools (school_id, name, latitude, longitude) VALUES
                ('S1', '清水县职业教育中心', 30.1, 110.2), ('S2', '市技工学校', 30.3, 110.4);
            INSERT INTO programs (program_id, school_id, name, category, seats, latitude, longitude) VALUES
                ('P1', 'S1', '数控技术应用', '66', 2, 30.1, 110.2), ('P2', 'S2', '护理', '72', 3, 30.3, 110.4);
            """)
        for (id, name, year) in [
            ("ST01", "张伟", 2026), ("ST02", "李娜", 2026), ("ST03", "王芳", 2026), ("ST04", "赵磊", 2026),
            ("ST05", "孙丽", 2026), ("ST06", "周杰", 2026), ("ST07", "吴敏", 2025),
        ] {
            try connection.query(
                """
                INSERT INTO students (student_id, name, junior_school, graduation_year, latitude, longitude)
                VALUES ($1, $2, '清水镇中学', $3, 30.2, 110.3)
                """, [id, name, year])
        }
        run = try Self.insertRun(
            connection, by: "coordinator",
            ["ST01": "P1", "ST02": "P1", "ST03": "P2", "ST04": nil, "ST05": "P2"])
    }

    /// Writes a run as `pathway match run` would: one assignment row per student of the run.
    static func insertRun(
        _ connection: PostgresConnection, by creator: String, strategy: String = "stable", _ placements: [String: String?]
    ) throws -> RunID {
        let run = try connection.query(
            """
            INSERT INTO match_runs (strategy, settings, student_count, placed_count, candidate_count, created_by)
            VALUES ($1, '{}', $2, $3, 0, $4) RETURNING run_id
            """,
            [strategy, placements.count, placements.values.compactMap { $0 }.count, creator]
        ).decode(RunID.self, row: 0, column: 0)
        try RunPartitions.create(connection, runID: Int(run.rawValue))
        for (student, program) in placements {
            try connection.query(
                """
                INSERT INTO assignments (region, run_id, student_id, program_id, school_id, score, student_rank)
                VALUES ('local', $1, $2, $3, (SELECT school_id FROM programs WHERE program_id = $3),
                        CASE WHEN $3::text IS NULL THEN NULL ELSE 75.5 END, CASE WHEN $3::text IS NULL THEN NULL ELSE 1 END)
                """, [run, student, program])
        }
        return run
    }

    func count(_ sql: String, _ parameters: [(any PostgresEncodable)?] = []) throws -> Int {
        try connection.query(sql, parameters).decode(Int.self, row: 0, column: 0)
    }

    /// Referral ids by student, for the referrals of `run`.
    func referralIDs(run: RunID? = nil) throws -> [String: ReferralID] {
        let rows = try connection.query(
            "SELECT student_id, referral_id FROM referrals WHERE run_id = $1", [run ?? self.run])
        var ids: [String: ReferralID] = [:]
        for row in rows.rows { ids[try row.decode(0, as: String.self)] = try row.decode(1, as: ReferralID.self) }
        return ids
    }

    /// Everything a refused change must leave as it was.
    func snapshot() throws -> [String] {
        let rows = try connection.query(
            """
            SELECT 'r' || referral_id || ':' || status || ':' || updated_at || ':' || coalesce(sent_at::text, '-') FROM referrals
            UNION ALL SELECT 'events:' || count(*) FROM referral_events
            UNION ALL SELECT 'audit:' || count(*) FROM audit_log
            ORDER BY 1
            """)
        return try rows.rows.map { try $0.decode(0, as: String.self) }
    }
}
