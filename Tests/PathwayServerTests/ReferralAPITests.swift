import Foundation
import Hummingbird
import HummingbirdTesting
import PathwayImport
import PathwayServer
import PathwayStorage
import PostgresClient
import Testing

/// `GET /v1/referrals` and the rules every route shares: tokens, one school's rows only,
/// errors as JSON, an audit entry for every pull.
@Suite("The school API")
struct ReferralAPITests {
    @Test func eachSchoolSeesOnlyItsOwnSentReferralsWithOnlyTheColumnsItNeeds() async throws {
        let fixture = try ReferralFixture.make("api_own")
        let s1 = try fixture.token(for: "S1")
        let s2 = try fixture.token(for: "S2")
        try await APIClient.with(fixture.target) { client in
            let first = try await client.execute(uri: "/v1/referrals", method: .get, headers: APIClient.bearer(s1.token))
            #expect(first.status == .ok)
            #expect(first.headers[.contentType] == "application/json; charset=utf-8")
            let rows = try #require(first.objects)
            #expect(Set(rows.compactMap { $0["referral_id"] as? Int }) == Set(fixture.visibleIDs(of: "S1")))
            #expect(rows.count == 4, "the proposed referral is the county's draft, not the school's yet")
            for row in rows {
                #expect(Set(row.keys) == Set(SchoolReferral.columns))
                #expect(row["program_id"] as? String == "P1")
            }
            #expect(!first.text.contains("不得外传"), "notes never leave the county office")
            #expect(!first.text.contains("hardship"))
            let zhang = try #require(rows.first { $0["student_id"] as? String == "ST01" })
            #expect(zhang["name"] as? String == "张伟")
            #expect(zhang["school"] as? String == "清水镇中学")
            #expect(zhang["guardian_phone"] as? String == "13800000001")
            #expect(zhang["birth_date"] as? String == "2010-03-04")
            #expect(zhang["score"] as? Double == 81.5)
            #expect(zhang["sent_at"] as? String == "2026-08-20T09:00:00.000000Z")
            let wang = try #require(rows.first { $0["student_id"] as? String == "ST03" })
            #expect(wang["gender"] is NSNull, "unknown values are null, not empty strings")

            let second = try await client.execute(uri: "/v1/referrals", method: .get, headers: APIClient.bearer(s2.token))
            let other = try #require(second.objects)
            #expect(other.compactMap { $0["referral_id"] as? Int }.sorted() == fixture.visibleIDs(of: "S2"))
            #expect(!second.text.contains("张伟"))
        }
    }

    @Test func requestsWithoutAValidTokenAreRefusedWith401() async throws {
        let fixture = try ReferralFixture.make("api_401")
        let revoked = try fixture.token(for: "S1", label: "old system")
        let connection = try fixture.connection()
        defer { connection.close() }
        _ = try TokenStore(connection: connection).revoke(tokenID: revoked.record.id, actor: "test")
        let unknown = "pw_" + String(repeating: "A", count: 43)
        try await APIClient.with(fixture.target) { client in
            let cases: [(String, HTTPFields)] = [
                ("no header", [:]),
                ("not bearer", [.authorization: "Basic dXNlcjpwYXNz"]),
                ("empty bearer", [.authorization: "Bearer "]),
                ("unknown token", APIClient.bearer(unknown)),
                ("revoked token", APIClient.bearer(revoked.token)),
            ]
            for (name, headers) in cases {
                for uri in ["/v1/referrals", "/v1/referrals/1/letter"] {
                    let response = try await client.execute(uri: uri, method: .get, headers: headers)
                    #expect(response.status == .unauthorized, "\(name) on \(uri)")
                    #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true, "\(name)")
                    #expect(response.errorMessage?.isEmpty == false, "\(name): a JSON error body")
                }
                let post = try await client.execute(
                    uri: "/v1/referrals/1/outcome", method: .post, headers: headers, body: APIClient.json(#"{"outcome":"enrolled"}"#))
                #expect(post.status == .unauthorized, "\(name) on outcome")
            }
        }
        let changed = try connection.query("SELECT count(*) FROM referrals WHERE status <> 'sent' AND status <> 'acknowledged' AND status <> 'proposed'")
        #expect(try changed.decode(Int.self, row: 0, column: 0) == 0, "nothing was changed by refused requests")
    }

    @Test func anotherSchoolsReferralIsNotFoundAndLooksLikeOneThatDoesNotExist() async throws {
        let fixture = try ReferralFixture.make("api_404")
        let s1 = try fixture.token(for: "S1")
        let theirs = try #require(fixture.ids["R6"])
        let draft = try #require(fixture.ids["R5"])
        try await APIClient.with(fixture.target) { client in
            let headers = APIClient.bearer(s1.token)
            let missing = try await client.execute(uri: "/v1/referrals/999999/letter", method: .get, headers: headers)
            #expect(missing.status == .notFound)
            for id in [theirs, draft] {
                let letter = try await client.execute(uri: "/v1/referrals/\(id)/letter", method: .get, headers: headers)
                #expect(letter.status == .notFound)
                #expect(letter.errorMessage == "no referral \(id) for this school")
                #expect(!letter.text.contains("周杰"))
                let outcome = try await client.execute(
                    uri: "/v1/referrals/\(id)/outcome", method: .post, headers: headers,
                    body: APIClient.json(#"{"outcome": "acknowledged"}"#))
                #expect(outcome.status == .notFound)
                #expect(outcome.errorMessage == "no referral \(id) for this school")
            }
            let notANumber = try await client.execute(uri: "/v1/referrals/abc/letter", method: .get, headers: headers)
            #expect(notANumber.status == .notFound)
        }
        let connection = try fixture.connection()
        defer { connection.close() }
        let status = try connection.query("SELECT status FROM referrals WHERE referral_id = $1", [theirs])
        #expect(try status.decode(String.self, row: 0, column: 0) == "sent", "another school cannot move it")
    }

    @Test func csvAndJSONCarryTheSameRows() async throws {
        let fixture = try ReferralFixture.make("api_csv_json")
        let s1 = try fixture.token(for: "S1")
        let (json, csv) = try await APIClient.with(fixture.target) { client in
            let headers = APIClient.bearer(s1.token)
            let json = try await client.execute(uri: "/v1/referrals?format=json", method: .get, headers: headers)
            let csv = try await client.execute(uri: "/v1/referrals?format=csv", method: .get, headers: headers)
            return (json, csv)
        }
        #expect(csv.status == .ok)
        #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
        let bytes = Array(csv.body.readableBytesView)
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "a BOM, so Excel reads UTF-8")
        #expect(csv.text.contains("\r\n") && !csv.text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        let table = try CSVReader().read(bytes, fileName: "referrals.csv")
        #expect(table.header == SchoolReferral.columns)
        let objects = try #require(json.objects)
        #expect(table.rows.count == objects.count)
        #expect(objects.count == 4)
        for (row, object) in zip(table.rows, objects) {
            for (index, column) in SchoolReferral.columns.enumerated() {
                let value = object[column]
                let expected: String
                switch value {
                case let text as String: expected = text
                case let number as NSNumber: expected = column == "score" ? "\(number.doubleValue)" : number.stringValue
                default: expected = ""
                }
                #expect(row.fields[index] == expected, "\(column) of referral \(object["referral_id"] ?? "?")")
            }
        }
        #expect(csv.text.contains(#""Li, ""Ming""""#), "a name with a comma and quotes is quoted, not split")
    }

    @Test func everyPullIsAuditedWithSchoolTokenEndpointAndRows() async throws {
        let fixture = try ReferralFixture.make("api_audit")
        let s1 = try fixture.token(for: "S1")
        let s2 = try fixture.token(for: "S2")
        try await APIClient.with(fixture.target) { client in
            _ = try await client.execute(uri: "/v1/referrals?format=csv", method: .get, headers: APIClient.bearer(s1.token))
            _ = try await client.execute(uri: "/v1/referrals?status=sent", method: .get, headers: APIClient.bearer(s2.token))
        }
        let connection = try fixture.connection()
        defer { connection.close() }
        let audit = try connection.query(
            """
            SELECT school_id, token_id, details->>'endpoint', details->>'rows', details->>'format', details->'status'
            FROM audit_log WHERE action = 'referrals.pull' ORDER BY audit_id
            """)
        #expect(audit.rowCount == 2)
        #expect(try audit.decode(String.self, row: 0, column: 0) == "S1")
        #expect(try audit.decode(Int.self, row: 0, column: 1) == s1.record.id)
        #expect(try audit.decode(String.self, row: 0, column: 2) == "GET /v1/referrals")
        #expect(try audit.decode(String.self, row: 0, column: 3) == "4")
        #expect(try audit.decode(String.self, row: 0, column: 4) == "csv")
        #expect(try audit.decode(String.self, row: 1, column: 0) == "S2")
        #expect(try audit.decode(Int.self, row: 1, column: 1) == s2.record.id)
        #expect(try audit.decode(String.self, row: 1, column: 3) == "2")
        #expect(try audit.decode(String.self, row: 1, column: 5) == #"["sent"]"#)
        let used = try connection.query("SELECT last_used_at IS NOT NULL FROM api_tokens WHERE token_id = $1", [s1.record.id])
        #expect(try used.decode(Bool.self, row: 0, column: 0), "staff can see the token is in use")
    }

    @Test func statusUpdatedSinceAndPagesSelectRowsAndMissNone() async throws {
        let fixture = try ReferralFixture.make("api_filters")
        let s1 = try fixture.token(for: "S1")
        let connection = try fixture.connection()
        defer { connection.close() }
        // R2 and R3 changed later than the rest; R3's student (a corrected phone) counts as a change.
        try connection.query("UPDATE referrals SET updated_at = '2026-09-02 10:00:00.123456+00' WHERE referral_id = $1", [fixture.ids["R2"]])
        try connection.query("UPDATE students SET updated_at = '2026-09-03 00:00:00+00' WHERE student_id = 'ST03'")
        try connection.query("UPDATE referrals SET updated_at = '2026-08-21 00:00:00+00' WHERE referral_id <> $1", [fixture.ids["R2"]])
        try connection.query("UPDATE students SET updated_at = '2026-08-21 00:00:00+00' WHERE student_id <> 'ST03'")
        try connection.query("UPDATE programs SET updated_at = '2026-08-21 00:00:00+00'")
        try await APIClient.with(fixture.target) { client in
            let headers = APIClient.bearer(s1.token)
            func ids(_ uri: String) async throws -> [Int] {
                let response = try await client.execute(uri: uri, method: .get, headers: headers)
                #expect(response.status == .ok, "\(uri): \(response.text)")
                return response.objects?.compactMap { $0["referral_id"] as? Int } ?? []
            }
            #expect(try await ids("/v1/referrals?status=acknowledged") == [fixture.ids["R4"]].compactMap { $0 })
            #expect(try await ids("/v1/referrals?status=sent,acknowledged").count == 4)
            #expect(try await ids("/v1/referrals?status=enrolled") == [])
            let later = try await ids("/v1/referrals?updated_since=2026-09-01T00:00:00Z")
            #expect(later == [fixture.ids["R2"], fixture.ids["R3"]].compactMap { $0 }, "in updated_at order")
            #expect(try await ids("/v1/referrals?updated_since=2026-09-02T18:00:01%2B08:00") == [fixture.ids["R3"]].compactMap { $0 },
                    "an offset is honoured: 18:00:01 in Beijing is 10:00:01 UTC, after R2's change")
            #expect(try await ids("/v1/referrals?updated_since=2026-09-02T10:00:00.123456Z").count == 2,
                    "passing back the last updated_at seen includes that row again")
            #expect(try await ids("/v1/referrals?updated_since=2026-09-02T10:00:00.123457Z").count == 1)
            #expect(try await ids("/v1/referrals?updated_since=2026-09-04").isEmpty)

            var seen: [Int] = []
            var uri = "/v1/referrals?limit=3"
            var pages = 0
            while pages < 10 {
                let response = try await client.execute(uri: uri, method: .get, headers: headers)
                seen += response.objects?.compactMap { $0["referral_id"] as? Int } ?? []
                pages += 1
                guard let next = response.headers[APIHeader.nextCursor] else { break }
                #expect(response.headers[APIHeader.link]?.contains("cursor=\(next)") == true)
                uri = "/v1/referrals?limit=3&cursor=\(next)"
            }
            #expect(pages == 2)
            #expect(seen.sorted() == fixture.visibleIDs(of: "S1"), "every row once across pages")
        }
    }

    @Test func badQueryParametersAreRefusedWithAMessage() async throws {
        let fixture = try ReferralFixture.make("api_400")
        let s1 = try fixture.token(for: "S1")
        try await APIClient.with(fixture.target) { client in
            let cases = [
                ("/v1/referrals?format=xml", "format"), ("/v1/referrals?status=lost", "status"),
                ("/v1/referrals?status=proposed", "status"), ("/v1/referrals?updated_since=yesterday", "updated_since"),
                ("/v1/referrals?limit=0", "limit"), ("/v1/referrals?limit=abc", "limit"),
                ("/v1/referrals?cursor=xyz", "cursor"), ("/v1/referrals?update_since=2026-01-01", "update_since"),
                ("/v1/referrals?cursor=2026-13-01T00:00:00.000000Z_1", "cursor"),
                ("/v1/referrals?cursor=2026-02-30T00:00:00.000000Z_1", "cursor"),
                ("/v1/referrals?cursor=2026-01-32T00:00:00.000000Z_1", "cursor"),
                ("/v1/referrals?cursor=2026-01-01T25:00:00.000000Z_1", "cursor"),
                ("/v1/referrals?cursor=0000-01-01T00:00:00.000000Z_1", "cursor"),
                ("/v1/referrals?updated_since=0000-01-01", "updated_since"),
                ("/v1/referrals?updated_since=0001-01-01", "updated_since"),
            ]
            for (uri, word) in cases {
                let response = try await client.execute(uri: uri, method: .get, headers: APIClient.bearer(s1.token))
                #expect(response.status == .badRequest, "\(uri)")
                #expect(response.errorMessage?.contains(word) == true, "\(uri): \(response.text)")
            }
        }
    }

    @Test func outcomeBodiesThatCannotBeReadAre400() async throws {
        let fixture = try ReferralFixture.make("api_outcome_400")
        let s1 = try fixture.token(for: "S1")
        let id = try #require(fixture.ids["R1"])
        try await APIClient.with(fixture.target) { client in
            let cases = [
                ("{not json", "JSON"), (#"["enrolled"]"#, "JSON"), (#"{"note": "came"}"#, "outcome"),
                (#"{"outcome": "graduated"}"#, "graduated"), (#"{"outcome": 3}"#, "JSON"),
                (#"{"outcome": "enrolled", "note": "came\u0000 and left"}"#, "control character"),
                (#"{"outcome": "enrolled", "note": "\u001b[31mred"}"#, "control character"),
            ]
            for (body, word) in cases {
                let response = try await client.execute(
                    uri: "/v1/referrals/\(id)/outcome", method: .post, headers: APIClient.bearer(s1.token),
                    body: APIClient.json(body))
                #expect(response.status == .badRequest, "\(body)")
                #expect(response.errorMessage?.contains(word) == true, "\(body): \(response.text)")
            }
        }
        let connection = try fixture.connection()
        defer { connection.close() }
        let status = try connection.query("SELECT status FROM referrals WHERE referral_id = $1", [id])
        #expect(try status.decode(String.self, row: 0, column: 0) == "sent")
    }

    @Test func healthNeedsNoTokenAndUnknownRoutesAnswerInJSON() async throws {
        let fixture = try ReferralFixture.make("api_health")
        try await APIClient.with(fixture.target) { client in
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
            #expect(health.text.contains(#""database":"reachable""#))
            let unknown = try await client.execute(uri: "/v2/nothing", method: .get)
            #expect(unknown.status == .notFound)
            #expect(unknown.errorMessage != nil)
        }
    }
}
