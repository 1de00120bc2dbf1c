import Foundation
import PathwayCore
import PathwayImport
import PathwayLetters
import PathwayStorage
import PathwayTestSupport
import PathwayWorkflows
import PostgresClient
import Testing

/// The jobs the CLI, the demo and the server share, run without any front end.
@Suite("Workflows: the jobs")
struct JobTests {
    @Test("a refused file writes nothing and names every problem")
    func refusedImportWritesNothing() throws {
        let workspace = try SeedsCounty.workspace("jobs_refused")
        defer { workspace.close() }
        let before = try workspace.directory.students().count
        let bytes = Array("student_id,name,total_score,latitude,longitude\nX1,甲,abc,27.6,110.0\nX2,乙,300,99,110.0\n".utf8)
        let job = ImportJob(kind: .students, bytes: bytes, fileName: "坏文件.csv")
        var listed: [ImportIssue] = []
        #expect(throws: WorkflowError.self) {
            try job.run(in: workspace, warnings: { listed = $0.sorted })
        }
        #expect(listed.contains { $0.row == 2 && $0.column == "total_score" && $0.value == "abc" })
        #expect(listed.contains { $0.row == 3 && $0.column == "latitude" })
        #expect(try workspace.directory.students().count == before)
    }

    @Test("a missing file and a folder are refused with the reason")
    func unreadableFiles() throws {
        #expect(throws: WorkflowError.unreadableFile(path: "/no/such/file.csv", problem: .missing)) {
            try ImportJob(kind: .schools, path: "/no/such/file.csv")
        }
        #expect(throws: WorkflowError.unreadableFile(path: "/tmp", problem: .folder)) {
            try ImportJob(kind: .schools, path: "/tmp")
        }
    }

    @Test("a run, its referrals, a school's outcome reported twice, and a follow-up run")
    func theCountyYear() throws {
        let workspace = try SeedsCounty.workspace("jobs_year")
        defer { workspace.close() }
        let run = try MatchRunJob(settings: try MatchSettings(strategy: .optimal)).run(in: workspace)
        #expect(run.studentCount == 700)
        #expect(run.placedCount > 600)
        let creation = try ReferralCreationJob(runID: run.runID, assignee: "王老师").run(in: workspace)
        #expect(creation.created == run.placedCount)
        try ReferralMoveJob(referralIDs: creation.referralIDs, to: .approved).run(in: workspace)
        let sent = try ReferralMoveJob(referralIDs: creation.referralIDs, to: .sent).run(in: workspace)
        let first = try #require(sent.first)

        let credential = try #require(try TokenStore(connection: workspace.connection)
            .authenticate(try workspace.tokens.create(schoolID: first.schoolID, label: nil, actor: "test").token))
        #expect(credential.region == .local)
        let school = Workspace(connection: workspace.connection, region: credential.region, actor: credential.actor)
        let report = SchoolOutcomeJob(referralID: first.id, outcome: .declined, note: "家长希望就近读书")
        let once = try #require(try report.run(in: school, credential: credential))
        let events = try workspace.referrals.show(first.id)?.events.count
        // A retry after a lost answer: the same referral, no second event.
        let twice = try #require(try report.run(in: school, credential: credential))
        #expect(once == twice)
        #expect(try workspace.referrals.show(first.id)?.events.count == events)
        // Another outcome on a closed referral is still refused.
        #expect(throws: ReferralError.self) {
            try SchoolOutcomeJob(referralID: first.id, outcome: .enrolled).run(in: school, credential: credential)
        }

        let followup = try MatchRunJob(settings: try MatchSettings(strategy: .optimal), onlyFollowup: true).run(in: workspace)
        #expect(followup.onlyFollowup)
        #expect(followup.studentCount == 700 - creation.created + 1)
    }

    @Test("a follow-up run with nobody on the ledger is refused and stores nothing")
    func emptyLedger() throws {
        let workspace = try SeedsCounty.workspace("jobs_empty_ledger")
        defer { workspace.close() }
        let students = try workspace.directory.students().count
        let connection = workspace.connection
        // Everyone held by an enrolled referral of a hand-made run.
        let run = try MatchRunJob(settings: try MatchSettings(strategy: .ranked)).run(in: workspace)
        try connection.query(
            """
            INSERT INTO referrals (region, reference_number, run_id, student_id, program_id, school_id, status, assignee)
            SELECT 'local', 'T-' || row_number() OVER (), $1, s.student_id,
                   (SELECT program_id FROM programs ORDER BY 1 LIMIT 1), (SELECT school_id FROM programs ORDER BY 1 LIMIT 1),
                   'enrolled', 'x'
            FROM students s
            """, [run.runID])
        #expect(students > 0)
        let runsBefore = try workspace.runs.runs().count
        #expect(throws: WorkflowError.nobodyToFollowUp(cohort: nil)) {
            try MatchRunJob(settings: .standard, onlyFollowup: true).run(in: workspace)
        }
        #expect(try workspace.runs.runs().count == runsBefore)
    }

    @Test("a letter's reasons read from the stored run are those of the run's own full explanation")
    func letterReasonsFromTheStoredRun() throws {
        let workspace = try SeedsCounty.workspace("jobs_letters")
        defer { workspace.close() }
        let run = try MatchRunJob(settings: .standard).run(in: workspace)
        let creation = try ReferralCreationJob(runID: run.runID, assignee: "王老师").run(in: workspace)
        let referrals = try workspace.referrals.list(.init(runID: run.runID))
        let (dossiers, missing) = try workspace.referrals.dossiers(referrals)
        #expect(missing.isEmpty)
        #expect(dossiers.count == creation.created)
        let snapshot = try workspace.runs.snapshot(run.runID)
        let scorer = try MatchScorer(
            students: snapshot.inputs.students, programs: snapshot.inputs.programs, settings: snapshot.record.settings)
        for dossier in dossiers {
            let stored = try #require(dossier.evidence)
            let full = try #require(scorer.explain(studentID: dossier.student.id, programID: dossier.program.id))
            #expect(stored == PairEvidence(full), "referral \(dossier.referral.id)")
            #expect(LetterReasons.sentences(for: stored, language: .chinese) == LetterReasons.sentences(for: full, language: .chinese))
        }
    }

    @Test("letters for unknown referral ids are refused, and nothing is audited")
    func lettersForUnknownReferrals() throws {
        let workspace = try SeedsCounty.workspace("jobs_letters_unknown")
        defer { workspace.close() }
        let audits = try workspace.connection.query("SELECT count(*) FROM audit_log").decode(Int.self, row: 0, column: 0)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("letters-\(UUID().uuidString)")
        let job = LetterJob(
            selection: .referrals([41, 42]), language: .chinese, format: .html, kinds: LetterKind.allCases,
            sender: LetterSender(counsellorName: "王老师", counsellorPhone: "1", office: "县教育局"),
            issuedOn: try CalendarDate.today(), folder: folder)
        #expect(throws: WorkflowError.unknownReferrals([41, 42])) { try job.run(in: workspace, renderer: try LetterRenderer()) }
        #expect(try workspace.connection.query("SELECT count(*) FROM audit_log").decode(Int.self, row: 0, column: 0) == audits)
        #expect(!FileManager.default.fileExists(atPath: folder.path))
    }

    @Test("letters that cannot be put in place leave no letter in the folder, and the failed move is audited; written, they are audited as written")
    func lettersAuditedAsWritten() throws {
        let workspace = try SeedsCounty.workspace("jobs_letters_staged")
        defer { workspace.close() }
        let run = try MatchRunJob(settings: .standard).run(in: workspace)
        _ = try ReferralCreationJob(runID: run.runID, assignee: "王老师").run(in: workspace)
        try CountyProfileJob(office: "青岚县教育局", officePhone: "0851-5550100").run(in: workspace)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("letters-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        // A folder, with something in it, where the combined print file goes.
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("combined.zh.html/keep"), withIntermediateDirectories: true)
        func audits(_ action: String = "letters.render") throws -> Int {
            try workspace.connection.query("SELECT count(*) FROM audit_log WHERE action = $1", [action])
                .decode(Int.self, row: 0, column: 0)
        }
        let job = LetterJob(
            selection: .run(run.runID), school: "S01", includeProposed: true, language: .chinese, format: .html,
            kinds: [.school], issuedOn: try CalendarDate.today(), folder: folder)
        #expect(throws: LetterFileError.self) { try job.run(in: workspace, renderer: try LetterRenderer()) }
        // The export was recorded before the move, and the failed move after it: nothing moved.
        #expect(try audits() == 1)
        let unpublished = try workspace.connection.query(
            "SELECT details->>'moved' FROM audit_log WHERE action = 'letters.unpublished'").decode(String.self, row: 0, column: 0)
        #expect(unpublished == "0")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["combined.zh.html"])

        try FileManager.default.removeItem(at: folder.appendingPathComponent("combined.zh.html"))
        let outcome = try job.run(in: workspace, renderer: try LetterRenderer())
        #expect(try audits() == 2 && audits("letters.unpublished") == 1)
        let entry = try workspace.connection.query(
            "SELECT details->>'letters' FROM audit_log WHERE action = 'letters.render' ORDER BY audit_id DESC LIMIT 1")
            .decode(String.self, row: 0, column: 0)
        #expect(entry == String(outcome.batch.letters.count))
        let onDisk = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(onDisk.count == outcome.batch.letters.count + outcome.batch.prints.count)
    }

    @Test("letters go to approved referrals, name the responsible person at the profile's number, and refuse to go without one")
    func lettersFromTheProfile() throws {
        let workspace = try SeedsCounty.workspace("jobs_letters_profile")
        defer { workspace.close() }
        let run = try MatchRunJob(settings: .standard).run(in: workspace)
        let created = try ReferralCreationJob(runID: run.runID, assignee: "王老师").run(in: workspace)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("letters-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        func letters(includeProposed: Bool = false, school: String? = nil, juniorSchool: String? = nil) throws -> LetterJob.Outcome {
            try LetterJob(
                selection: .run(run.runID), school: school, juniorSchool: juniorSchool, includeProposed: includeProposed,
                language: .chinese, format: .txt,
                kinds: [.family], issuedOn: try #require(CalendarDate(year: 2027, month: 1, day: 5)), folder: folder
            ).run(in: workspace, renderer: try LetterRenderer())
        }
        #expect(throws: WorkflowError.nothingApproved(proposed: created.created)) { try letters() }
        #expect(throws: WorkflowError.noOffice) { try letters(includeProposed: true) }
        try CountyProfileJob(office: "青岚县教育局").run(in: workspace)
        let everyReference = try workspace.referrals.list(.init(runID: run.runID)).map(\.referenceNumber)
        #expect(throws: WorkflowError.noPhone(person: "王老师", referenceNumbers: everyReference)) {
            try letters(includeProposed: true)
        }
        try CountyProfileJob(
            officePhone: "0851-5550100",
            subsidies: [Subsidy(kind: .tuition, yuanPerYear: nil, effectiveFrom: try #require(CalendarDate(year: 2026, month: 9, day: 1)))]
        ).run(in: workspace)
        let drafts = try letters(includeProposed: true, school: "S01")
        #expect(!drafts.batch.letters.isEmpty && drafts.batch.combined == nil)
        let text = try String(contentsOf: try #require(drafts.batch.letters.first).file, encoding: .utf8)
        #expect(text.contains("王老师") && text.contains("0851-5550100") && text.contains("免除学费"))
        // The school and junior-school filters choose in the database, the same letters as by hand.
        let students = Dictionary(uniqueKeysWithValues: try workspace.directory.students().map { ($0.id, $0) })
        let juniorSchool = try #require(students.values.compactMap(\.juniorSchool).min())
        let expected = try workspace.referrals.list(.init(schoolID: "S01", runID: run.runID))
            .filter { students[$0.studentID]?.juniorSchool == juniorSchool }.count
        #expect(expected > 0)
        #expect(try letters(includeProposed: true, school: "S01", juniorSchool: juniorSchool).batch.letters.count == expected)
        let audit = try workspace.connection.query("SELECT count(*) FROM audit_log WHERE action = 'county.profile'")
        #expect(try audit.decode(Int.self, row: 0, column: 0) == 2)
    }

    @Test("the tables an import, a run and `referrals create` fill have statistics at once, for the next command's plans")
    func writesLeaveStatistics() throws {
        let workspace = try SeedsCounty.workspace("jobs_statistics")
        defer { workspace.close() }
        let run = try MatchRunJob(settings: .standard).run(in: workspace)
        let created = try ReferralCreationJob(runID: run.runID, assignee: "王老师").run(in: workspace)
        // reltuples is -1 until a table is first analysed; small tables are counted exactly.
        let rows = try workspace.connection.query(
            "SELECT relname, reltuples::bigint FROM pg_class WHERE relname = ANY($1::text[]) ORDER BY relname",
            ["{students,programs,schools,assignments_run_\(run.runID),referrals}"])
        let counts = Dictionary(uniqueKeysWithValues: try rows.rows.map { (try $0.decode(0, as: String.self), try $0.decode(1, as: Int.self)) })
        #expect(counts["students"] == 700 && counts["assignments_run_\(run.runID)"] == 700)
        #expect(counts["referrals"] == created.created && (counts["programs"] ?? 0) > 0 && (counts["schools"] ?? 0) > 0)
    }

    @Test("regions do not see each other, and each has its own match lock")
    func regionsAreApart() throws {
        let target = try TestDatabase.makeDatabase("jobs_regions")
        let qinglan = try SeedsCounty.workspace(on: target, region: try #require(Region(rawValue: "qinglan")))
        defer { qinglan.close() }
        let other = Workspace(connection: qinglan.connection, region: try #require(Region(rawValue: "hekou")), actor: "test")
        #expect(try qinglan.directory.students().count == 700)
        #expect(try other.directory.students().isEmpty)
        #expect(throws: MatchRunError.noStudents(cohort: nil)) {
            try MatchRunJob(settings: .standard).run(in: other)
        }
        // Holding qinglan's lock on a second connection does not stop a run elsewhere, and
        // does stop one in qinglan.
        let second = try target.connect()
        defer { second.close() }
        let lock = MatchRunLock(connection: second, region: qinglan.region)
        try lock.acquire(actor: "someone else")
        #expect(throws: MatchRunError.self) { try MatchRunJob(settings: .standard).run(in: qinglan) }
        try MatchRunLock(connection: qinglan.connection, region: other.region).acquire(actor: "test")
        try MatchRunLock(connection: qinglan.connection, region: other.region).release()
        try lock.release()
    }
}
