import Foundation
import PathwayCore
import PathwayImport
import PathwayStorage

/// `pathway import places|schools|programs|students|travel FILE`: one spreadsheet (CSV or `.xlsx`)
/// into the database, all or nothing. The file is checked whole; one error anywhere and nothing
/// is written.
public struct ImportJob: Sendable {
    /// What the file holds.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The county's gazetteer: townships and villages with coordinates.
        case places
        case schools, programs, students
        /// Measured road distances from places to campuses.
        case travel
    }

    public var kind: Kind
    /// The file's bytes and its name (for messages and the audit log).
    public var bytes: [UInt8]
    public var fileName: String
    public var encoding: CSVReader.Encoding
    /// A workbook's sheet; `nil` for the first.
    public var sheet: String?
    /// The county's own subjects, beyond the known ones, that a students file may give one
    /// column each.
    public var subjects: Set<String>
    /// Import students whose homes nobody can place, to be matched without location.
    public var allowUnplacedHomes = false
    /// Confirms a prune that would remove every record or more than a fifth of them.
    public var confirmPrune = false
    public var dryRun: Bool
    public var prune: Bool

    public init(
        kind: Kind, bytes: [UInt8], fileName: String, encoding: CSVReader.Encoding = .auto, sheet: String? = nil,
        subjects: Set<String> = [], dryRun: Bool = false, prune: Bool = false
    ) {
        self.kind = kind
        self.bytes = bytes
        self.fileName = fileName
        self.encoding = encoding
        self.sheet = sheet
        self.subjects = subjects
        self.dryRun = dryRun
        self.prune = prune
    }

    /// The job for the file at `path`.
    ///
    /// - Throws: `WorkflowError.unreadableFile` for a missing file, a folder or one without
    ///   permission, saying which.
    public init(
        kind: Kind, path: String, encoding: CSVReader.Encoding = .auto, sheet: String? = nil, subjects: Set<String> = [],
        dryRun: Bool = false, prune: Bool = false
    ) throws {
        let file = try InputFile.read(path)
        self.init(
            kind: kind, bytes: file.bytes, fileName: file.name, encoding: encoding, sheet: sheet,
            subjects: subjects, dryRun: dryRun, prune: prune)
    }

    /// Checks and writes the file.
    ///
    /// - Parameters:
    ///   - warnings: called once with the file's warnings (and errors) before anything is
    ///     written or refused, so a front end can list them.
    ///   - progress: called every 20,480 students written, for large files.
    /// - Returns: what changed (or would, with `dryRun`).
    /// - Throws: `WorkflowError.refusedFile` with every problem when the file has errors;
    ///   nothing is written then.
    public func run(
        in workspace: Workspace, warnings: (ImportDiagnostics) -> Void = { _ in }, progress: (Int) -> Void = { _ in }
    ) throws -> ImportSummary {
        let source = ImportSource(bytes: bytes, fileName: fileName, reader: CSVReader(encoding: encoding), sheet: sheet)
        let importer = CountyImport(connection: workspace.connection, region: workspace.region)
        let options = ImportOptions(
            fileName: fileName, dryRun: dryRun, prune: prune, actor: workspace.actor, confirmPrune: confirmPrune)
        func check(_ diagnostics: ImportDiagnostics) throws {
            warnings(diagnostics)
            if diagnostics.hasErrors { throw WorkflowError.refusedFile(fileName: fileName, diagnostics: diagnostics) }
        }
        func facts(_ table: CSVTable?, _ diagnostics: ImportDiagnostics) -> ImportFileFacts {
            ImportFileFacts(encoding: table?.encoding.rawValue ?? "", warnings: diagnostics.warningCount)
        }
        let start = ContinuousClock.now
        var summary: ImportSummary
        switch kind {
        case .places:
            let file = PlaceFile(source)
            try check(file.diagnostics)
            summary = try importer.write(file.places, file: facts(file.table, file.diagnostics), options: options)
        case .schools:
            let file = SchoolFile(source, places: try importer.gazetteer())
            try check(file.diagnostics)
            summary = try importer.write(file.schools, file: facts(file.table, file.diagnostics), options: options)
        case .programs:
            let file = ProgramFile(source, schools: try importer.knownSchools(), places: try importer.gazetteer())
            try check(file.diagnostics)
            summary = try importer.write(file.programs, file: facts(file.table, file.diagnostics), options: options)
        case .travel:
            let destinations = try importer.knownDestinations()
            let known = TravelFile.Known(
                places: try importer.gazetteer(), schoolIDs: destinations.schoolIDs, programIDs: destinations.programIDs)
            let file = TravelFile(source, known: known)
            try check(file.diagnostics)
            summary = try importer.write(file.routes, file: facts(file.table, file.diagnostics), options: options)
        case .students:
            // Checked and written in batches: the database takes one while the next is read.
            // A batch (about 75 KB) fits in the socket's buffer, so sending it rarely waits and
            // the server works on it while the next is checked. An error anywhere in the file
            // takes every batch back.
            let lookups = StudentFile.Lookups(
                programs: try importer.knownPrograms(), programSource: "the database (import programs.csv first)",
                places: try importer.gazetteer(), subjects: subjects, allowUnplacedHomes: allowUnplacedHomes)
            var written = 0
            summary = try importer.writeStudents(options: options) { send in
                let file = try StudentFile(source, lookups: lookups, batchSize: 256) { batch in
                    try send(batch)
                    written += batch.count
                    if written % 20_480 < batch.count { progress(written) }
                }
                try check(file.diagnostics)
                return facts(file.table, file.diagnostics)
            }
        }
        summary.seconds["total"] = (ContinuousClock.now - start).seconds
        return summary
    }
}
