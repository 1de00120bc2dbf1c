import Crypto
import PathwayCore
import PathwayImport
import PostgresClient

/// Writes validated schools, programmes or students into the database, all or nothing.
///
/// A table's first file is copied straight in. After that, each record's digest (migration
/// 0007) tells which records of a file changed: only those are copied into a temporary table
/// and merged with one `INSERT ... ON CONFLICT`, which touches only rows whose values differ,
/// so importing the same file twice changes nothing and says so, and costs little more than
/// reading the file. Everything happens in one transaction, with the audit entry: a failure
/// anywhere leaves the database as it was. Imports take an advisory lock, so two at once
/// queue rather than interleave.
public struct CountyImport {
    public let connection: PostgresConnection
    /// The county the students belong to (the first column of their key).
    public let region: Region

    /// The first key of the import lock (distinct from any other lock of Pathway's); the second
    /// is `hashtext(region)` for students, so imports of different regions' students run side
    /// by side, and 0 for schools and programmes, which every region shares.
    static let lockClass: Int32 = 0x5054_0001

    public init(connection: PostgresConnection, region: Region) {
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

    /// The ids of the schools and of the programmes a travel route may lead to.
    public func knownDestinations() throws -> (schoolIDs: Set<String>, programIDs: Set<String>) {
        let rows = try connection.query(
            "SELECT 'school' AS kind, school_id AS id FROM schools UNION ALL SELECT 'program', program_id FROM programs")
        var schools = Set<String>(), programs = Set<String>()
        for row in rows.rows {
            let id = try row.decode("id", as: String.self)
            if try row.decode("kind", as: String.self) == "school" { schools.insert(id) } else { programs.insert(id) }
        }
        return (schools, programs)
    }

    /// The programmes a student's wish may name, by id, name, school and category.
    public func knownPrograms() throws -> ProgramCatalogue {
        let rows = try connection.query(
            """
            SELECT p.program_id, p.name, p.school_id, s.name AS school_name, p.category
            FROM programs p JOIN schools s USING (school_id)
            """)
        return ProgramCatalogue(
            try rows.rows.map { row in
                ProgramCatalogue.Entry(
                    id: try row.decode("program_id"), name: try row.decode("name"), schoolID: try row.decode("school_id"),
                    schoolName: try row.decode("school_name"), category: try row.decode("category"))
            })
    }

    /// The region's gazetteer, for homes and campuses given as places.
    public func gazetteer() throws -> Gazetteer {
        let rows = try connection.query(
            "SELECT township, village, latitude, longitude FROM places WHERE region = $1 ORDER BY place_key COLLATE \"C\"",
            [region])
        return Gazetteer(
            try rows.rows.compactMap { row in
                guard let location = Coordinate(latitude: try row.decode("latitude"), longitude: try row.decode("longitude"))
                else { return nil }
                return Gazetteer.Place(township: try row.decode("township"), village: try row.decode("village"), location: location)
            })
    }

    public func write(_ schools: [School], file: ImportFileFacts, options: ImportOptions) throws -> ImportSummary {
        let region = self.region
        return try write(.schools, options: options, fields: { school, row in Self.fields(school, region: region, into: &row) }) { send in
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

    /// Writes a gazetteer file's places into the region's.
    public func write(_ places: [Gazetteer.Place], file: ImportFileFacts, options: ImportOptions) throws -> ImportSummary {
        try write(.places, options: options, fields: Self.fields) { send in
            try send(places)
            return file
        }
    }

    /// Writes a travel file's routes into the region's.
    public func write(_ routes: [TravelTable.Route], file: ImportFileFacts, options: ImportOptions) throws -> ImportSummary {
        try write(.travel, options: options, fields: Self.fields) { send in
            try send(routes)
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

    // MARK: Rows, in the column order of `ImportTable`, in binary COPY form

    private static func fields(_ school: School, region: Region, into row: inout BinaryCopyRows) {
        row.text(school.id)
        row.text(school.name)
        row.text(school.county)
        row.text(school.address)
        row.float8(school.location.latitude)
        row.float8(school.location.longitude)
        row.text(school.contactName)
        row.text(school.contactPhone)
        row.text(school.contactEmail)
        row.text(region.rawValue)
    }

    private static func fields(_ program: Program, into row: inout BinaryCopyRows) {
        row.text(program.id)
        row.text(program.schoolID)
        row.text(program.name)
        row.text(program.category)
        row.text(program.hollandCode?.description)
        row.int4(program.seats)
        row.float8(program.minTotalScore)
        row.jsonObject(program.keySubjects.lazy.map { ($0.subject, $0.weight) })
        row.bool(program.boarding)
        row.float8(program.location.latitude)
        row.float8(program.location.longitude)
        row.date(program.startDate)
        row.text(program.description)
        row.date(program.registration.date)
        row.text(program.registration.place)
        row.text(program.registration.items)
        row.int2(program.batch)
    }

    private static func fields(_ student: Student, into row: inout BinaryCopyRows) {
        row.text(student.id)
        row.text(student.name)
        row.text(student.gender?.rawValue)
        row.date(student.birthDate)
        row.text(student.juniorSchool)
        row.int4(student.graduationYear)
        row.text(student.township)
        row.float8(student.home?.latitude)
        row.float8(student.home?.longitude)
        row.float8(student.totalScore)
        // In subject order, so that the same marks in another column order store the same.
        let scores = student.scores.sorted { $0.subject.utf8.lexicographicallyPrecedes($1.subject.utf8) }
        row.textArray(scores.lazy.map(\.subject))
        row.float8Array(scores.lazy.map(\.score))
        row.text(student.hollandCode?.description)
        row.textArray(student.wishes.lazy.map(\.storedText))
        row.bool(student.needsBoarding)
        row.bool(student.hardship)
        row.bool(student.leftBehind)
        row.text(student.guardianName)
        row.text(student.guardianPhone)
        row.text(student.notes)
        row.text(student.statusNumber)
        row.text(student.village)
        row.text(student.homePlacement.rawValue)
        row.text(student.responsible)
        row.bool(student.acceptsReassignment)
    }

    private static func fields(_ route: TravelTable.Route, into row: inout BinaryCopyRows) {
        row.text(route.id)
        row.text(route.township)
        row.text(route.village)
        switch route.destination {
        case .school(let id):
            row.text(id)
            row.text(nil)
        case .program(let id):
            row.text(nil)
            row.text(id)
        }
        row.float8(route.km)
        row.float8(route.minutes)
    }

    private static func fields(_ place: Gazetteer.Place, into row: inout BinaryCopyRows) {
        row.text(place.id)
        row.text(place.township)
        row.text(place.village)
        row.float8(place.location.latitude)
        row.float8(place.location.longitude)
    }

    private func write<Record: Identifiable & Sendable>(
        _ table: ImportTable, options: ImportOptions, fields: @escaping @Sendable (Record, inout BinaryCopyRows) -> Void,
        produce: (_ send: ([Record]) throws -> Void) throws -> ImportFileFacts
    ) throws -> ImportSummary where Record.ID == String {
        var count = 0
        var file = ImportFileFacts(encoding: "")
        let regionParameter: [(any PostgresEncodable)?] = table.regional ? [region] : []
        try connection.execute("BEGIN")
        do {
            try connection.query(
                "SELECT pg_advisory_xact_lock($1::integer, CASE WHEN $2::text IS NULL THEN 0 ELSE hashtext($2::text) END)",
                [Self.lockClass, table.regional ? region : nil])
            let clock = ContinuousClock()
            let copyStart = clock.now
            // A thread of its own reads what is there, then encodes each batch, skips the
            // unchanged records and streams the rest to the server, while this one goes on
            // reading and checking the file. The connection is the sender's until it ends.
            let handoff = BatchHandoff<[Record]>(capacity: 8)
            let sender = WorkerThread { [connection, region] () throws -> CopyOutcome in
                do {
                    return try Self.copy(
                        table, region: region, over: connection, fields: fields, batches: handoff.take)
                } catch {
                    handoff.stop()
                    throw error
                }
            }
            do {
                file = try produce { records in
                    // False when the sender failed; its error is the one to report.
                    guard handoff.put(records) else { throw BatchHandoff<[Record]>.Cancelled() }
                    count += records.count
                }
                handoff.close(cancel: false)
            } catch {
                handoff.close(cancel: true)
                // Wait for the sender whatever happened: the connection is its own until it ends.
                // Its failure (a lost connection, a refused row) is what explains a stop.
                let failure = sender.failure()
                if error is BatchHandoff<[Record]>.Cancelled, let failure { throw failure }
                throw error
            }
            let sent = try sender.join()
            var inserted = sent.copiedDirectly ?? 0
            var updated = 0
            var pruned: Int?
            let mergeStart = clock.now
            if sent.copiedDirectly == nil {
                let written = try connection.query(table.upsert, regionParameter)
                inserted = try written.decode(Int.self, row: 0, column: 0)
                updated = try written.decode(Int.self, row: 0, column: 1)
            }
            let missing = sent.leftOut.sorted()
            if options.prune, !options.confirmPrune, !missing.isEmpty,
               count == 0 || Double(missing.count) > ImportOptions.pruneShare * Double(sent.stored) {
                throw StorageError.pruneNeedsConfirmation(
                    table: table.name, wouldRemove: missing.count, stored: sent.stored, fileRows: count)
            }
            if options.prune, !missing.isEmpty {
                // A match run reads what a prune would delete and refers to it when it saves:
                // wait for runs in progress (of the region, or of every region for the schools
                // and programmes they share) instead of making them fail at their end.
                try connection.query(
                    """
                    SELECT pg_advisory_xact_lock($1::integer, hashtext(r.region))
                    FROM (SELECT $2::text AS region WHERE $2::text IS NOT NULL
                          UNION SELECT DISTINCT region FROM students WHERE $2::text IS NULL
                          ORDER BY 1) r
                    """, [MatchRunLock.lockClass, table.regional ? region : nil])
            }
            if options.prune {
                pruned = missing.isEmpty
                    ? 0
                    : try connection.query(
                        table.prune, [CountyDirectory.arrayParameter(missing)] + regionParameter).affectedRows
            }
            let mergeEnd = clock.now
            var summary = ImportSummary(
                kind: table.name, file: options.fileName, encoding: file.encoding, rows: count,
                inserted: inserted, updated: updated, unchanged: count - inserted - updated, missing: missing.count,
                pruned: pruned, warnings: file.warnings, dryRun: options.dryRun)
            summary.seconds = ["copy": (mergeStart - copyStart).seconds, "merge": (mergeEnd - mergeStart).seconds]
            if options.dryRun {
                try connection.execute("ROLLBACK")
                return summary
            }
            var details: [String: JSONValue] = [
                "file": .string(options.fileName), "encoding": .string(file.encoding), "rows": .integer(count),
                "inserted": .integer(inserted), "updated": .integer(updated), "unchanged": .integer(summary.unchanged),
                "missing": .integer(missing.count), "warnings": .integer(file.warnings),
            ]
            if let pruned { details["pruned"] = .integer(pruned) }
            try AuditLog.record(
                connection, actor: options.actor, action: "import.\(table.name)",
                region: table.regional ? region : nil, subjectType: "file", subjectID: options.fileName,
                details: details)
            // Fresh statistics for the commands that follow (a match run, `referrals create`): a
            // table just filled by COPY has none, and the planner then loops where it should hash.
            if inserted + updated + (pruned ?? 0) > 0 { try connection.execute("ANALYZE \(table.name)") }
            try connection.execute("COMMIT")
            summary.seconds["commit"] = (clock.now - mergeEnd).seconds
            return summary
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }

    /// What the sender thread did: the rows copied straight into an empty table (nil when it
    /// staged changed records for the merge instead), and the stored keys the file left out.
    private struct CopyOutcome: Sendable {
        var copiedDirectly: Int?
        var leftOut: [String]
        /// How many records the table (region) held before.
        var stored: Int
    }

    /// Reads each stored record's digest, then copies the batches `next` hands over: straight
    /// into the table when it (the region) is empty, else only the records whose digest
    /// changed, into the staging table for the merge.
    private static func copy<Record: Identifiable>(
        _ table: ImportTable, region: Region, over connection: PostgresConnection,
        fields: (Record, inout BinaryCopyRows) -> Void, batches next: () throws -> [Record]?
    ) throws -> CopyOutcome where Record.ID == String {
        // Each record's digest: nil when it was not imported, or changed since.
        let existing = try connection.query(table.digests, table.regional ? [region] : [])
        var stored: [String: Int64?] = [:]
        stored.reserveCapacity(existing.rows.count)
        for row in existing.rows {
            stored[try row.decode(0, as: String.self)] = try row.decode(1, as: Int64?.self)
        }
        let empty = stored.isEmpty
        if !empty { try connection.execute(table.createStaging) }
        // The region, when the table has one, goes first (direct) or is added by the merge.
        let leadingRegion = empty && table.regional ? region : nil
        let fieldCount = table.columns.count + 1 + (leadingRegion == nil ? 0 : 1)
        let copied = try connection.copyIn(empty ? table.copyDirect : table.copyStaging) { writer in
            var rows = BinaryCopyRows()
            while let records = try next() {
                for record in records {
                    let rowStart = rows.bytes.count
                    rows.beginRow(fields: fieldCount)
                    if let leadingRegion { rows.text(leadingRegion.rawValue) }
                    let fieldsStart = rows.bytes.count
                    fields(record, &rows)
                    let digest = Self.digest(rows.bytes[fieldsStart...])
                    if let before = stored.removeValue(forKey: record.id), before == digest {
                        // Unchanged since it was imported: the server need not see it.
                        rows.removeLast(rows.bytes.count - rowStart)
                    } else {
                        rows.int8(digest)
                        try rows.send(to: &writer)
                    }
                }
            }
            rows.end()
            try rows.send(to: &writer, force: true)
        }
        return CopyOutcome(copiedDirectly: empty ? copied : nil, leftOut: Array(stored.keys), stored: existing.rows.count)
    }

    /// A record's digest: the first eight bytes of SHA-256 over its fields as sent. The same
    /// values always encode to the same bytes, so an unchanged record has an unchanged digest.
    static func digest(_ fields: ArraySlice<UInt8>) -> Int64 {
        let hash = fields.withUnsafeBytes { SHA256.hash(data: $0) }
        return hash.withUnsafeBytes { Int64(bitPattern: UInt64(bigEndian: $0.loadUnaligned(as: UInt64.self))) }
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

extension BinaryCopyRows {
    mutating func date(_ value: CalendarDate?) {
        guard let value else { return null() }
        date(year: value.year, month: value.month, day: value.day)
    }

    /// A `jsonb` object of numbers, `{"math":78}`; jsonb keeps the last of a repeated key and
    /// orders the keys itself.
    mutating func jsonObject(_ pairs: some Sequence<(String, Double)>) {
        jsonb { row in
            row.appendJSON("{")
            var first = true
            for (key, value) in pairs {
                if !first { row.appendJSON(",") }
                first = false
                row.appendJSONString(key)
                row.appendJSON(":")
                row.appendJSONNumber(value)
            }
            row.appendJSON("}")
        }
    }
}
