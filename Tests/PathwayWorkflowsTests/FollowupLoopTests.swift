import Foundation
import PathwayCore
import PathwayStorage
import PathwayTestSupport
import PathwayWorkflows
import PostgresClient
import Testing

/// The follow-up loop on the Seeds county against a real database: a run, declines with
/// reasons, contacts, a follow-up run, days passing, a school's list, the period report.
@Suite("Workflows: the follow-up loop")
struct FollowupLoopTests {
    static func day(_ base: CalendarDate, plus days: Int) throws -> CalendarDate { try #require(base.adding(days: days)) }

    /// A run whose referrals are all sent.
    static func sentCounty(_ name: String) throws -> (Workspace, MatchRunRecord, [Referral]) {
        let workspace = try SeedsCounty.workspace(name)
        let run = try MatchRunJob(settings: try MatchSettings(strategy: .optimal)).run(in: workspace)
        try ReferralCreationJob(runID: run.runID, assignee: "王老师").run(in: workspace)
        let selection = ReferralStore.Filter(runID: run.runID)
        let approved = try ReferralMoveJob(referralIDs: [], selection: selection, to: .approved).run(in: workspace)
        #expect(approved.count == run.placedCount)
        let sent = try ReferralMoveJob(referralIDs: [], selection: selection, to: .sent).run(in: workspace)
        return (workspace, run, sent)
    }

    @Test("nobody is placed again where they declined or did not show, and explain says why")
    func neverBackWhereTheySaidNo() throws {
        let (workspace, run, sent) = try Self.sentCounty("loop_refusal")
        defer { workspace.close() }
        // A second run made before anybody said no: the same placements.
        let earlier = try MatchRunJob(settings: try MatchSettings(strategy: .optimal)).run(in: workspace)
        let refusing = Array(sent.prefix(40))
        let declined = Array(refusing.prefix(30))
        let absent = Array(refusing.suffix(10))
        try ReferralMoveJob(referralIDs: declined.map(\.id), to: .declined, note: "家长希望就近读书", reason: .too_far).run(in: workspace)
        try ReferralMoveJob(referralIDs: absent.map(\.id), to: .no_show).run(in: workspace)
        // A withdrawn referral excludes nothing.
        let withdrawn = try #require(sent.dropFirst(40).first)
        try ReferralMoveJob(referralIDs: [withdrawn.id], to: .withdrawn, note: "数据有误").run(in: workspace)

        let followup = try MatchRunJob(settings: try MatchSettings(strategy: .optimal), onlyFollowup: true).run(in: workspace)
        let placed = try workspace.connection.query(
            "SELECT student_id, program_id FROM assignments WHERE run_id = $1 AND program_id IS NOT NULL", [followup.runID])
        var placedIn: [String: String] = [:]
        for row in placed.rows { placedIn[try row.decode("student_id")] = try row.decode("program_id") }
        for referral in refusing { #expect(placedIn[referral.studentID] != referral.programID, "\(referral.studentID)") }
        let candidates = try workspace.connection.query(
            "SELECT student_id, program_id FROM candidates WHERE run_id = $1", [followup.runID])
        let pairs = Set(try candidates.rows.map { "\(try $0.decode("student_id", as: String.self))|\(try $0.decode("program_id", as: String.self))" })
        for referral in refusing { #expect(!pairs.contains("\(referral.studentID)|\(referral.programID)")) }

        let first = try #require(declined.first)
        let explained = try MatchExplainJob(runID: followup.runID, studentID: first.studentID).run(in: workspace)
        let missing = try #require(explained.explanation.nonCandidates.first { $0.explanation.programID == first.programID })
        guard case .ineligible(let reasons) = missing.reason, case .refused(let refusal) = reasons.first else {
            Issue.record("the declined programme is not explained as refused: \(missing.reason)")
            return
        }
        #expect(refusal.reason == .too_far && refusal.referenceNumber == first.referenceNumber)
        #expect(missing.sentences(language: .chinese).first?.contains("拒绝了这个专业（路远）") == true)
        // Explaining the first run: the refusal came later and does not count there.
        let original = try MatchExplainJob(runID: run.runID, studentID: first.studentID).run(in: workspace)
        #expect(original.explanation.placedProgramID == first.programID)
        #expect(original.warnings.isEmpty)

        // Referring the run made before they said no skips the refused placements.
        let again = try ReferralCreationJob(runID: earlier.runID, assignee: "王老师").run(in: workspace)
        #expect(again.refusedBefore == refusing.count)
        #expect(try workspace.referrals.list(.init(runID: earlier.runID)).allSatisfy { new in
            !refusing.contains { $0.studentID == new.studentID && $0.programID == new.programID }
        })
    }

    @Test("a student's story: runs, referrals with every change and reason, contacts, the responsible person")
    func theWholeStory() throws {
        let (workspace, run, sent) = try Self.sentCounty("loop_story")
        defer { workspace.close() }
        let referral = try #require(sent.first)
        let student = try #require(try workspace.directory.student(id: referral.studentID))
        let school = try #require(student.juniorSchool)
        let assigned = try AssignJob(selection: .init(juniorSchool: school), person: "李老师").run(in: workspace)
        #expect(assigned.students > 0 && assigned.openReferrals == assigned.students)
        #expect(try workspace.referrals.referral(referral.id)?.assignee == "李老师")
        try ReferralMoveJob(referralIDs: [referral.id], to: .declined, note: "想去广东打工", reason: .migrant_work).run(in: workspace)
        let at = Date(timeIntervalSinceNow: -3600)
        try ContactJob(studentID: student.id, kind: .home_visit, outcome: .considering, note: "奶奶在家", at: at).run(in: workspace)
        #expect(throws: FollowupStoreError.unknownStudents(["NOBODY"])) {
            try ContactJob(studentID: "NOBODY", kind: .phone, outcome: .reached, contactedBy: "李老师").run(in: workspace)
        }

        let story = try #require(try StudentStoryJob(studentID: student.id).run(in: workspace))
        #expect(story.responsible == "李老师")
        #expect(story.story.runs.map(\.runID) == [run.runID])
        #expect(story.story.runs.first?.programID == referral.programID)
        let history = try #require(story.story.referrals.first)
        #expect(history.events.map(\.to) == [.proposed, .approved, .sent, .declined])
        #expect(history.events.last?.reason == .migrant_work && history.events.last?.note == "想去广东打工")
        #expect(history.events.allSatisfy { $0.actor == "县教育局 王老师" })
        #expect(story.story.contacts.map(\.contactedBy) == ["李老师"])
        #expect(story.story.contacts.first?.kind == .home_visit)
        guard case .onLedger(let entry) = story.standing else {
            Issue.record("a declined student is not on the ledger")
            return
        }
        #expect(entry.reason == .declined && entry.outcomeReason == .migrant_work && entry.responsible == "李老师")

        let mine = try FollowupListJob(assignee: "李老师").run(in: workspace).entries
        #expect(mine.map(\.studentID) == [student.id])
        #expect(try FollowupListJob(assignee: "nobody").run(in: workspace).entries.isEmpty)
    }

    @Test("overdue after the county's days, expired after registration closes, each on its day")
    func daysPassing() throws {
        let (workspace, _, sent) = try Self.sentCounty("loop_days")
        defer { workspace.close() }
        let today = try #require(CalendarDate.day(of: Date(), in: .current))
        let acknowledged = try #require(sent.first)
        try ReferralMoveJob(referralIDs: [acknowledged.id], to: .acknowledged).run(in: workspace)

        #expect(try OverdueReferralsJob(asOf: try Self.day(today, plus: 14)).run(in: workspace).referrals.isEmpty)
        let late = try OverdueReferralsJob(asOf: try Self.day(today, plus: 15)).run(in: workspace)
        #expect(late.referrals.count == sent.count - 1)
        #expect(late.referrals.allSatisfy { $0.overdueDays == 1 })
        #expect(!late.referrals.contains { $0.referral.id == acknowledged.id })
        let ledger = try FollowupListJob(asOf: try Self.day(today, plus: 20)).run(in: workspace).entries
        #expect(ledger.filter { $0.reason == .overdue }.count == sent.count - 1)

        try CountySettingsJob(acknowledgeDays: 30).run(in: workspace)
        #expect(try OverdueReferralsJob(asOf: try Self.day(today, plus: 20)).run(in: workspace).referrals.isEmpty)
        #expect(throws: FollowupDeadlinesError.acknowledgeDays(0)) { try CountySettingsJob(acknowledgeDays: 0).run(in: workspace) }

        // Registration closes on 20 November of the cohort's year; the day after, open referrals expire.
        let cohort = try SeedsCounty.nextCohort()
        let closes = try #require(CalendarDate(year: cohort, month: 11, day: 20))
        let onTheDay = try FollowupListJob(asOf: closes).run(in: workspace).entries
        #expect(!onTheDay.contains { $0.reason == .expired })
        let after = try FollowupListJob(asOf: try Self.day(closes, plus: 1)).run(in: workspace).entries
        #expect(after.filter { $0.reason == .expired }.count == sent.count)
        #expect(after.filter { $0.reason == .expired }.allSatisfy { $0.outcomeReason == .registration_closed })
        // Looking ahead records nothing; the day itself does.
        #expect(try workspace.referrals.list(.init(status: .expired)).isEmpty)
        let expired = try ExpiryJob(today: FollowupDay(day: try Self.day(closes, plus: 1), deadlines: .standard)).run(in: workspace)
        #expect(expired.count == sent.count)
        let history = try #require(try workspace.referrals.show(acknowledged.id))
        #expect(history.events.last?.to == .expired && history.events.last?.reason == .registration_closed)
        #expect(history.events.last?.note?.contains("\(closes)") == true)
        // Back on the ledger, and a follow-up run matches them again.
        #expect(try workspace.ledger.studentIDs(on: try Self.day(closes, plus: 1), deadlines: .standard).count >= sent.count)
    }

    @Test("a school's list of outcomes is recorded whole, or not at all with every bad row named")
    func aSchoolsList() throws {
        let (workspace, _, sent) = try Self.sentCounty("loop_outcomes")
        defer { workspace.close() }
        let school = try #require(sent.first?.schoolID)
        let theirs = sent.filter { $0.schoolID == school }
        #expect(theirs.count >= 3)
        let other = try #require(sent.first { $0.schoolID != school })
        var csv = "学生编号,结果,原因,备注\n"
        csv += "\(theirs[0].studentID),已报到,,9月1日报到\n"
        csv += "\(theirs[1].studentID),未报到,联系不上,\n"
        csv += "\(other.studentID),已报到,,\n"
        let bad = OutcomesFileJob(bytes: Array(csv.utf8), fileName: "报到名单.csv", schoolID: school)
        #expect {
            try bad.run(in: workspace)
        } throws: { error in
            guard case WorkflowError.outcomeRows(_, let problems) = error else { return false }
            return problems.map(\.line) == [4]
        }
        #expect(try workspace.referrals.referral(theirs[0].id)?.status == .sent)

        // Rows name the student by id, or the referral by its 转介号.
        csv = "学生编号,转介号,结果,原因,备注\n"
        csv += "\(theirs[0].studentID),,已报到,,9月1日报到\n\(theirs[1].studentID),,未报到,联系不上,\n"
        csv += ",\(theirs[2].referenceNumber),拒绝,路远,\n"
        let good = OutcomesFileJob(bytes: Array(csv.utf8), fileName: "报到名单.csv", schoolID: school)
        let done = try good.run(in: workspace)
        #expect(done.moved.map(\.status) == [.enrolled, .no_show, .declined])
        // The same list again changes nothing.
        #expect(try good.run(in: workspace).unchanged == 3)
        #expect(try workspace.referrals.show(theirs[2].id)?.events.last?.reason == .too_far)
    }

    @Test("the period report's figures add up, per school, junior school and township")
    func thePeriodReport() throws {
        let (workspace, _, sent) = try Self.sentCounty("loop_period")
        defer { workspace.close() }
        try ReferralMoveJob(referralIDs: sent.prefix(20).map(\.id), to: .enrolled).run(in: workspace)
        try ReferralMoveJob(referralIDs: sent.dropFirst(20).prefix(10).map(\.id), to: .declined, reason: .cost).run(in: workspace)
        try ContactJob(studentID: sent[25].studentID, kind: .phone, outcome: .refused, contactedBy: "王老师").run(in: workspace)
        let today = try #require(CalendarDate.day(of: Date(), in: .current))
        let (figures, _) = try PeriodReportJob(
            from: try Self.day(today, plus: -30), to: today, format: .html, language: .chinese
        ).figures(in: workspace)
        let total = figures.total
        #expect(total.referred == sent.count && total.enrolled == 20 && total.declined == 10)
        #expect(total.declinedByReason[.cost] == 10 && total.contacts == 1)
        #expect(total.stillOpen == sent.count - 30)
        for rows in [figures.bySchool, figures.byJuniorSchool, figures.byTownship] {
            #expect(rows.reduce(0) { $0 + $1.referred } == total.referred)
            #expect(rows.reduce(0) { $0 + $1.onLedger } == total.onLedger)
            #expect(rows.reduce(0) { $0 + $1.stillOpen } == total.stillOpen)
            #expect(rows.reduce(0) { $0 + $1.contacts } == total.contacts)
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("period-\(UUID().uuidString).xlsx")
        try PeriodReportJob(from: try Self.day(today, plus: -30), to: today, format: .xlsx, language: .chinese)
            .run(in: workspace, to: file.path)
        #expect(FileManager.default.fileExists(atPath: file.path))
        let audit = try workspace.connection.query("SELECT count(*) FROM audit_log WHERE action = 'report.period'")
        #expect(try audit.decode(Int.self, row: 0, column: 0) == 1)
    }

    @Test("a referral names a person: without a 班主任 or --assignee, nothing is made")
    func referralsNameAPerson() throws {
        let workspace = try SeedsCounty.workspace("loop_person")
        defer { workspace.close() }
        let run = try MatchRunJob(settings: try MatchSettings(strategy: .optimal)).run(in: workspace)
        #expect {
            try ReferralCreationJob(runID: run.runID, assignee: nil).run(in: workspace)
        } throws: { error in
            guard case ReferralError.noResponsiblePerson(let count, _) = error else { return false }
            return count == run.placedCount
        }
        #expect(try workspace.referrals.list().isEmpty)
        try AssignJob(selection: .init(cohort: try SeedsCounty.nextCohort()), person: "赵老师").run(in: workspace)
        let made = try ReferralCreationJob(runID: run.runID, assignee: nil).run(in: workspace)
        #expect(made.created == run.placedCount)
        #expect(try workspace.referrals.list().allSatisfy { $0.assignee == "赵老师" })
        // A reason code goes with an ending only.
        #expect(throws: ReferralError.reasonNotAllowed(reason: .cost, status: .approved)) {
            try ReferralMoveJob(referralIDs: made.referralIDs, to: .approved, reason: .cost).run(in: workspace)
        }
        #expect(throws: WorkflowError.statusCannotMove(from: .sent, to: .approved)) {
            try ReferralMoveJob(referralIDs: [], selection: .init(status: .sent), to: .approved).selected(in: workspace)
        }
    }
}
