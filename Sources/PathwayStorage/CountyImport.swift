import PathwayCore
import PathwayImport
import PostgresClient

/// Writes validated schools, programmes or students into the database, all or nothing.
///
/// The records are copied into a temporary table and merged with one `INSERT ... ON CONFLICT`
/// that touches only rows whose values changed, so importing the same file twice changes
/// nothing and says so. Everything happens in one transaction, with the audit entry: a failure
/// anywhere leaves the database as it was. Imports take an advisory lock, so two at once
/// queue rather than interleave.
public struct CountyImport {
    public let connection: PostgresConnection
    /// The county the students belong to (the first column of their key).
    public let region: String

    /// Serialises imports (and is distinct from any other lock of Pathway's).
    static let advisoryLockKey: Int64 = 0x5041_5448_0001

    public init(connection: PostgresConnection, region: String = "local") {
        self.connection = connection
        self.region = region
    }

    /// The schools a programme may belong to, with their campus.
    public func knownSchools() throws -> ProgramFile.KnownSchools {
        let rows = try connection.query("SELECT school_id, latitude, longitude FROM schools")
        var locations: [String: Coordinate] = [:]
        for row in rows.rows {
            let id = try row.decode("school_id", as: String.self)
            if let location = Coordinate(
                latitude: try row.decode("latitude", as: Double.self), longitude: try row.decode("longitude", as: Double.self)) {
                locations[id] = location
            }
        }
        return ProgramFile.KnownSchools(locations: locations, source: "the database (import schools.csv first)")
    }

    /// The programmes a student's wish may name.
    public func knownProgramIDs() throws -> Set<String> {
        let rows = try connection.query("SELECT program_id FROM programs")
        return Set(try rows.rows.map { try $0.decode("program_id", as: String.self) })
    }

    public func write(_ schools: [School], file: ImportFileFacts, options: ImportOptions) throws -> ImportSummary {
        try write(.schools, options: options, fields: Self.fields) { send in
            try send(schools)
            return file
        }
    }

    public func write(_ programs: [Program], file: ImportFileFacts, options: ImportOptions) throws -> ImportSummary {
        try write(.programs, options: options, fields: Self.fields) { send in
            try send(programs)
            return file
        }
    }

    public func write(_ students: [Student], file: ImportFileFacts, options: ImportOptions) throws -> ImportSummary {
        try writeStudents(options: options) { send in
            try send(students)
            return file
        }
    }

    /// Writes the students `produce` hands over in batches while it reads the rest of the file,
    /// so the server takes one batch while the next is checked. `produce` returns what it found
    /// out about the file, or throws to take everything back (nothing is written then).
    public func writeStudents(
        options: ImportOptions, produce: (_ send: ([Student]) throws -> Void) throws -> ImportFileFacts
    ) throws -> ImportSummary {
        try write(.students, options: options, fields: Self.fields, produce: produce)
    }

    // MARK: Rows, in the column order of `ImportTable`

    private static func fields(_ school: School) -> [String?] {
        [
            school.id, school.name, school.county, school.address, text(school.location.latitude),
            text(school.location.longitude), school.contactName, school.contactPhone, school.contactEmail,
        ]
    }

    private static func fields(_ program: Program) -> [String?] {
        [
            program.id, program.schoolID, program.name, program.category,
            program.hollandCode?.description, String(program.seats), program.minTotalScore.map(text),
            json(program.keySubjects.map { ($0.subject, $0.weight) }), text(program.boarding),
            text(program.location.latitude), text(program.location.longitude),
            program.startDate?.description, program.description,
        ]
    }

    private static func fields(_ student: Student) -> [String?] {
        [
            student.id, student.name, student.gender?.rawValue, student.birthDate?.description,
            student.juniorSchool, student.graduationYear.map(String.init), student.township,
            text(student.home.latitude), text(student.home.longitude),
            student.totalScore.map(text), json(student.scores.map { ($0.subject, $0.score) }),
            student.hollandCode?.description, arrayLiteral(student.wishes.map(\.storedText)),
            text(student.needsBoarding), text(student.hardship), text(student.leftBehind),
            student.guardianName, student.guardianPhone, student.notes,
        ]
    }

    private func write<Record>(
        _ table: ImportTable, options: ImportOptions, fields: @escaping (Record) -> [String?],
        produce: (_ send: ([Record]) throws -> Void) throws -> ImportFileFacts
    ) throws -> ImportSummary {
        var count = 0
        var file = ImportFileFacts(encoding: "")
        let regionParameter: [(any PostgresEncodable)?] = table.regional ? [region] : []
        try connection.execute("BEGIN")
        do {
            try connection.query("SELECT pg_advisory_xact_lock($1)", [Self.advisoryLockKey])
            let clock = ContinuousClock()
            let copyStart = clock.now
            let empty = try connection.query(table.isEmpty, regionParameter).decode(Bool.self, row: 0, column: 0)
            var inserted = 0
            var updated = 0
            var missing = 0
            var pruned: Int?
            var mergeStart = copyStart
            if empty {
                // Nothing to merge with: every record is new.
                let region = table.regional ? [self.region] : []
                inserted = try connection.copyIn(table.copyDirect) { writer in
                    file = try produce { records in
                        for record in records { try writer.writeRow(region + fields(record)) }
                        count += records.count
                    }
                }
                mergeStart = clock.now
                pruned = options.prune ? 0 : nil
            } else {
                try connection.execute(table.createStaging)
                try connection.copyIn(table.copyStaging) { writer in
                    file = try produce { records in
                        for record in records { try writer.writeRow(fields(record)) }
                        count += records.count
                    }
                }
                mergeStart = clock.now
                let written = try connection.query(table.upsert, regionParameter)
                inserted = try written.decode(Int.self, row: 0, column: 0)
                updated = try written.decode(Int.self, row: 0, column: 1)
                missing = try connection.query(table.countMissing, regionParameter).decode(Int.self, row: 0, column: 0)
                if options.prune {
                    pruned = try connection.query(table.prune, regionParameter).affectedRows
                }
            }
            let mergeEnd = clock.now
            var summary = ImportSummary(
                kind: table.name, file: options.fileName, encoding: file.encoding, rows: count,
                inserted: inserted, updated: updated, unchanged: count - inserted - updated, missing: missing,
                pruned: pruned, warnings: file.warnings, dryRun: options.dryRun)
            summary.seconds = ["copy": (mergeStart - copyStart).seconds, "merge": (mergeEnd - mergeStart).seconds]
            if options.dryRun {
                try connection.execute("ROLLBACK")
                return summary
            }
            var details: [String: JSONValue] = [
                "file": .string(options.fileName), "encoding": .string(file.encoding), "rows": .integer(count),
                "inserted": .integer(inserted), "updated": .integer(updated), "unchanged": .integer(summary.unchanged),
                "missing": .integer(missing), "warnings": .integer(file.warnings),
            ]
            if let pruned { details["pruned"] = .integer(pruned) }
            try AuditLog.record(
                connection, actor: options.actor, action: "import.\(table.name)",
                region: table.regional ? region : nil, subjectType: "file", subjectID: options.fileName,
                details: details)
            try connection.execute("COMMIT")
            summary.seconds["commit"] = (clock.now - mergeEnd).seconds
            return summary
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }

    // MARK: Text forms for COPY

    /// The shortest text that reads back as the same double, so an unchanged file compares equal.
    static func text(_ value: Double) -> String { "\(value)" }

    static func text(_ value: Bool) -> String { value ? "t" : "f" }

    /// `{"math": 78}`: written directly (this runs for every row of a 100,000-row import);
    /// jsonb keeps the last of a repeated subject and sorts the keys itself.
    static func json(_ pairs: [(String, Double)]) -> String {
        var text = "{"
        for (index, (subject, value)) in pairs.enumerated() {
            if index > 0 { text += "," }
            text += "\""
            if subject.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
                text += JSONValue.string(subject).jsonText.dropFirst().dropLast()
            } else {
                text += subject
            }
            text += "\":"
            text += value.isFinite ? "\(value)" : "null"
        }
        return text + "}"
    }

    /// A PostgreSQL array literal of text elements, each quoted.
    static func arrayLiteral(_ elements: [String]) -> String {
        var text = "{"
        for (index, element) in elements.enumerated() {
            if index > 0 { text += "," }
            text += "\""
            for character in element {
                if character == "\"" || character == "\\" { text += "\\" }
                text.append(character)
            }
            text += "\""
        }
        return text + "}"
    }
}

extension Wish {
    /// How a wish is stored in `students.wishes`: the programme id, or the two-digit category code.
    public var storedText: String {
        switch self {
        case .program(let id): return id
        case .category(let code): return code
        }
    }

    /// Reads a stored wish back: two digits are a catalogue category, anything else a programme.
    public init(storedText text: String) {
        if text.utf8.count == 2, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) {
            self = .category(text)
        } else {
            self = .program(text)
        }
    }
}
