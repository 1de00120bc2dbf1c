import Foundation
import PathwayCore
import PathwayImport
import PathwaySpreadsheet
@testable import PathwayStorage
import PathwayTestSupport
import PostgresClient
import Synchronization
import Testing

/// `pathway match` below the command line, against a real PostgreSQL holding the Seeds county:
/// runs stored whole and read back bit for bit, explained, compared and exported, never half
/// written, never two at once.
@Suite("Match runs in the database")
struct MatchRunTests {
    /// Seeds/ as staff would import it.
    static let seeds: ImportedCounty = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Seeds")
        func bytes(_ name: String) -> [UInt8] {
            (try? Data(contentsOf: root.appendingPathComponent(name))).map(Array.init) ?? []
        }
        return ImportedCounty(schools: bytes("schools.csv"), programs: bytes("programs.csv"), students: bytes("students.csv"))
    }()

    /// A fresh, migrated database holding the Seeds county.
    static func county(_ name: String) throws -> (ConnectionTarget, PostgresConnection) {
        try #require(seeds.students.count == 700 && seeds.diagnostics.errorCount == 0, "Seeds/ must be readable")
        let target = try TestDatabase.makeDatabase(name)
        let connection = try target.connect()
        try Migrator.bundled().migrate(connection, actor: "test")
        let importer = CountyImport(connection: connection, region: .local)
        _ = try importer.write(seeds.schools, file: ImportFileFacts(encoding: "UTF-8"), options: ImportOptions(fileName: "schools.csv", actor: "test"))
        _ = try importer.write(seeds.programs, file: ImportFileFacts(encoding: "UTF-8"), options: ImportOptions(fileName: "programs.csv", actor: "test"))
        _ = try importer.write(seeds.students, file: ImportFileFacts(encoding: "UTF-8"), options: ImportOptions(fileName: "students.csv", actor: "test"))
        return (target, connection)
    }

    /// Reads, matches and stores a run as `pathway match run` does.
    static func run(
        _ connection: PostgresConnection, _ strategy: Strategy = .stable, cohort: Int? = nil
    ) throws -> (RunID, MatchResult) {
        let inputs = try MatchInputs.load(connection, region: .local, cohort: cohort)
        let result = try Matcher(students: inputs.students, programs: inputs.programs, settings: MatchSettings(strategy: strategy)).run()
        let id = try MatchRunStore(connection: connection, region: .local).save(
            result, cohort: cohort, onlyFollowup: false, timings: ["read": 0.01], actor: "test")
        return (id, result)
    }

    static func count(_ sql: String, _ connection: PostgresConnection, _ parameters: [(any PostgresEncodable)?] = []) throws -> Int {
        try connection.query(sql, parameters).decode(Int.self, row: 0, column: 0)
    }

    // MARK: Runs

    @Test func aRunIsStoredWholeAndReadsBackBitForBit() throws {
        let (_, connection) = try Self.county("match_stored")
        let (id, result) = try Self.run(connection, cohort: 2027)
        let store = MatchRunStore(connection: connection, region: .local)
        let record = try store.run(id)
        let cohort = Self.seeds.students.filter { $0.graduationYear == 2027 }.count
        #expect(cohort > 600 && cohort < 700, "Seeds holds a few students of another cohort")
        #expect(record.studentCount == cohort)
        #expect(record.placedCount == result.placedCount)
        #expect(record.placedCount + record.unplacedCount == cohort)
        #expect(record.candidateCount == result.candidateSet.pairCount)
        #expect(record.cohort == 2027 && record.strategy == .stable && record.createdBy == "test")
        #expect(record.timings["read"] == 0.01 && (record.timings["save"] ?? -1) >= 0)
        #expect(record.schools.count == Self.seeds.schools.count)
        #expect(record.schools.reduce(0) { $0 + $1.filled } == record.placedCount)
        #expect(record.schools.reduce(0) { $0 + $1.seats } == Self.seeds.programs.reduce(0) { $0 + max(0, $1.seats) })
        #expect(try Self.count("SELECT count(*) FROM candidates WHERE run_id = $1", connection, [id]) == record.candidateCount)
        #expect(try Self.count("SELECT count(*) FROM assignments WHERE run_id = $1", connection, [id]) == cohort)
        #expect(try Self.count("SELECT count(*) FROM audit_log WHERE action = 'match.run' AND subject_id = $1", connection, [id.description]) == 1)
        // Every figure comes back as the same Double, so the stored run is the computed one.
        #expect(try store.result(of: id) == result)
        #expect(try store.runs().map(\.runID) == [id])
    }

    @Test func aRankedRunKeepsItsStudentsAndAssignsNothing() throws {
        let (_, connection) = try Self.county("match_ranked")
        let (id, result) = try Self.run(connection, .ranked)
        let record = try MatchRunStore(connection: connection, region: .local).run(id)
        #expect(record.placedCount == 0 && record.studentCount == 700 && record.meanScore == nil)
        #expect(try Self.count("SELECT count(*) FROM assignments WHERE run_id = $1 AND program_id IS NULL", connection, [id]) == 700)
        #expect(try MatchRunStore(connection: connection, region: .local).result(of: id) == result)
        #expect(throws: MatchRunError.rankedRunHasNoAssignments(id)) {
            try MatchExport(store: MatchRunStore(connection: connection, region: .local)).export(
                runID: id, table: .assignments, format: .csv, destination: "x.csv", actor: "test") { _ in }
        }
    }

    @Test func aCohortWithoutStudentsReadsNothingAndAFollowupRunSeesOnlyItsStudentsAndFreeSeats() throws {
        let (_, connection) = try Self.county("match_scope")
        #expect(try MatchInputs.load(connection, region: .local, cohort: 2019).students.isEmpty)
        let chosen = Array(Self.seeds.students.map(\.id).sorted().prefix(40))
        let scope = FollowupScope(studentIDs: chosen, freeSeats: ["P001": 3, "P002": 1])
        let inputs = try MatchInputs.load(connection, region: .local, followup: scope)
        #expect(inputs.students.map(\.id) == chosen)
        #expect(inputs.programs.count == Self.seeds.programs.count)
        #expect(inputs.programs.filter { $0.seats > 0 }.map { "\($0.id):\($0.seats)" } == ["P001:3", "P002:1"])
        let result = try Matcher(students: inputs.students, programs: inputs.programs).run()
        #expect((result.placedCount ?? 0) <= 4)
        let id = try MatchRunStore(connection: connection, region: .local).save(
            result, cohort: nil, onlyFollowup: true, timings: [:], actor: "test")
        let record = try MatchRunStore(connection: connection, region: .local).run(id)
        #expect(record.onlyFollowup && record.studentCount == 40)
        #expect(record.schools.reduce(0) { $0 + $1.seats } == 4)
    }

    // MARK: Explain

    @Test func explainingAStoredRunGivesTheStoredFigures() throws {
        let (_, connection) = try Self.county("match_explain")
        let (id, result) = try Self.run(connection)
        let store = MatchRunStore(connection: connection, region: .local)
        let stored = try store.result(of: id)
        let (inputs, missing) = try store.inputs(of: id)
        #expect(missing.isEmpty)
        let scorer = try MatchScorer(students: inputs.students, programs: inputs.programs, settings: try store.run(id).settings)
        let assignments = try #require(result.assignments)
        let placed = try #require(assignments.first { $0.programID != nil })
        let unplaced = try #require(assignments.first { $0.programID == nil })
        for studentID in [placed.studentID, unplaced.studentID] {
            let explanation = try #require(scorer.explain(studentID: studentID, in: stored))
            let rows = try store.candidates(of: id, studentID: studentID)
            #expect(rows.map(\.programID) == explanation.candidates.map(\.programID))
            #expect(rows.map(\.score) == explanation.candidates.map(\.score))
            #expect(rows.map(\.programPriority) == explanation.candidates.map(\.grades.value))
            #expect(explanation.candidates.count + explanation.nonCandidates.count == Self.seeds.programs.count)
            #expect(explanation.nonCandidates.allSatisfy { !$0.sentences(language: .english).isEmpty })
        }
        let placedExplanation = try #require(scorer.explain(studentID: placed.studentID, in: stored))
        #expect(placedExplanation.placedProgramID == placed.programID)
        #expect(placedExplanation.sentences(language: .chinese).first?.hasPrefix("录取到") == true)
        #expect(try store.includes(studentID: placed.studentID, runID: id))
        #expect(try !store.includes(studentID: "NOBODY", runID: id))
    }

    // MARK: Compare

    @Test func comparingStableWithOptimalSaysWhoMovedWhere() throws {
        let (_, connection) = try Self.county("match_compare")
        let (a, stable) = try Self.run(connection, .stable)
        let (b, optimal) = try Self.run(connection, .optimal)
        let comparison = try MatchRunComparison(MatchRunStore(connection: connection, region: .local), runA: a, runB: b)
        #expect(comparison.runA.placedCount == stable.placedCount)
        #expect(comparison.runB.placedCount == optimal.placedCount)
        #expect(comparison.inBoth == 700 && comparison.onlyInA == 0 && comparison.onlyInB == 0)
        let before = Dictionary(uniqueKeysWithValues: (stable.assignments ?? []).map { ($0.studentID, $0.programID) })
        let after = Dictionary(uniqueKeysWithValues: (optimal.assignments ?? []).map { ($0.studentID, $0.programID) })
        let differing = before.keys.filter { before[$0] != after[$0] }.sorted()
        #expect(comparison.changes.map(\.studentID) == differing)
        #expect(comparison.unchanged == 700 - differing.count)
        #expect(comparison.moved + comparison.lostSeat + comparison.gainedSeat == differing.count)
        #expect(comparison.gainedSeat - comparison.lostSeat == (optimal.placedCount ?? 0) - (stable.placedCount ?? 0))
        if let change = comparison.changes.first {
            #expect(change.fromProgramID == before[change.studentID] ?? nil)
            #expect(change.toProgramID == after[change.studentID] ?? nil)
        }
    }

    // MARK: Export

    @Test func exportsOpenInExcelAndCountEveryRow() throws {
        let (_, connection) = try Self.county("match_export")
        let (id, result) = try Self.run(connection)
        let export = MatchExport(store: MatchRunStore(connection: connection, region: .local))
        func bytes(_ table: MatchExport.Table, _ format: MatchExport.Format) throws -> [UInt8] {
            var collected: [UInt8] = []
            try export.export(runID: id, table: table, format: format, destination: "test", actor: "test") { collected += $0 }
            return collected
        }
        let candidates = try bytes(.candidates, .csv)
        #expect(Array(candidates.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let candidateText = String(decoding: candidates.dropFirst(3), as: UTF8.self)
        let candidateLines = candidateText.components(separatedBy: "\r\n")
        #expect(candidateLines.first == "student_id,program_id,student_rank,score,program_priority,interest,grades,location,distance_km")
        #expect(candidateLines.last == "")
        #expect(candidateLines.count - 2 == result.candidateSet.pairCount)
        #expect(!candidateText.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        // The exact key: the exported text reads back as the Double the assignment used.
        let first = result.candidates[0]
        let fields = candidateLines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(fields[0] == first.studentID && fields[1] == first.programID && fields[2] == "1")
        #expect(Double(fields[4]) == first.programPriority && Double(fields[3]) == first.score)

        let assignments = try bytes(.assignments, .csv)
        let assignmentLines = String(decoding: assignments.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n")
        #expect(assignmentLines.first == "student_id,program_id,school_id,score,student_rank")
        #expect(assignmentLines.count - 2 == 700)
        let unplaced = try #require(result.assignments?.first { $0.programID == nil })
        #expect(assignmentLines.contains("\(unplaced.studentID),,,,"))
        let ids = assignmentLines.dropFirst().dropLast().map { String($0.prefix { $0 != "," }) }
        #expect(ids == ids.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })

        for (table, count) in [(MatchExport.Table.candidates, result.candidateSet.pairCount), (.assignments, 700)] {
            let json = try JSONSerialization.jsonObject(with: Data(try bytes(table, .json)))
            let objects = try #require(json as? [[String: Any]])
            #expect(objects.count == count)
            #expect(objects.allSatisfy { Set($0.keys) == Set(table.columns) })
        }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try bytes(.assignments, .json))) as? [[String: Any]])
        let row = try #require(json.first { $0["student_id"] as? String == unplaced.studentID })
        #expect(row["program_id"] is NSNull)

        // A workbook for a person: Chinese headers, ids as text, every row, and the audit entry.
        let sheet = try XLSXReader().read(try bytes(.assignments, .xlsx))
        #expect(sheet.name == "第\(id)次匹配")
        #expect(sheet.rows.first?.cells == ["学生编号", "专业代码", "学校代码", "匹配分", "候选名次"])
        #expect(sheet.rows.count == 701)
        #expect(sheet.rows.dropFirst().map { $0.cells[0] } == ids)
        let placed = try #require(result.assignments?.first { $0.programID != nil })
        let placedRow = try #require(sheet.rows.first { $0.cells.first == placed.studentID })
        #expect(placedRow.cells[1] == placed.programID)
        #expect(try Self.count("SELECT count(*) FROM audit_log WHERE action = 'match.export' AND subject_id = $1", connection, [id.description]) == 6)
    }

    @Test func anUnknownRunIsAClearError() throws {
        let (_, connection) = try Self.county("match_unknown")
        let store = MatchRunStore(connection: connection, region: .local)
        #expect(throws: MatchRunError.unknownRun(42)) { try store.run(42) }
        #expect(MatchRunError.unknownRun(42).description == "there is no match run 42; `pathway match list` shows the runs")
        #expect(throws: MatchRunError.unknownRun(42)) {
            try MatchExport(store: store).export(runID: 42, table: .candidates, format: .csv, destination: "x", actor: "test") { _ in }
        }
        #expect(throws: MatchRunError.unknownRun(42)) { try MatchRunComparison(store, runA: 42, runB: 43) }
        #expect(try Self.count("SELECT count(*) FROM audit_log WHERE action = 'match.export'", connection) == 0)
    }

    // MARK: Atomicity

    /// A failed save leaves no run, no rows, no partition and no audit entry.
    static func expectNothingSaved(_ connection: PostgresConnection) throws {
        #expect(try count("SELECT count(*) FROM match_runs", connection) == 0)
        #expect(try count("SELECT count(*) FROM candidates", connection) == 0)
        #expect(try count("SELECT count(*) FROM assignments", connection) == 0)
        #expect(try count("SELECT count(*) FROM match_run_programs", connection) == 0)
        #expect(try count("SELECT count(*) FROM pg_class WHERE relname LIKE 'candidates_run_%'", connection) == 0)
        #expect(try count("SELECT count(*) FROM audit_log WHERE action = 'match.run'", connection) == 0)
    }

    @Test func aRowTheDatabaseRefusesHalfwayLeavesNoRun() throws {
        let (_, connection) = try Self.county("match_atomic_row")
        let students = Self.seeds.students.map(\.id)
        let programs = Self.seeds.programs.map { ProgramCapacity(id: $0.id, schoolID: $0.schoolID, seats: $0.seats) }
        func candidate(_ student: String, score: Double) -> Candidate {
            Candidate(studentID: student, programID: programs[0].id, studentRank: 1, score: score, programPriority: 0.5,
                      interest: 0.5, grades: 0.5, location: 0.5, distanceKm: 3)
        }
        // The 500th student's score is out of range: rows before it were already copied.
        let rows = students.sorted().enumerated().map { candidate($0.element, score: $0.offset == 499 ? 150 : 50) }
        let set = try CandidateSet(studentIDs: students, programs: programs, candidates: rows)
        let result = MatchResult(settings: .standard, candidateSet: set, placements: nil)
        #expect(throws: PostgresError.self) {
            try MatchRunStore(connection: connection, region: .local).save(result, cohort: nil, onlyFollowup: false, timings: [:], actor: "test")
        }
        try Self.expectNothingSaved(connection)

        // A programme the database does not know fails the foreign key at the attach, after every row is in.
        let unknown = programs + [ProgramCapacity(id: "P999", schoolID: "S01", seats: 5)]
        let stray = Candidate(studentID: students[0], programID: "P999", studentRank: 1, score: 50, programPriority: 0.5,
                              interest: 0.5, grades: 0.5, location: 0.5, distanceKm: 3)
        let strayResult = MatchResult(
            settings: .standard, candidateSet: try CandidateSet(studentIDs: students, programs: unknown, candidates: [stray]),
            placements: nil)
        #expect(throws: PostgresError.self) {
            try MatchRunStore(connection: connection, region: .local).save(strayResult, cohort: nil, onlyFollowup: false, timings: [:], actor: "test")
        }
        try Self.expectNothingSaved(connection)
        // The connection is usable and the next run is stored normally.
        let (id, _) = try Self.run(connection)
        #expect(try MatchRunStore(connection: connection, region: .local).runs().map(\.runID) == [id])
    }

    struct Interrupted: Error {}

    @Test func aSaveStoppedOrKilledHalfwayLeavesNoRun() throws {
        let (target, connection) = try Self.county("match_atomic_kill")
        let inputs = try MatchInputs.load(connection, region: .local)
        let result = try Matcher(students: inputs.students, programs: inputs.programs).run()
        // The writer throws in the middle of the last COPY, before the attach and the audit entry.
        #expect(throws: Interrupted.self) {
            try MatchRunStore(connection: connection, region: .local).save(
                result, cohort: nil, onlyFollowup: false, timings: [:], actor: "test") { _ in throw Interrupted() }
        }
        try Self.expectNothingSaved(connection)

        // The server process serving the save is killed mid-copy, as `kill` or a lost connection would.
        let victim = try target.connect()
        let pid = try victim.query("SELECT pg_backend_pid()").decode(Int.self, row: 0, column: 0)
        #expect(throws: (any Error).self) {
            try MatchRunStore(connection: victim, region: .local).save(
                result, cohort: nil, onlyFollowup: false, timings: [:], actor: "test"
            ) { _ in
                _ = try connection.query("SELECT pg_terminate_backend($1)", [pid])
                Thread.sleep(forTimeInterval: 0.2)
            }
        }
        try Self.expectNothingSaved(connection)
    }

    // MARK: One run at a time

    @Test func aSecondRunIsRefusedNamingTheFirstThenProceedsWhenItEnds() throws {
        let (target, first) = try Self.county("match_lock")
        let second = try target.connect()
        let alice = MatchRunLock(connection: first, region: .local)
        try alice.acquire(actor: "alice")
        do {
            try MatchRunLock(connection: second, region: .local).acquire(actor: "bob")
            Issue.record("the second run was not refused")
        } catch let error as MatchRunError {
            guard case .runInProgress(let actor, let since) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(actor == "alice")
            let started = try #require(since)
            #expect(abs(started.timeIntervalSinceNow) < 120)
            #expect(error.description.hasPrefix("another match run is in progress (started by alice at 20"))
        }
        try alice.release()
        try MatchRunLock(connection: second, region: .local).acquire(actor: "bob")
        // A run whose connection dies (killed) releases the lock with it.
        second.close()
        try alice.acquireWaiting(actor: "alice")
        try alice.release()
    }

    /// Who the waiting run was told it waits for.
    final class Holder: Sendable {
        let name = Mutex<String?>(nil)
    }

    @Test func withWaitTheSecondRunWaitsForTheFirst() async throws {
        let (target, first) = try Self.county("match_wait")
        try MatchRunLock(connection: first, region: .local).acquire(actor: "alice")
        let waitedFor = Holder()
        // A thread of its own: a task would block one of the few cooperative threads in libpq,
        // and two such tests at once would leave none to release the lock.
        let waiter = WorkerThread {
            let second = try target.connect()
            try MatchRunLock(connection: second, region: .local).acquireWaiting(actor: "bob") { holder in
                if case .runInProgress(let actor, _) = holder { waitedFor.name.withLock { $0 = actor } }
            }
            return second
        }
        // The waiter connects and asks in its own time (slowly on a loaded machine): poll for its
        // answer rather than guessing how long that takes.
        for _ in 0..<600 where waitedFor.name.withLock({ $0 }) == nil {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(waitedFor.name.withLock { $0 } == "alice")
        try MatchRunLock(connection: first, region: .local).release()
        let second = try waiter.join()
        // Now bob holds it: alice is refused, naming bob.
        #expect(throws: MatchRunError.self) { try MatchRunLock(connection: first, region: .local).acquire(actor: "alice") }
        try MatchRunLock(connection: second, region: .local).release()
    }

    @Test func aPruneWaitsForAMatchRunInProgressInsteadOfBreakingIt() async throws {
        let (target, first) = try Self.county("match_prune_waits")
        try MatchRunLock(connection: first, region: .local).acquire(actor: "alice")
        let done = Holder()
        let students = Self.seeds.students
        let importer = WorkerThread {  // a thread of its own, as in the test above
            let second = try target.connect()
            defer { second.close() }
            let summary = try CountyImport(connection: second, region: .local).write(
                Array(students.dropLast(10)), file: ImportFileFacts(encoding: "UTF-8"),
                options: ImportOptions(fileName: "students.csv", prune: true, actor: "test"))
            done.name.withLock { $0 = "pruned \(summary.pruned ?? -1)" }
        }
        // The prune waits on the run's lock; give it time to get there (it must not finish).
        try await Task.sleep(for: .milliseconds(800))
        #expect(done.name.withLock { $0 } == nil)
        #expect(try Self.count("SELECT count(*) FROM students", first) == 700)
        try MatchRunLock(connection: first, region: .local).release()
        try importer.join()
        #expect(done.name.withLock { $0 } == "pruned 10")
    }

    @Test func twoRunsSavedTogetherBothArriveWhole() async throws {
        let (target, connection) = try Self.county("match_parallel")
        let inputs = try MatchInputs.load(connection, region: .local)
        let result = try Matcher(students: inputs.students, programs: inputs.programs).run()
        let ids = try await withThrowingTaskGroup(of: RunID.self) { group in
            for actor in ["alice", "bob"] {
                group.addTask {
                    let own = try target.connect()
                    let lock = MatchRunLock(connection: own, region: .local)
                    try lock.acquireWaiting(actor: actor)
                    defer { try? lock.release() }
                    return try MatchRunStore(connection: own, region: .local).save(result, cohort: nil, onlyFollowup: false, timings: [:], actor: actor)
                }
            }
            return try await group.reduce(into: [RunID]()) { $0.append($1) }
        }
        let store = MatchRunStore(connection: connection, region: .local)
        for id in ids { #expect(try store.result(of: id) == result) }
    }
}
