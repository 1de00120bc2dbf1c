import Foundation
import PathwayCore
import PathwayStorage
import Testing

@Suite("Follow-up ledger")
struct FollowupLedgerTests {
    static let cohort = 2100

    static var today: CalendarDate {
        get throws { try #require(CalendarDate.day(of: Date(), in: .current)) }
    }

    static func entries(_ ledger: FollowupLedger, cohort: Int? = nil) throws -> [FollowupEntry] {
        try ledger.entries(.init(cohort: cohort), on: try today, deadlines: .standard)
    }

    /// Run 1's referrals: ST01 declined, ST02 open (sent), ST03 withdrawn, ST05 enrolled; ST04
    /// was left unplaced; ST06 and ST07 were in no run.
    static func county(_ name: String) throws -> (ReferralFixture, [String: ReferralID]) {
        let county = try ReferralFixture(name)
        // The fixture's 2026 cohort becomes one whose registration never closes while these run,
        // so that open referrals do not expire by the calendar.
        try county.connection.query("UPDATE students SET graduation_year = \(cohort) WHERE graduation_year = 2026")
        let store = ReferralStore(connection: county.connection, region: .local)
        try store.createReferrals(run: county.run, assignee: "陈老师", actor: "clerk")
        let ids = try county.referralIDs()
        let sent = ["ST01", "ST02", "ST05"].compactMap { ids[$0] }
        try store.transition(referralIDs: sent, to: .approved, actor: "clerk")
        try store.transition(referralIDs: sent, to: .sent, actor: "clerk")
        try store.transition(referralID: try #require(ids["ST01"]), to: .declined, actor: "school", note: "家长不同意")
        try store.transition(referralID: try #require(ids["ST03"]), to: .withdrawn, actor: "clerk")
        try store.transition(referralID: try #require(ids["ST05"]), to: .enrolled, actor: "school")
        return (county, ids)
    }

    @Test func listsEveryoneNoReferralHoldsWithReasonAndResponsiblePerson() throws {
        let (county, ids) = try Self.county("ledgerreasons")
        let ledger = FollowupLedger(connection: county.connection, region: .local)
        let entries = try Self.entries(ledger)
        #expect(entries.map(\.studentID) == ["ST01", "ST03", "ST04", "ST06", "ST07"])
        #expect(entries.map(\.reason) == [.declined, .withdrawn, .unplaced, .never_matched, .never_matched])
        // Nobody is named for students without a referral: never the account that ran the match.
        #expect(entries.map(\.responsible) == ["陈老师", "陈老师", nil, nil, nil])
        #expect(entries[0].referralID == ids["ST01"])
        #expect(entries[0].programID == "P1")
        #expect(entries[2].runID == county.run)
        #expect(entries.allSatisfy { $0.waitingDays == 0 })

        #expect(try Self.entries(ledger, cohort: Self.cohort).map(\.studentID) == ["ST01", "ST03", "ST04", "ST06"])
        #expect(try ledger.studentIDs(cohort: 2025, on: try Self.today, deadlines: .standard) == ["ST07"])
    }

    @Test func waitingIsCountedFromTheEventBehindTheReason() throws {
        let (county, ids) = try Self.county("ledgerwaiting")
        try county.connection.query(
            "UPDATE referral_events SET created_at = now() - interval '10 days 2 hours' WHERE referral_id = $1 AND to_status = 'declined'",
            [ids["ST01"]])
        try county.connection.query("UPDATE match_runs SET created_at = now() - interval '12 days' WHERE run_id = $1", [county.run])
        let entries = try Self.entries(FollowupLedger(connection: county.connection, region: .local), cohort: Self.cohort)
        #expect(entries.first { $0.studentID == "ST01" }?.waitingDays == 10)
        #expect(entries.first { $0.studentID == "ST04" }?.waitingDays == 12)
    }

    @Test func aLaterRunReplacesTheReasonAndRankedRunsDoNotCount() throws {
        let (county, _) = try Self.county("ledgerlaterrun")
        _ = try ReferralFixture.insertRun(county.connection, by: "ranker", strategy: "ranked", ["ST06": nil, "ST01": nil])
        let followup = try ReferralFixture.insertRun(county.connection, by: "赵主任", ["ST01": "P2", "ST04": nil, "ST03": "P1"])
        let entries = try Self.entries(FollowupLedger(connection: county.connection, region: .local), cohort: Self.cohort)
        let byStudent = Dictionary(uniqueKeysWithValues: entries.map { ($0.studentID, $0) })
        #expect(byStudent["ST01"]?.reason == .not_referred)
        #expect(byStudent["ST01"]?.runID == followup)
        #expect(byStudent["ST01"]?.responsible == "陈老师")
        #expect(byStudent["ST04"]?.reason == .unplaced)
        #expect(byStudent["ST04"]?.responsible == nil)
        #expect(byStudent["ST06"]?.reason == .never_matched)

        // Referring the follow-up run takes ST01 and ST03 off the ledger.
        try ReferralStore(connection: county.connection, region: .local).createReferrals(run: followup, assignee: "刘老师", actor: "clerk")
        #expect(try FollowupLedger(connection: county.connection, region: .local)
            .studentIDs(cohort: Self.cohort, on: try Self.today, deadlines: .standard) == ["ST04", "ST06"])
    }

    @Test func freeSeatsCountOnlyOpenAndEnrolledReferrals() throws {
        let (county, _) = try Self.county("ledgerseats")
        // P1 (2 seats): ST01 declined, ST02 open. P2 (3 seats): ST03 withdrawn, ST05 enrolled.
        #expect(try FollowupLedger(connection: county.connection, region: .local).freeSeats() == ["P1": 1, "P2": 2])
    }

    @Test func anEmptyCountyHasAnEmptyLedger() throws {
        let county = try ReferralFixture("ledgerempty")
        try county.connection.execute("DELETE FROM assignments; DELETE FROM match_runs; DELETE FROM students")
        let ledger = FollowupLedger(connection: county.connection, region: .local)
        #expect(try Self.entries(ledger).isEmpty)
        #expect(try ledger.freeSeats() == ["P1": 2, "P2": 3])
    }
}
