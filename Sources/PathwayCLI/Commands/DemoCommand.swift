import ArgumentParser
import Foundation
import PathwayCore
import PathwayImport
import PathwayLetters
import PathwayReport
import PathwayReportLoader
import PathwayStorage
import PostgresClient

/// `pathway demo`: the whole of Pathway on the fictional Seeds county, with no configuration:
/// import, two matches side by side, referrals, letters, the schools' files and the report.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run all of Pathway on the fictional Seeds county, in a database of its own.",
        discussion: """
        It never touches your data: it starts afresh each time in the database 'pathway_demo' \
        on the configured server, or on Pathway's own local PostgreSQL when nothing is \
        configured. It imports Seeds/, matches the students twice (stable, then placing as \
        many as possible), refers the second run's students, and writes the letters, each \
        school's file and the match report into --out.

        Example: pathway demo --out ~/pathway-demo
        """
    )

    @Option(help: ArgumentHelp("Folder for the demo's letters, school files and report.", valueName: "dir"))
    var out = "pathway-demo"

    @Option(help: ArgumentHelp("Folder with schools.csv, programs.csv and students.csv (default: Seeds).", valueName: "dir"))
    var seeds: String?

    @OptionGroup var database: DatabaseOptions

    static let demoDatabase = "pathway_demo"
    static let steps = 8

    func run() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let actor = AuditLog.currentUser
        step(1, "preparing a fresh database '\(Self.demoDatabase)'")
        let connection = try freshDatabase()
        defer { connection.close() }

        let folder = try seedsFolder()
        step(2, "importing the fictional county in \(folder)")
        let imported = try importSeeds(from: folder, into: connection)

        step(3, "matching \(imported.students) students to \(imported.programs) programmes, twice")
        let lock = MatchRunLock(connection: connection)
        try lock.acquire(actor: actor)
        var runs: [MatchRunRecord] = []
        for strategy in [Strategy.stable, .optimal] {
            let runID = try MatchRunCommand.perform(
                connection, settings: try MatchSettings(strategy: strategy), cohort: nil, followup: nil, actor: actor,
                showProgress: false)
            runs.append(try MatchRunStore(connection: connection).run(runID))
        }
        try lock.release()
        let (stable, optimal) = (runs[0], runs[1])

        step(4, "referring the students of run \(optimal.runID) (\(optimal.strategy.rawValue)), approved and sent")
        let store = ReferralStore(connection: connection)
        let creation = try store.createReferrals(run: Int(optimal.runID), assignee: "王老师 (guidance office)", actor: actor)
        _ = try store.transition(referralIDs: creation.referralIDs, to: .approved, actor: actor)
        _ = try store.transition(referralIDs: creation.referralIDs, to: .sent, actor: actor)

        let output = URL(fileURLWithPath: out, isDirectory: true)
        let lettersFolder = output.appendingPathComponent("letters", isDirectory: true)
        step(5, "writing \(creation.created * 2) letters (Chinese, to schools and to families)")
        let letters = try loadReferralLetters(
            LetterRenderRequest(
                selection: .run(String(optimal.runID)), language: .chinese, format: .html, kinds: LetterKind.allCases,
                counsellor: Counsellor(name: "王老师", phone: "0851-555-0100", organisation: "青岚县教育局学生资助与职业指导办公室"),
                issuedOn: try CalendarDate.today()),
            database: database, connection: connection)
        let batch = try LetterBatchWriter(renderer: try LetterRenderer())
            .write(letters, kinds: LetterKind.allCases, language: .chinese, format: .html, to: lettersFolder)

        step(6, "writing each vocational school's file of its referrals (CSV for Excel and WPS)")
        let exportsFolder = output.appendingPathComponent("exports", isDirectory: true)
        try FileManager.default.createDirectory(at: exportsFolder, withIntermediateDirectories: true)
        var exported: [(school: School, rows: Int, file: URL)] = []
        for school in try CountyDirectory(connection: connection).schools() {
            let file = exportsFolder.appendingPathComponent("\(school.id)-referrals.csv")
            let audit = SchoolReferralQuery.Audit(
                actor: actor, action: "referrals.export",
                details: ["endpoint": "pathway demo", "format": "csv", "output": .string(file.path)])
            let page = try SchoolReferralQuery(connection: connection).read(schoolID: school.id, audit: audit) { page in
                try Data(SchoolReferralFormat.csv.render(page.rows).utf8).write(to: file, options: .atomic)
            }
            exported.append((school, page.rows.count, file))
        }

        step(7, "writing the match report (run \(optimal.runID) beside run \(stable.runID))")
        let report = output.appendingPathComponent("report.html")
        let html = MatchReport.html(
            try StoredMatchReport.load(runID: optimal.runID, connection: connection),
            compare: try StoredMatchReport.load(runID: stable.runID, connection: connection))
        try Data(html.utf8).write(to: report, options: .atomic)

        step(8, "done in \(String(format: "%.1f", (clock.now - start).seconds)) s")
        print(comparison(stable, optimal))
        print("""

            Referrals: \(creation.created) made from run \(optimal.runID), approved and sent.
            Letters:   \(batch.letters.count) files in \(lettersFolder.path)/
                       all of them to print: \(batch.combined.path)
            Schools:   \(exportsFolder.path)/
            """)
        for entry in exported {
            print("           \(entry.file.lastPathComponent)  \(entry.rows) students  \(entry.school.name)")
        }
        print("""
            Report:    \(report.path)

            Try next, on the demo's database:
              pathway match explain \(optimal.runID) QL202600001\(demoDatabaseOption)
              pathway referrals list --school S01\(demoDatabaseOption)
            and on your own county (the database 'pathway'):
              pathway import schools schools.csv   (the formats: docs/data-formats.md)
            """)
    }

    private func step(_ number: Int, _ message: String) {
        Terminal.note("[\(number)/\(Self.steps)] \(message)")
    }

    /// The demo's database, dropped and made again so every demo starts from the same place.
    private func freshDatabase() throws -> PostgresConnection {
        let locator = DatabaseLocator(options: database)
        let server = try locator.target()
        let admin = try server.connect()
        defer { admin.close() }
        try admin.execute("DROP DATABASE IF EXISTS \(quotedIdentifier(Self.demoDatabase)) WITH (FORCE)")
        return try locator.open(database: Self.demoDatabase)
    }

    /// How to point other commands at the demo's database, when that can be said without
    /// printing a password.
    private var demoDatabaseOption: String {
        guard let server = try? DatabaseLocator(options: database).target(),
              !server.conninfo.contains("://"), !server.conninfo.contains("password")
        else { return "" }
        let others = server.conninfo.split(separator: " ").filter { !$0.hasPrefix("dbname=") }
        return " --database-url \"\((others + ["dbname=\(Self.demoDatabase)"]).joined(separator: " "))\""
    }

    private func importSeeds(from folder: String, into connection: PostgresConnection) throws -> (programs: Int, students: Int) {
        func bytes(_ name: String) throws -> [UInt8] {
            Array(try Data(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent(name)))
        }
        func refuse(_ diagnostics: ImportDiagnostics) throws {
            guard diagnostics.hasErrors else { return }
            throw CommandFailure(diagnostics.sorted.map(\.description).joined(separator: "\n"))
        }
        let importer = CountyImport(connection: connection)
        let options = { (name: String) in ImportOptions(fileName: name) }
        let schools = SchoolFile(bytes: try bytes("schools.csv"), fileName: "schools.csv")
        try refuse(schools.diagnostics)
        _ = try importer.write(schools.schools, file: ImportFileFacts(encoding: "UTF-8"), options: options("schools.csv"))
        let programs = ProgramFile(
            bytes: try bytes("programs.csv"), fileName: "programs.csv", schools: try importer.knownSchools())
        try refuse(programs.diagnostics)
        _ = try importer.write(programs.programs, file: ImportFileFacts(encoding: "UTF-8"), options: options("programs.csv"))
        let students = StudentFile(
            bytes: try bytes("students.csv"), fileName: "students.csv", programIDs: try importer.knownProgramIDs(),
            programSource: "programs.csv")
        try refuse(students.diagnostics)
        _ = try importer.write(students.students, file: ImportFileFacts(encoding: "UTF-8"), options: options("students.csv"))
        return (programs.programs.count, students.students.count)
    }

    private func seedsFolder() throws -> String {
        let candidates = [seeds, "Seeds", "/usr/share/pathway/Seeds"].compactMap { $0 }
        for folder in candidates where FileManager.default.fileExists(atPath: "\(folder)/students.csv") {
            return folder
        }
        throw CommandFailure("no Seeds folder found (looked in \(candidates.joined(separator: ", "))); pass --seeds DIR")
    }

    /// The two runs side by side.
    private func comparison(_ a: MatchRunRecord, _ b: MatchRunRecord) -> String {
        var table = TextTable(["", "run \(a.runID): \(a.strategy.rawValue)", "run \(b.runID): \(b.strategy.rawValue)"],
                              rightAligned: [1, 2])
        func row(_ label: String, _ value: (MatchRunRecord) -> String) { table.append([label, value(a), value(b)]) }
        row("placed") { String($0.placedCount) }
        row("unplaced") { String($0.unplacedCount) }
        row("mean score") { $0.meanScore.map { String(format: "%.1f", $0) } ?? "-" }
        row("mean distance") { $0.meanDistanceKm.map { String(format: "%.1f km", $0) } ?? "-" }
        return "\n" + table.text
    }
}
