import Foundation
import HummingbirdTesting
import PathwayCore
import PathwayServer
import PathwayStorage
import PostgresClient
import Testing

/// `POST /v1/referrals/{id}/outcome`: a school reports what became of a student, the referral
/// moves along its lifecycle, and a student who declines goes back on the follow-up ledger.
@Suite("Outcomes reported by schools")
struct OutcomeAPITests {
    @Test func outcomesMoveTheReferralAndAnIllegalOneIsAConflict() async throws {
        let fixture = try ReferralFixture.make("outcome_moves")
        let s1 = try fixture.token(for: "S1")
        let id = try #require(fixture.ids["R1"])
        try await APIClient.with(fixture.target) { client in
            func post(_ body: String) async throws -> TestResponse {
                try await client.execute(
                    uri: "/v1/referrals/\(id)/outcome", method: .post, headers: APIClient.bearer(s1.token),
                    body: APIClient.json(body))
            }
            let acknowledged = try await post(#"{"outcome": "acknowledged"}"#)
            #expect(acknowledged.status == .ok)
            let object = try #require((try? JSONSerialization.jsonObject(with: Data(acknowledged.text.utf8))) as? [String: Any])
            #expect(object["referral_id"] as? Int == id)
            #expect(object["status"] as? String == "acknowledged")
            #expect(Set(object.keys) == Set(SchoolReferral.columns), "the same object as the list gives")

            let enrolled = try await post(#"{"outcome": "enrolled", "note": "报到注册，已分班"}"#)
            #expect(enrolled.status == .ok)
            #expect(enrolled.text.contains(#""status":"enrolled""#))

            let backwards = try await post(#"{"outcome": "declined"}"#)
            #expect(backwards.status == .conflict)
            #expect(backwards.errorMessage?.contains("enrolled") == true, "\(backwards.text)")
            // A client retrying after a lost answer is told the referral as it stands, and no
            // second event is recorded.
            let retried = try await post(#"{"outcome": "enrolled"}"#)
            #expect(retried.status == .ok, "\(retried.text)")
            #expect(retried.text == enrolled.text)
        }
        let connection = try fixture.connection()
        defer { connection.close() }
        let status = try connection.query("SELECT status FROM referrals WHERE referral_id = $1", [id])
        #expect(try status.decode(String.self, row: 0, column: 0) == "enrolled")
        let events = try connection.query(
            "SELECT from_status, to_status, actor, note FROM referral_events WHERE referral_id = $1 ORDER BY event_id", [id])
        #expect(events.rowCount == 2)
        #expect(try events.decode(String.self, row: 1, column: 1) == "enrolled")
        #expect(try events.decode(String.self, row: 1, column: 2).contains("token \(s1.record.id)"))
        #expect(try events.decode(String?.self, row: 1, column: 3) == "报到注册，已分班")
        let audit = try connection.query(
            "SELECT school_id, token_id FROM audit_log WHERE action = 'referral.transition' AND subject_id = $1", [String(id)])
        #expect(audit.rowCount == 2, "every outcome is audited, the refused ones are not")
        #expect(try audit.decode(String.self, row: 0, column: 0) == "S1")
        #expect(try audit.decode(Int.self, row: 0, column: 1) == s1.record.id)
    }

    @Test func aDeclinedReferralShowsAsDeclinedAndTheStudentIsFollowedUp() async throws {
        let fixture = try ReferralFixture.make("outcome_declined")
        let s1 = try fixture.token(for: "S1")
        let id = try #require(fixture.ids["R2"])
        let listed = try await APIClient.with(fixture.target) { client in
            let declined = try await client.execute(
                uri: "/v1/referrals/\(id)/outcome", method: .post, headers: APIClient.bearer(s1.token),
                body: APIClient.json(#"{"outcome": "declined", "note": "家长希望孩子复读"}"#))
            #expect(declined.status == .ok)
            let list = try await client.execute(
                uri: "/v1/referrals?status=declined", method: .get, headers: APIClient.bearer(s1.token))
            return list.objects?.compactMap { $0["referral_id"] as? Int } ?? []
        }
        #expect(listed == [id])
        let connection = try fixture.connection()
        defer { connection.close() }
        // Judged today, on a cohort whose registration never closes while this runs, with the
        // fixture's changes made today: nothing is overdue or expired by the calendar.
        try connection.query("UPDATE students SET graduation_year = 2100")
        try connection.query("UPDATE referral_events SET created_at = now()")
        let today = try #require(CalendarDate.day(of: Date(), in: .current))
        let ledger = try FollowupLedger(connection: connection, region: .local).entries(on: today, deadlines: .standard)
        let entry = try #require(ledger.first { $0.studentID == "ST02" }, "the student is back on the follow-up ledger")
        #expect(entry.reason == .declined)
        #expect(entry.referralID == ReferralID(Int64(id)))
        #expect(!ledger.contains { $0.studentID == "ST01" }, "a student still referred is not on it")
    }

    @Test func aReasonCodeGoesWithADeclineOrANoShowOnly() async throws {
        let fixture = try ReferralFixture.make("outcome_reason")
        let s1 = try fixture.token(for: "S1")
        let id = try #require(fixture.ids["R3"])
        try await APIClient.with(fixture.target) { client in
            func post(_ body: String) async throws -> TestResponse {
                try await client.execute(
                    uri: "/v1/referrals/\(id)/outcome", method: .post, headers: APIClient.bearer(s1.token),
                    body: APIClient.json(body))
            }
            let unknown = try await post(#"{"outcome": "declined", "reason": "weather"}"#)
            #expect(unknown.status == .badRequest)
            #expect(unknown.errorMessage?.contains("too_far") == true, "\(unknown.text)")
            let pathways = try await post(#"{"outcome": "declined", "reason": "registration_closed"}"#)
            #expect(pathways.status == .badRequest)
            let enrolled = try await post(#"{"outcome": "enrolled", "reason": "cost"}"#)
            #expect(enrolled.status == .badRequest)
            #expect(enrolled.errorMessage?.contains("declined or no_show") == true, "\(enrolled.text)")
            let declined = try await post(#"{"outcome": "declined", "reason": "too_far", "note": "路太远"}"#)
            #expect(declined.status == .ok, "\(declined.text)")
        }
        let connection = try fixture.connection()
        defer { connection.close() }
        let events = try connection.query(
            "SELECT to_status, reason FROM referral_events WHERE referral_id = $1 ORDER BY event_id", [id])
        #expect(events.rowCount == 1, "the refused bodies recorded nothing")
        #expect(try events.decode(String.self, row: 0, column: 0) == "declined")
        #expect(try events.decode(String?.self, row: 0, column: 1) == "too_far")
    }
}
