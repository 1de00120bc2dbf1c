import Foundation
import HummingbirdTesting
import PathwayCore
import PathwayLetters
import PathwayServer
import PathwayStorage
import PostgresClient
import Testing

/// `GET /v1/referrals/{id}/letter`: the school's own letter, as a page it can print.
@Suite("School letters over the API")
struct LetterAPITests {
    @Test func aSchoolGetsItsLetterInChineseOrEnglishAndTheReadIsAudited() async throws {
        let fixture = try ReferralFixture.make("letter_html")
        let s1 = try fixture.token(for: "S1")
        let id = try #require(fixture.ids["R1"])
        let configuration = ServerConfiguration(office: "清水县教育局", officePhone: "0710-1234567")
        let (chinese, english, french) = try await APIClient.with(fixture.target, configuration: configuration) { client in
            let headers = APIClient.bearer(s1.token)
            let chinese = try await client.execute(uri: "/v1/referrals/\(id)/letter", method: .get, headers: headers)
            let english = try await client.execute(uri: "/v1/referrals/\(id)/letter?lang=en", method: .get, headers: headers)
            let french = try await client.execute(uri: "/v1/referrals/\(id)/letter?lang=fr", method: .get, headers: headers)
            return (chinese, english, french)
        }
        #expect(chinese.status == .ok)
        #expect(chinese.headers[.contentType] == "text/html; charset=utf-8")
        #expect(chinese.text.contains("<html"))
        #expect(chinese.text.contains("张伟") && chinese.text.contains("数控技术应用") && chinese.text.contains("清水县职业教育中心"))
        #expect(chinese.text.contains("R1"), "the reference number is printed")
        #expect(chinese.text.contains("13800000001"), "the school gets the guardian's phone")
        #expect(chinese.text.contains("清水县教育局") && chinese.text.contains("0710-1234567"))
        #expect(chinese.text.contains("2026年8月20日"), "dated when it was sent")
        #expect(!chinese.text.contains("不得外传"), "the county's notes stay out")
        #expect(english.status == .ok)
        #expect(english.text.contains("lang=\"en\""))
        #expect(english.text.contains("20 August 2026"))
        #expect(french.status == .badRequest)
        #expect(french.errorMessage?.contains("lang") == true)

        let connection = try fixture.connection()
        defer { connection.close() }
        let audit = try connection.query(
            "SELECT school_id, token_id, subject_id FROM audit_log WHERE action = 'referrals.letter' ORDER BY audit_id")
        #expect(audit.rowCount == 2, "the two letters served, not the refused request")
        #expect(try audit.decode(String.self, row: 0, column: 0) == "S1")
        #expect(try audit.decode(Int.self, row: 0, column: 1) == s1.record.id)
        #expect(try audit.decode(String.self, row: 0, column: 2) == String(id))
    }

    /// A referral withdrawn before it was sent never reached the school: its letter and its
    /// outcome answer 404 like a referral that does not exist.
    @Test func aReferralWithdrawnBeforeItWasSentStaysHidden() async throws {
        let fixture = try ReferralFixture.make("letter_withdrawn")
        let s1 = try fixture.token(for: "S1")
        let connection = try fixture.connection()
        defer { connection.close() }
        let id = try #require(fixture.ids["R5"])
        try connection.query("UPDATE referrals SET status = 'withdrawn' WHERE referral_id = $1 AND sent_at IS NULL", [id])
        let (letter, outcome) = try await APIClient.with(fixture.target) { client in
            let headers = APIClient.bearer(s1.token)
            let letter = try await client.execute(uri: "/v1/referrals/\(id)/letter", method: .get, headers: headers)
            let outcome = try await client.execute(
                uri: "/v1/referrals/\(id)/outcome", method: .post, headers: headers,
                body: APIClient.json(#"{"outcome": "enrolled"}"#))
            return (letter, outcome)
        }
        #expect(letter.status == .notFound)
        #expect(outcome.status == .notFound)
    }

    @Test func aStudentsNameCannotInjectMarkupIntoTheLetter() async throws {
        let fixture = try ReferralFixture.make("letter_escape")
        let s1 = try fixture.token(for: "S1")
        let connection = try fixture.connection()
        defer { connection.close() }
        try connection.query("UPDATE students SET name = '<script>alert(1)</script>' WHERE student_id = 'ST02'")
        let id = try #require(fixture.ids["R2"])
        let page = try await APIClient.with(fixture.target) { client in
            try await client.execute(uri: "/v1/referrals/\(id)/letter", method: .get, headers: APIClient.bearer(s1.token))
        }
        #expect(page.status == .ok)
        #expect(!page.text.contains("<script>alert"))
        #expect(page.text.contains("&lt;script&gt;"))
    }

    @Test func theLetterGivesTheRunsOwnReasonsForTheProgramme() async throws {
        let fixture = try ReferralFixture.make("letter_reasons")
        let s1 = try fixture.token(for: "S1")
        let connection = try fixture.connection()
        defer { connection.close() }
        // The run as `pathway match run` stores it: its settings and the programmes it saw.
        let settings = String(decoding: try JSONEncoder().encode(MatchSettings.standard), as: UTF8.self)
        try connection.query("UPDATE match_runs SET settings = $1::jsonb", [settings])
        try connection.execute(
            """
            UPDATE students SET wishes = '{P1}', holland_code = 'RIC', score_subjects = '{math}', score_values = '{95}' WHERE student_id = 'ST01';
            UPDATE programs SET holland_code = 'RIC', key_subjects = '{"math": 1}';
            INSERT INTO match_run_programs (run_id, program_id, school_id, seats)
            SELECT run_id, program_id, school_id, seats FROM match_runs CROSS JOIN programs;
            """)
        let directory = CountyDirectory(connection: connection, region: .local)
        let scorer = try MatchScorer(students: try directory.students(), programs: try directory.programs(), settings: .standard)
        let explanation = try #require(scorer.explain(studentID: "ST01", programID: "P1"))
        let expected = LetterReasons.sentences(for: explanation, language: .chinese)
        #expect(!expected.isEmpty, "the fixture gives the student reasons to be there")
        // The pair's candidate row, as the run stored it: the letter reads its figures from there.
        try connection.query(
            """
            INSERT INTO candidates (region, run_id, student_id, program_id, student_rank, score, program_priority,
                                    interest, grades, location, distance_km)
            SELECT 'local', run_id, 'ST01', 'P1', 1, $1, $2, $3, $2, $4, $5 FROM match_runs
            """,
            [explanation.score, explanation.grades.value, explanation.interest.value, explanation.location.value,
             explanation.location.distanceKm])

        let id = try #require(fixture.ids["R1"])
        let page = try await APIClient.with(fixture.target) { client in
            try await client.execute(uri: "/v1/referrals/\(id)/letter", method: .get, headers: APIClient.bearer(s1.token))
        }
        #expect(page.status == .ok)
        #expect(page.text.contains("推荐理由"))
        for sentence in expected {
            #expect(page.text.contains(sentence), "\(sentence)")
        }
    }
}
