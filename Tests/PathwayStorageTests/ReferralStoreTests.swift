import Foundation
import PathwayCore
import PathwayStorage
import PostgresClient
import Testing

@Suite("Referrals")
struct ReferralStoreTests {
    @Test func createsOneProposedReferralPerPlacedStudentOnce() throws {
        let county = try ReferralFixture("referralcreate")
        let store = ReferralStore(connection: county.connection, region: .local)
        let first = try store.createReferrals(run: county.run, assignee: "班主任 陈老师", actor: "clerk")
        #expect(first.placed == 4)
        #expect(first.created == 4)
        #expect(first.referralIDs.count == 4)

        let referrals = try store.list(.init(runID: county.run))
        #expect(referrals.map(\.studentID) == ["ST01", "ST02", "ST03", "ST05"])
        #expect(referrals.allSatisfy { $0.status == .proposed && $0.assignee == "班主任 陈老师" && $0.sentAt == nil })
        let year = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC") ?? .current, from: Date()).year ?? 0
        for referral in referrals {
            #expect(referral.referenceNumber == "PW-\(year)-" + String(format: "%06d", referral.id.rawValue))
        }
        #expect(referrals.first?.programName == "数控技术应用")
        #expect(referrals.first?.studentName == "张伟")
        #expect(try county.count("SELECT count(*) FROM referral_events WHERE from_status IS NULL AND to_status = 'proposed' AND actor = 'clerk'") == 4)

        let again = try store.createReferrals(run: county.run, assignee: "someone else", actor: "clerk")
        #expect(again.created == 0)
        #expect(again.alreadyReferred == 4)
        #expect(try county.count("SELECT count(*) FROM referrals") == 4)
        #expect(try county.count("SELECT count(*) FROM referral_events") == 4)
        let audit = try county.connection.query(
            "SELECT details->>'created', subject_id FROM audit_log WHERE action = 'referrals.create' ORDER BY audit_id")
        #expect(try audit.rows.map { try $0.decode(0, as: String.self) } == ["4", "0"])
        #expect(try audit.decode(String.self, row: 0, column: 1) == county.run.description)
    }

    @Test func anUnknownRunIsNamedAndNothingIsWritten() throws {
        let county = try ReferralFixture("referralunknownrun")
        let before = try county.snapshot()
        let error = #expect(throws: ReferralError.self) {
            try ReferralStore(connection: county.connection, region: .local).createReferrals(run: 9999, assignee: "a", actor: "b")
        }
        #expect(error == .unknownRun(runID: 9999))
        #expect(error?.description.contains("9999") == true)
        #expect(try county.snapshot() == before)
    }

    @Test func aStudentHeldByAnotherRunIsNotReferredTwice() throws {
        let county = try ReferralFixture("referralheld")
        let store = ReferralStore(connection: county.connection, region: .local)
        try store.createReferrals(run: county.run, assignee: "a", actor: "a")
        let ids = try county.referralIDs()
        // ST01 declines, ST05 enrols, ST02 stays open; a second run places all of them again.
        try store.transition(referralIDs: [ids["ST01"], ids["ST05"]].compactMap { $0 }, to: .approved, actor: "a")
        try store.transition(referralIDs: [ids["ST01"], ids["ST05"]].compactMap { $0 }, to: .sent, actor: "a")
        try store.transition(referralID: try #require(ids["ST01"]), to: .declined, actor: "a")
        try store.transition(referralID: try #require(ids["ST05"]), to: .enrolled, actor: "a")
        let second = try ReferralFixture.insertRun(
            county.connection, by: "coordinator", ["ST01": "P2", "ST02": "P2", "ST05": "P1", "ST04": "P1"])
        let creation = try store.createReferrals(run: second, assignee: "b", actor: "b")
        #expect(creation.placed == 4)
        #expect(creation.created == 2)
        #expect(creation.heldByOtherRun == 2)
        #expect(try county.referralIDs(run: second).keys.sorted() == ["ST01", "ST04"])
        // The index of migration 0002 refuses a second live referral even when written by hand.
        #expect(throws: PostgresError.self) {
            try county.connection.query(
                """
                INSERT INTO referrals (region, reference_number, run_id, student_id, program_id, school_id, assignee)
                VALUES ('local', 'X', $1, 'ST02', 'P2', 'S2', 'x')
                """, [second])
        }
    }

    @Test func theFullLifecycleRecordsEveryStepWithWhoAndWhy() throws {
        let county = try ReferralFixture("referrallifecycle")
        let store = ReferralStore(connection: county.connection, region: .local)
        try store.createReferrals(run: county.run, assignee: "陈老师", actor: "clerk")
        let id = try #require(try county.referralIDs()["ST01"])
        #expect(try store.transition(referralID: id, to: .approved, actor: "主任").status == .approved)
        let sent = try store.transition(referralID: id, to: .sent, actor: "clerk", note: "  ")
        #expect(sent.status == .sent)
        #expect(sent.sentAt != nil)
        try store.transition(referralID: id, to: .acknowledged, actor: "school S1", schoolID: "S1", tokenID: 42)
        let enrolled = try store.transition(referralID: id, to: .enrolled, actor: "school S1", note: "报到 9月1日", schoolID: "S1")
        #expect(enrolled.status == .enrolled)
        #expect(enrolled.sentAt == sent.sentAt)

        let history = try #require(try store.show(id))
        #expect(history.referral.status == .enrolled)
        #expect(history.events.map { $0.from?.rawValue ?? "-" } == ["-", "proposed", "approved", "sent", "acknowledged"])
        #expect(history.events.map(\.to) == [.proposed, .approved, .sent, .acknowledged, .enrolled])
        #expect(history.events.map(\.actor) == ["clerk", "主任", "clerk", "school S1", "school S1"])
        #expect(history.events.map(\.note) == [nil, nil, nil, nil, "报到 9月1日"])

        let audit = try county.connection.query(
            """
            SELECT actor, details->>'from', details->>'to', school_id, token_id FROM audit_log
            WHERE action = 'referral.transition' AND subject_type = 'referral' AND subject_id = $1 ORDER BY audit_id
            """, [id.description])
        #expect(audit.rowCount == 4)
        #expect(try audit.rows.map { try $0.decode(2, as: String.self) } == ["approved", "sent", "acknowledged", "enrolled"])
        #expect(try audit.decode(String.self, row: 2, column: 3) == "S1")
        #expect(try audit.decode(Int.self, row: 2, column: 4) == 42)
        // Notes stay out of the append-only audit log.
        #expect(try county.count("SELECT count(*) FROM audit_log WHERE details::text LIKE '%报到%'") == 0)
    }

    @Test func refusalsNameBothStatesAndChangeNothing() throws {
        let county = try ReferralFixture("referralrefusal")
        let store = ReferralStore(connection: county.connection, region: .local)
        try store.createReferrals(run: county.run, assignee: "a", actor: "a")
        let ids = try county.referralIDs()
        let st01 = try #require(ids["ST01"])
        let st02 = try #require(ids["ST02"])
        for status in [ReferralStatus.approved, .sent, .enrolled] {
            try store.transition(referralID: st01, to: status, actor: "a")
        }
        let before = try county.snapshot()

        let backwards = #expect(throws: ReferralError.self) { try store.transition(referralID: st01, to: .approved, actor: "a") }
        #expect(backwards?.description.hasPrefix("cannot move referral \(st01) from enrolled to approved") == true)
        #expect(backwards == .illegalTransition(ReferralTransitionError(referralID: st01, from: .enrolled, to: .approved)))
        let skipping = #expect(throws: ReferralError.self) { try store.transition(referralID: st02, to: .enrolled, actor: "a") }
        #expect(skipping?.description.hasPrefix("cannot move referral \(st02) from proposed to enrolled") == true)
        #expect(try county.snapshot() == before)

        // All or nothing: ST02 could be approved, ST01 cannot, so neither changes.
        let batch = #expect(throws: ReferralError.self) {
            try store.transition(referralIDs: [st02, st01], to: .approved, actor: "a")
        }
        #expect(batch?.description.contains("from enrolled to approved") == true)
        #expect(try county.snapshot() == before)
        #expect(try store.show(st02)?.referral.status == .proposed)
    }

    @Test func withdrawalWorksFromEveryOpenStateAndIsFinal() throws {
        let county = try ReferralFixture("referralwithdraw")
        let store = ReferralStore(connection: county.connection, region: .local)
        try store.createReferrals(run: county.run, assignee: "a", actor: "a")
        let ids = try county.referralIDs()
        let path: [ReferralStatus] = [.approved, .sent, .acknowledged]
        let students = ["ST01", "ST02", "ST03", "ST05"]
        for (steps, student) in students.enumerated() {
            for status in path.prefix(steps) { try store.transition(referralID: try #require(ids[student]), to: status, actor: "a") }
        }
        #expect(try store.list().map(\.status) == [.proposed, .approved, .sent, .acknowledged])
        let withdrawn = try store.transition(
            referralIDs: students.compactMap { ids[$0] }, to: .withdrawn, actor: "a", note: "学生转学")
        #expect(withdrawn.map(\.status) == [.withdrawn, .withdrawn, .withdrawn, .withdrawn])
        #expect(try county.count("SELECT count(*) FROM referral_events WHERE to_status = 'withdrawn' AND note = '学生转学'") == 4)
        let again = #expect(throws: ReferralError.self) {
            try store.transition(referralID: try #require(ids["ST03"]), to: .withdrawn, actor: "a")
        }
        #expect(again?.description.hasPrefix("cannot move referral \(ids["ST03"] ?? 0) from withdrawn to withdrawn") == true)
    }

    @Test func anotherSchoolsReferralIsAnsweredLikeAMissingOne() throws {
        let county = try ReferralFixture("referralotherschool")
        let store = ReferralStore(connection: county.connection, region: .local)
        try store.createReferrals(run: county.run, assignee: "a", actor: "a")
        let ofS2 = try #require(try county.referralIDs()["ST03"])
        try store.transition(referralID: ofS2, to: .approved, actor: "a")
        try store.transition(referralID: ofS2, to: .sent, actor: "a")
        let before = try county.snapshot()

        let foreign = #expect(throws: ReferralError.self) {
            try store.transition(referralID: ofS2, to: .enrolled, actor: "school S1", schoolID: "S1")
        }
        let missing = #expect(throws: ReferralError.self) {
            try store.transition(referralID: 987_654, to: .enrolled, actor: "school S1", schoolID: "S1")
        }
        #expect(foreign == .notFound(referralID: ofS2))
        #expect(missing == .notFound(referralID: 987_654))
        #expect(foreign?.description == "no referral has the id \(ofS2)")
        #expect(try county.snapshot() == before)
        #expect(try store.show(ofS2, schoolID: "S1") == nil)
        #expect(try store.show(ofS2, schoolID: "S2")?.referral.schoolID == "S2")
        #expect(try store.transition(referralID: ofS2, to: .enrolled, actor: "school S2", schoolID: "S2").status == .enrolled)
    }

    @Test func aSchoolCannotSeeOrMoveItsReferralsBeforeTheyAreSent() throws {
        let county = try ReferralFixture("referraldraft")
        let store = ReferralStore(connection: county.connection, region: .local)
        try store.createReferrals(run: county.run, assignee: "a", actor: "a")
        let draft = try #require(try county.referralIDs()["ST03"])
        try store.transition(referralID: draft, to: .approved, actor: "a")
        let before = try county.snapshot()
        let error = #expect(throws: ReferralError.self) {
            try store.transition(referralID: draft, to: .enrolled, actor: "school S2", schoolID: "S2")
        }
        #expect(error == .notFound(referralID: draft))
        #expect(try store.show(draft, schoolID: "S2") == nil)
        #expect(try county.snapshot() == before)
        try store.transition(referralID: draft, to: .sent, actor: "a")
        #expect(try store.transition(referralID: draft, to: .acknowledged, actor: "school S2", schoolID: "S2").status == .acknowledged)
    }

    @Test func listFiltersBySchoolStatusRunAndIDs() throws {
        let county = try ReferralFixture("referrallist")
        let store = ReferralStore(connection: county.connection, region: .local)
        try store.createReferrals(run: county.run, assignee: "a", actor: "a")
        try store.transition(referralID: try #require(try county.referralIDs()["ST02"]), to: .approved, actor: "a")
        #expect(try store.list(.init(schoolID: "S1")).map(\.studentID) == ["ST01", "ST02"])
        #expect(try store.list(.init(status: .approved)).map(\.studentID) == ["ST02"])
        #expect(try store.list(.init(schoolID: "S2", status: .proposed)).map(\.studentID) == ["ST03", "ST05"])
        #expect(try store.list(.init(runID: RunID(county.run.rawValue + 1))).isEmpty)
        let ids = try county.referralIDs()
        let chosen: [ReferralID] = try [#require(ids["ST03"]), #require(ids["ST01"]), 999_999]
        #expect(try store.list(.init(ids: chosen)).map(\.studentID) == ["ST01", "ST03"])
        #expect(try store.list(.init(ids: [])).isEmpty)
    }
}
