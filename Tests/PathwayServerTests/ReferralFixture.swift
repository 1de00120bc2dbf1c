import Foundation
import PathwayStorage
import PathwayTestSupport
import PostgresClient

/// A small county written with SQL: two vocational schools, a programme each, students, one
/// match run, and referrals in several states, so that each test starts from known rows.
struct ReferralFixture: Sendable {
    let target: ConnectionTarget
    /// Referral ids by reference number.
    let ids: [String: Int]

    /// School S1 sees R1, R2, R3 (sent) and R4 (acknowledged); R5 is still proposed (a county
    /// draft it must not see). School S2 sees R6 and R7.
    static let referrals: [(reference: String, student: String, program: String, school: String, status: String, score: Double)] = [
        ("R1", "ST01", "P1", "S1", "sent", 81.5),
        ("R2", "ST02", "P1", "S1", "sent", 77.25),
        ("R3", "ST03", "P1", "S1", "sent", 64),
        ("R4", "ST04", "P1", "S1", "acknowledged", 90.125),
        ("R5", "ST05", "P1", "S1", "proposed", 55),
        ("R6", "ST06", "P2", "S2", "sent", 70),
        ("R7", "ST07", "P2", "S2", "sent", 71),
    ]

    /// A fresh database with the fixture's rows.
    static func make(_ name: String) throws -> ReferralFixture {
        let target = try TestDatabase.makeDatabase(name)
        let connection = try target.connect()
        defer { connection.close() }
        try Migrator.bundled().migrate(connection, actor: "test")
        let ids = try insert(into: connection)
        return ReferralFixture(target: target, ids: ids)
    }

    static func insert(into connection: PostgresConnection) throws -> [String: Int] {
        try connection.execute(
            """
            INSERT INTO schools (school_id, name, latitude, longitude) VALUES
                ('S1', '清水县职业教育中心', 30.1, 110.2), ('S2', '市技工学校', 30.3, 110.4);
            INSERT INTO programs (program_id, school_id, name, category, seats, latitude, longitude) VALUES
                ('P1', 'S1', '数控技术应用', '66', 40, 30.1, 110.2), ('P2', 'S2', '护理', '72', 30, 30.3, 110.4);
            """)
        let students: [(String, String, String?, String?, String?, String?, String?)] = [
            ("ST01", "张伟", "M", "2010-03-04", "清水镇中学", "张建国", "13800000001"),
            ("ST02", "Li, \"Ming\"", "F", "2010-07-19", "河口中学", "李红, 母亲", "13800000002"),
            ("ST03", "王芳", nil, nil, nil, nil, nil),
            ("ST04", "赵磊", "M", "2009-12-31", "清水镇中学", "赵军", "13800000004"),
            ("ST05", "孙丽", "F", "2010-01-01", "河口中学", "孙强", "13800000005"),
            ("ST06", "周杰", "M", "2010-05-05", "东关中学", "周平", "13800000006"),
            ("ST07", "吴敏", "F", "2010-06-06", "东关中学", "吴刚", "13800000007"),
        ]
        for s in students {
            try connection.query(
                """
                INSERT INTO students (student_id, name, gender, birth_date, junior_school, latitude, longitude,
                                      guardian_name, guardian_phone, total_score, score_subjects, score_values, hardship,
                                      notes)
                VALUES ($1, $2, $3, $4::date, $5, 30.2, 110.3, $6, $7, 480, '{math}', '{88}', true, '家访记录：不得外传')
                """,
                [s.0, s.1, s.2, s.3, s.4, s.5, s.6])
        }
        let run = try connection.query(
            """
            INSERT INTO match_runs (strategy, settings, student_count, placed_count, candidate_count, created_by)
            VALUES ('stable', '{"weights": {"interest": 0.5, "grades": 0.3, "location": 0.2}, "candidateLimit": 20, "maxCommuteKm": 30, "strategy": "stable"}', 7, 7, 7, 'test')
            RETURNING run_id
            """).decode(Int.self, row: 0, column: 0)
        try RunPartitions.create(connection, runID: run)
        var ids: [String: Int] = [:]
        for r in referrals {
            try connection.query(
                """
                INSERT INTO assignments (region, run_id, student_id, program_id, school_id, score, student_rank)
                VALUES ('local', $1, $2, $3, $4, $5, 1)
                """,
                [run, r.student, r.program, r.school, r.score])
            let sent = r.status == "proposed" ? nil : "2026-08-20 09:00:00+00"
            ids[r.reference] = try connection.query(
                """
                INSERT INTO referrals (region, reference_number, run_id, student_id, program_id, school_id, score,
                                       status, assignee, sent_at)
                VALUES ('local', $1, $2, $3, $4, $5, $6, $7, '招生办 刘老师', $8::timestamptz) RETURNING referral_id
                """,
                [r.reference, run, r.student, r.program, r.school, r.score, r.status, sent]).decode(Int.self, row: 0, column: 0)
        }
        return ids
    }

    /// A new token for `school`.
    func token(for school: String, label: String? = nil) throws -> IssuedToken {
        let connection = try target.connect()
        defer { connection.close() }
        return try TokenStore(connection: connection).create(schoolID: school, label: label, actor: "test")
    }

    func connection() throws -> PostgresConnection { try target.connect() }

    /// The ids a school must see, in referral order.
    func visibleIDs(of school: String) -> [Int] {
        Self.referrals.filter { $0.school == school && $0.status != "proposed" }.compactMap { ids[$0.reference] }.sorted()
    }
}
