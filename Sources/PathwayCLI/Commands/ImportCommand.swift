import ArgumentParser
import Foundation
import PathwayCore
import PathwayImport
import PathwayStorage

/// `pathway import schools|programs|students FILE`: spreadsheets into the database, all or
/// nothing per file.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import schools, programmes or students from a CSV file saved by Excel, WPS or the student-status system.",
        discussion: """
        Import schools first, then programmes (each names its school), then students (whose \
        wishes name programmes). Each file is checked whole before anything is written: if any \
        row is wrong, nothing is imported and every problem is listed as file:row: column: value \
        and what was expected. Importing the same or a corrected file again updates records by \
        id and never duplicates them. The formats are in docs/data-formats.md.

        Examples:
          pathway import schools Seeds/schools.csv
          pathway import students 学生名单.csv --dry-run
          pathway import students students.csv --encoding gbk --json
        """,
        subcommands: [Schools.self, Programs.self, Students.self]
    )

    struct Schools: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import schools.csv (vocational schools).")
        @OptionGroup var file: ImportFileOptions
        func run() throws { try file.run(.schools) }
    }

    struct Programs: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import programs.csv (each programme's school must already be imported).")
        @OptionGroup var file: ImportFileOptions
        func run() throws { try file.run(.programs) }
    }

    struct Students: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import students.csv (the programmes their wishes name must already be imported).")
        @OptionGroup var file: ImportFileOptions
        func run() throws { try file.run(.students) }
    }
}

/// What every `pathway import` subcommand accepts, and the import itself.
struct ImportFileOptions: ParsableArguments {
    enum Kind: String {
        case schools, programs, students
    }

    @Argument(help: ArgumentHelp("The CSV file.", valueName: "file"))
    var path: String

    @Flag(help: "Check the file and report what would change, without writing anything.")
    var dryRun = false

    @Option(help: ArgumentHelp(
        "The file's encoding: auto (UTF-8, else GB18030), utf-8, or gb18030 (also gbk).", valueName: "name"))
    var encoding = "auto"

    @Flag(help: "Remove records that are not in this file (those a match run or referral refers to are kept).")
    var prune = false

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard CSVReader.Encoding(name: encoding) != nil else {
            throw ValidationError("--encoding must be auto, utf-8 or gb18030 (gbk), not \(encoding)")
        }
    }

    func run(_ kind: Kind) throws {
        let url = URL(fileURLWithPath: path)
        let fileName = url.lastPathComponent
        let bytes: [UInt8]
        do {
            bytes = Array(try Data(contentsOf: url))
        } catch {
            throw CommandFailure("cannot read \(path): \(error.localizedDescription)")
        }
        let showProgress = Terminal.stderrIsTerminal && bytes.count > 1 << 20
        let reader = CSVReader(encoding: CSVReader.Encoding(name: encoding) ?? .auto)
        let connection = try DatabaseLocator(options: database).open()
        defer { connection.close() }
        let importer = CountyImport(connection: connection)

        if showProgress { Terminal.note("reading \(fileName) (\(bytes.count / 1_048_576) MB)") }
        let clock = ContinuousClock()
        let start = clock.now
        var summary: ImportSummary
        switch kind {
        case .schools:
            let file = SchoolFile(bytes: bytes, fileName: fileName, reader: reader)
            try check(file.diagnostics, fileName: fileName)
            summary = try importer.write(file.schools, file: facts(file.table, file.diagnostics), options: options(fileName))
        case .programs:
            let file = ProgramFile(bytes: bytes, fileName: fileName, schools: try importer.knownSchools(), reader: reader)
            try check(file.diagnostics, fileName: fileName)
            summary = try importer.write(file.programs, file: facts(file.table, file.diagnostics), options: options(fileName))
        case .students:
            // Checked and written in batches: the database takes one while the next is read.
            // A batch (about 75 KB) fits in the socket's buffer, so sending it rarely waits and
            // the server works on it while the next is checked. An error anywhere in the file
            // takes every batch back.
            let programIDs = try importer.knownProgramIDs()
            var written = 0
            summary = try importer.writeStudents(options: options(fileName)) { send in
                let file = try StudentFile(
                    bytes: bytes, fileName: fileName, programIDs: programIDs,
                    programSource: "the database (import programs.csv first)", reader: reader, batchSize: 256
                ) { batch in
                    try send(batch)
                    written += batch.count
                    if showProgress, written % 20_480 < batch.count { Terminal.note("written \(written) students") }
                }
                try check(file.diagnostics, fileName: fileName)
                return facts(file.table, file.diagnostics)
            }
        }
        summary.seconds["total"] = (clock.now - start).seconds
        report(summary)
    }

    private func options(_ fileName: String) -> ImportOptions {
        ImportOptions(fileName: fileName, dryRun: dryRun, prune: prune)
    }

    private func facts(_ table: CSVTable?, _ diagnostics: ImportDiagnostics) -> ImportFileFacts {
        ImportFileFacts(encoding: table?.encoding.rawValue ?? "", warnings: diagnostics.warningCount)
    }

    /// Prints warnings; refuses the file, listing every error, when it has any.
    private func check(_ diagnostics: ImportDiagnostics, fileName: String) throws {
        for issue in diagnostics.sorted { Terminal.note("\(issue.severity.rawValue): \(issue)") }
        if diagnostics.omittedCount > 0 { Terminal.note("... and \(diagnostics.omittedCount) more") }
        guard diagnostics.hasErrors else { return }
        if output.json {
            try Terminal.printJSON(ImportRefusal(file: fileName, errors: diagnostics.errorCount,
                                                 warnings: diagnostics.warningCount,
                                                 issues: diagnostics.sorted.map(\.description)))
        }
        let errors = diagnostics.errorCount == 1 ? "1 error" : "\(diagnostics.errorCount) errors"
        throw CommandFailure("\(fileName) has \(errors); nothing was imported")
    }

    private func report(_ summary: ImportSummary) {
        if output.json {
            do { try Terminal.printJSON(summary) } catch { Terminal.note("cannot write JSON: \(error)") }
            return
        }
        let verb = summary.dryRun ? "would import" : "imported"
        print("\(summary.file) (\(summary.encoding)): \(verb) \(summary.rows) \(summary.kind)")
        print("  inserted  \(summary.inserted)")
        print("  updated   \(summary.updated)")
        print("  unchanged \(summary.unchanged)")
        if let pruned = summary.pruned {
            print("  removed   \(pruned) not in the file" + (summary.missing > pruned
                ? " (\(summary.missing - pruned) kept: match runs or referrals refer to them)" : ""))
        } else if summary.missing > 0 {
            print("  not in this file: \(summary.missing), kept (--prune removes them)")
        }
        if summary.warnings > 0 { print("  warnings  \(summary.warnings) (listed above)") }
        if summary.dryRun { print("nothing was written (--dry-run)") }
    }
}

/// The `--json` answer when a file is refused.
private struct ImportRefusal: Encodable {
    var imported = false
    var file: String
    var errors: Int
    var warnings: Int
    var issues: [String]
}
