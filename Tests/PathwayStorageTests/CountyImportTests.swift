import Foundation
import PathwayCore
import PathwayImport
import PathwaySeeds
import PathwayStorage
import PathwayTestSupport
import PostgresClient
import Testing

/// `pathway import` below the command line: files read by PathwayImport, written by
/// `CountyImport`, read back by `CountyDirectory`, against a real PostgreSQL.
@Suite("Importing a county into the database")
struct CountyImportTests {
    /// A fresh, migrated database.
    private static func database(_ name: String) throws -> PostgresConnection {
        let connection = try TestDatabase.makeDatabase(name).connect()
        try Migrator.bundled().migrate(connection, actor: "test")
        return connection
    }

    private static let seeds = SeedGenerator(students: 700, programs: 30, seed: 2026).generate()

    /// Imports the three files as `pathway import` does, one at a time against the database.
    @discardableResult
    private static func importCounty(
        _ files: SeedFiles, into connection: PostgresConnection, dryRun: Bool = false, prune: Bool = false
    ) throws -> [ImportSummary] {
        let importer = CountyImport(connection: connection, region: .local)
        let schools = SchoolFile(ImportSource(bytes: Array(files.schools.utf8), fileName: "schools.csv"))
        try #require(!schools.diagnostics.hasErrors)
        let first = try importer.write(schools.schools, file: utf8, options: options("schools.csv", dryRun, prune))
        let programs = ProgramFile(
            ImportSource(bytes: Array(files.programs.utf8), fileName: "programs.csv"), schools: try importer.knownSchools())
        try #require(!programs.diagnostics.hasErrors, "\(programs.diagnostics.sorted)")
        let second = try importer.write(programs.programs, file: utf8, options: options("programs.csv", dryRun, prune))
        // Students as `pathway import` writes them: in batches, while the file is still being read.
        let lookups = StudentFile.Lookups(programs: try importer.knownPrograms(), programSource: "the database")
        var diagnostics = ImportDiagnostics()
        let third = try importer.writeStudents(options: options("students.csv", dryRun, prune)) { send in
            let file = try StudentFile(
                ImportSource(bytes: Array(files.students.utf8), fileName: "students.csv"), lookups: lookups,
                batchSize: 97, body: send)
            diagnostics = file.diagnostics
            return ImportFileFacts(encoding: "UTF-8", warnings: file.diagnostics.warningCount)
        }
        try #require(!diagnostics.hasErrors, "\(diagnostics.sorted)")
        return [first, second, third]
    }

    private static let utf8 = ImportFileFacts(encoding: "UTF-8")

    private static func options(_ file: String, _ dryRun: Bool, _ prune: Bool) -> ImportOptions {
        ImportOptions(fileName: file, dryRun: dryRun, prune: prune, actor: "test")
    }

    private static func count(_ sql: String, _ connection: PostgresConnection) throws -> Int {
        try connection.query(sql).decode(Int.self, row: 0, column: 0)
    }

    /// A re-import skips records by digest; a row changed outside the import loses its digest,
    /// so the file's values are compared in full and written back; rows without a digest (as
    /// imported before migration 0007) are compared in full, found unchanged, and get one.
    @Test func digestsNeverHideAChangeMadeOutsideTheImport() throws {
        let connection = try Self.database("import_digests")
        try Self.importCounty(Self.seeds, into: connection)
        #expect(try Self.count("SELECT count(*) FROM students WHERE import_digest IS NULL", connection) == 0)
        let first = try connection.query("SELECT student_id, name FROM students ORDER BY student_id LIMIT 1")
        let (id, original) = (try first.decode(String.self, row: 0, column: 0), try first.decode(String.self, row: 0, column: 1))
        try connection.query("UPDATE students SET name = 'Edited by hand' WHERE student_id = $1", [id])
        try connection.query("UPDATE programs SET import_digest = NULL")
        #expect(try Self.count("SELECT count(*) FROM students WHERE import_digest IS NULL", connection) == 1)
        let before = try connection.query("SELECT max(updated_at)::text FROM programs").decode(String.self, row: 0, column: 0)

        let again = try Self.importCounty(Self.seeds, into: connection)
        #expect(again[1].unchanged == 30 && again[1].updated == 0)
        #expect(again[2].updated == 1 && again[2].unchanged == 699)
        let name = try connection.query("SELECT name FROM students WHERE student_id = $1", [id])
        #expect(try name.decode(String.self, row: 0, column: 0) == original)
        let after = try connection.query("SELECT max(updated_at)::text FROM programs").decode(String.self, row: 0, column: 0)
        #expect(before == after, "a digest alone changing is not an update")
        #expect(try Self.count("SELECT count(*) FROM programs WHERE import_digest IS NULL", connection) == 0)
        #expect(try Self.count("SELECT count(*) FROM students WHERE import_digest IS NULL", connection) == 0)
    }

    @Test func seedsImportCleanlyTwiceAndTheSecondTimeChangeNothing() throws {
        let connection = try Self.database("import_twice")
        let first = try Self.importCounty(Self.seeds, into: connection)
        #expect(first.map(\.inserted) == [5, 30, 700])
        #expect(first.allSatisfy { $0.updated == 0 && $0.unchanged == 0 && $0.missing == 0 })
        let before = try connection.query("SELECT max(updated_at)::text FROM students").decode(String.self, row: 0, column: 0)

        let second = try Self.importCounty(Self.seeds, into: connection)
        #expect(second.map(\.unchanged) == [5, 30, 700])
        #expect(second.allSatisfy { $0.inserted == 0 && $0.updated == 0 })
        let after = try connection.query("SELECT max(updated_at)::text FROM students").decode(String.self, row: 0, column: 0)
        #expect(before == after, "an unchanged row must not be rewritten")
        #expect(try Self.count("SELECT count(*) FROM students", connection) == 700)
        #expect(try Self.count("SELECT count(*) FROM audit_log WHERE action LIKE 'import.%'", connection) == 6)
        let audit = try connection.query(
            "SELECT details->>'unchanged', subject_id, actor FROM audit_log WHERE action = 'import.students' ORDER BY audit_id DESC LIMIT 1")
        #expect(try audit.decode(String.self, row: 0, column: 0) == "700")
        #expect(try audit.decode(String.self, row: 0, column: 1) == "students.csv")
        #expect(try audit.decode(String.self, row: 0, column: 2) == "test")
    }

    @Test func whatIsReadBackIsWhatWasImported() throws {
        let connection = try Self.database("import_roundtrip")
        try Self.importCounty(Self.seeds, into: connection)
        let county = ImportedCounty(
            schools: Array(Self.seeds.schools.utf8), programs: Array(Self.seeds.programs.utf8),
            students: Array(Self.seeds.students.utf8))
        let directory = CountyDirectory(connection: connection, region: .local)
        #expect(try directory.schools() == county.schools.sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) })
        #expect(try directory.programs() == county.programs.map(Self.sortedSubjects).sorted { $0.id < $1.id })
        let stored = try directory.students()
        let expected = county.students.map(Self.sortedSubjects).sorted { $0.id < $1.id }
        #expect(stored.count == expected.count)
        for (a, b) in zip(stored, expected) where a != b {
            Issue.record("student \(b.id) reads back as \(a), imported as \(b)")
            break
        }
        let township = try #require(expected.first?.township)
        #expect(try directory.students(.init(township: township)).count == expected.filter { $0.township == township }.count)
        #expect(try directory.students(.init(cohort: 1999)).isEmpty)
    }

    @Test func aChangedFileUpdatesByIdAndKeepsOrPrunesMissingRows() throws {
        let connection = try Self.database("import_update")
        try Self.importCounty(Self.seeds, into: connection)
        var droppedID = ""
        let changed = try Self.editedStudents { header, rows in
            let nameColumn = try #require(header.firstIndex(of: "name"))
            rows[0][nameColumn] = "改名测试"
            droppedID = rows[1][0]
            rows.remove(at: 1)
        }

        let kept = try Self.importCounty(changed, into: connection)[2]
        #expect(kept.updated == 1 && kept.inserted == 0 && kept.unchanged == 698 && kept.missing == 1 && kept.pruned == nil)
        #expect(try Self.count("SELECT count(*) FROM students WHERE name = '改名测试'", connection) == 1)
        #expect(try Self.count("SELECT count(*) FROM students", connection) == 700)

        let pruned = try Self.importCounty(changed, into: connection, prune: true)[2]
        #expect(pruned.pruned == 1 && pruned.unchanged == 699)
        let gone = try connection.query("SELECT count(*) FROM students WHERE student_id = $1", [droppedID])
        #expect(try gone.decode(Int.self, row: 0, column: 0) == 0)
    }

    @Test func aPruneThatWouldEmptyTheTableOrRemoveMoreThanAFifthNeedsConfirmation() throws {
        let connection = try Self.database("import_prune_guard")
        try Self.importCounty(Self.seeds, into: connection)
        let importer = CountyImport(connection: connection, region: .local)
        func prune(_ students: [Student], confirmed: Bool) throws -> ImportSummary {
            try importer.write(
                students, file: Self.utf8,
                options: ImportOptions(fileName: "students.csv", prune: true, actor: "test", confirmPrune: confirmed))
        }
        // A header-only file: nothing is removed without --yes.
        #expect(throws: StorageError.self) { try prune([], confirmed: false) }
        do {
            _ = try prune([], confirmed: false)
        } catch let error as StorageError {
            #expect(error.description.hasPrefix("--prune would remove up to 700 of the 700 students (the file has 0 rows)"))
        }
        #expect(try Self.count("SELECT count(*) FROM students", connection) == 700)
        #expect(try Self.count("SELECT count(*) FROM audit_log WHERE action = 'import.students'", connection) == 1)
        // Half the county: refused too; with confirmation it goes ahead.
        let half = Array(ImportedCounty(
            schools: Array(Self.seeds.schools.utf8), programs: Array(Self.seeds.programs.utf8),
            students: Array(Self.seeds.students.utf8)).students.prefix(350))
        #expect(throws: StorageError.self) { try prune(half, confirmed: false) }
        #expect(try Self.count("SELECT count(*) FROM students", connection) == 700)
        #expect(try prune(half, confirmed: true).pruned == 350)
        #expect(try Self.count("SELECT count(*) FROM students", connection) == 350)
    }

    @Test func aDryRunWritesNothing() throws {
        let connection = try Self.database("import_dry_run")
        let summaries = try Self.importCounty(Self.seeds, into: connection, dryRun: false)
        #expect(summaries[0].inserted == 5)
        let audits = try Self.count("SELECT count(*) FROM audit_log", connection)
        let dry = try Self.editedStudents { _, rows in
            var copy = rows[0]
            copy[0] = "QLNEW0001"
            rows.append(copy)
        }
        let summary = try Self.importCounty(dry, into: connection, dryRun: true)[2]
        #expect(summary.dryRun && summary.inserted == 1 && summary.unchanged == 700)
        #expect(try Self.count("SELECT count(*) FROM students", connection) == 700)
        #expect(try Self.count("SELECT count(*) FROM audit_log", connection) == audits)
    }

    @Test func aFileWithADuplicateAtRow5AndABadTotalAtRow9IsRefusedNamingBoth() throws {
        let connection = try Self.database("import_refused")
        try Self.importCounty(Self.seeds, into: connection)
        var duplicate = ""
        let refused = try Self.editedStudents { header, rows in
            let totalColumn = try #require(header.firstIndex(of: "total_score"))
            // Spreadsheet rows: the header is row 1, so row 5 is rows[3] and row 9 is rows[7].
            duplicate = rows[1][0]
            rows[3][0] = duplicate
            rows[7][totalColumn] = "abc"
        }
        let file = StudentFile(
            ImportSource(bytes: Array(refused.students.utf8), fileName: "students.csv"),
            lookups: StudentFile.Lookups(
                programs: try CountyImport(connection: connection, region: .local).knownPrograms(), programSource: "the database"))
        #expect(file.diagnostics.errorCount == 2)
        #expect(file.diagnostics.sorted.map(\.description) == [
            "students.csv:5: student_id: \"\(duplicate)\" is also the id of row 3",
            "students.csv:9: total_score: \"abc\" is not a number",
        ])
    }

    @Test func anErrorFoundAfterSomeBatchesWereWrittenTakesThemBack() throws {
        let connection = try Self.database("import_late_error")
        try Self.importCounty(Self.seeds, into: connection)
        let before = try Self.count("SELECT count(*) FROM students", connection)
        let late = try Self.editedStudents { header, rows in
            let totalColumn = try #require(header.firstIndex(of: "total_score"))
            rows[0][1] = "先改的名字"
            rows[690][totalColumn] = "abc"
        }
        struct Refused: Error {}
        let lookups = StudentFile.Lookups(
            programs: try CountyImport(connection: connection, region: .local).knownPrograms(), programSource: "the database")
        var batches = 0
        #expect(throws: Refused.self) {
            _ = try CountyImport(connection: connection, region: .local).writeStudents(options: Self.options("students.csv", false, false)) { send in
                let file = try StudentFile(
                    ImportSource(bytes: Array(late.students.utf8), fileName: "students.csv"), lookups: lookups, batchSize: 100
                ) { batch in
                    batches += 1
                    try send(batch)
                }
                if file.diagnostics.hasErrors { throw Refused() }
                return Self.utf8
            }
        }
        #expect(batches == 6, "the batches before the error were handed out")
        #expect(try Self.count("SELECT count(*) FROM students WHERE name = '先改的名字'", connection) == 0)
        #expect(try Self.count("SELECT count(*) FROM students", connection) == before)
    }

    @Test func aFailureInTheDatabaseLeavesItAsItWas() throws {
        let connection = try Self.database("import_rollback")
        try Self.importCounty(Self.seeds, into: connection)
        let audits = try Self.count("SELECT count(*) FROM audit_log", connection)
        let before = try Self.count("SELECT count(*) FROM programs", connection)
        // The school vanished between reading the file and writing it: the foreign key refuses
        // the batch, and nothing of it (nor its audit entry) remains.
        let school = try #require(CountyDirectory(connection: connection, region: .local).schools().first)
        var programs = try CountyDirectory(connection: connection, region: .local).programs()
        programs.append(Program(id: "PNEW", schoolID: "S99", name: "新专业", category: "71", seats: 10, location: school.location))
        programs[0].seats += 1
        #expect(throws: PostgresError.self) {
            try CountyImport(connection: connection, region: .local).write(programs, file: Self.utf8, options: Self.options("programs.csv", false, false))
        }
        #expect(try Self.count("SELECT count(*) FROM programs", connection) == before)
        #expect(try Self.count("SELECT count(*) FROM programs WHERE program_id = 'PNEW'", connection) == 0)
        #expect(try Self.count("SELECT count(*) FROM audit_log", connection) == audits)
        #expect(try CountyDirectory(connection: connection, region: .local).programs()[0].seats == programs[0].seats - 1)
    }

    @Test func aFailureInTheFirstImportLeavesTheTableEmpty() throws {
        // The first import of a table copies straight into it; a refusal must still leave nothing.
        let connection = try Self.database("import_first_rollback")
        let schools = SchoolFile(ImportSource(bytes: Array(Self.seeds.schools.utf8), fileName: "schools.csv"))
        _ = try CountyImport(connection: connection, region: .local).write(schools.schools, file: Self.utf8, options: Self.options("schools.csv", false, false))
        let location = try #require(schools.schools.first?.location)
        let programs = [
            Program(id: "P1", schoolID: "S01", name: "护理", category: "72", seats: 10, location: location),
            Program(id: "P2", schoolID: "S99", name: "无校", category: "72", seats: 10, location: location),
        ]
        #expect(throws: PostgresError.self) {
            try CountyImport(connection: connection, region: .local).write(programs, file: Self.utf8, options: Self.options("programs.csv", false, false))
        }
        #expect(try Self.count("SELECT count(*) FROM programs", connection) == 0)
        #expect(try Self.count("SELECT count(*) FROM audit_log WHERE action = 'import.programs'", connection) == 0)
    }

    @Test func filesAsSpreadsheetsSaveThemImport() throws {
        let connection = try Self.database("import_encodings")
        let importer = CountyImport(connection: connection, region: .local)
        let schoolsText = "\u{FEFF}学校代码,学校名称,纬度,经度\r\nS1,\"青岚县\"\"第一\"\"职校, 东校区\",27.5,107.2\r\n"
        let schools = SchoolFile(ImportSource(bytes: Array(schoolsText.utf8), fileName: "schools.csv"))
        #expect(schools.diagnostics.sorted.isEmpty, "\(schools.diagnostics.sorted)")
        #expect(schools.table?.encoding == .utf8WithBOM)
        _ = try importer.write(schools.schools, file: Self.utf8, options: Self.options("schools.csv", false, false))
        let programs = ProgramFile(
            ImportSource(
                bytes: Array("专业代码,学校代码,专业名称,专业大类,招生人数,报到日期,报到地点,报到须带\nP1,S1,护理,72,40,2027/8/28,学校大礼堂,\"户口簿、毕业证\"\n".utf8),
                fileName: "programs.csv"),
            schools: try importer.knownSchools())
        #expect(programs.diagnostics.sorted.isEmpty, "\(programs.diagnostics.sorted)")
        _ = try importer.write(programs.programs, file: Self.utf8, options: Self.options("programs.csv", false, false))
        let programme = try #require(try CountyDirectory(connection: connection, region: .local).programs(ids: ["P1"]).first)
        #expect(programme.registration == Program.Registration(
            date: CalendarDate(year: 2027, month: 8, day: 28), place: "学校大礼堂", items: "户口簿、毕业证"))

        let studentsText = "学籍号,姓名,纬度,经度,志愿,备注\r\nQL1,王小明,27.6,107.3,P1;72,\"留守, 由祖父母照看\r\n第二行\"\r\n"
        let gb = try #require(studentsText.data(using: String.Encoding(rawValue: 0x8000_0632)))
        let students = StudentFile(
            ImportSource(bytes: [UInt8](gb), fileName: "students.csv"),
            lookups: StudentFile.Lookups(programs: try importer.knownPrograms(), programSource: "the database"))
        #expect(students.diagnostics.sorted.isEmpty, "\(students.diagnostics.sorted)")
        #expect(students.table?.encoding == .gb18030)
        let summary = try importer.write(students.students, file: Self.utf8, options: Self.options("students.csv", false, false))
        #expect(summary.inserted == 1)

        let stored = try #require(try CountyDirectory(connection: connection, region: .local).student(id: "QL1"))
        #expect(stored.name == "王小明")
        #expect(stored.notes == "留守, 由祖父母照看\r\n第二行" || stored.notes == "留守, 由祖父母照看\n第二行")
        #expect(stored.wishes == [.program("P1"), .category("72")])
        #expect(try CountyDirectory(connection: connection, region: .local).schools().first?.name == "青岚县\"第一\"职校, 东校区")
    }
}
extension CountyImportTests {
    /// The Seeds county with its students file edited as a spreadsheet would be.
    fileprivate static func editedStudents(
        _ edit: (_ header: [String], _ rows: inout [[String]]) throws -> Void
    ) throws -> SeedFiles {
        let table = try CSVReader().read(Array(seeds.students.utf8), fileName: "students.csv")
        var rows = table.rows.map(\.fields)
        try edit(table.header, &rows)
        var text = CSVTextBuilder(header: table.header)
        for row in rows { text.append(row) }
        return SeedFiles(schools: seeds.schools, programs: seeds.programs, students: text.text)
    }

    /// Subjects in byte order, as the database gives them back.
    fileprivate static func sortedSubjects(_ student: Student) -> Student {
        var copy = student
        copy.scores.sort { $0.subject.utf8.lexicographicallyPrecedes($1.subject.utf8) }
        return copy
    }

    fileprivate static func sortedSubjects(_ program: Program) -> Program {
        var copy = program
        copy.keySubjects.sort { $0.subject.utf8.lexicographicallyPrecedes($1.subject.utf8) }
        return copy
    }
}
