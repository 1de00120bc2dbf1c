import PathwayCore

/// `students.csv` read into `Student` values, every cell validated; a wish that names a
/// programme must name one of `programIDs`.
public struct StudentFile: Sendable {
    /// The students read, when read with `init(bytes:fileName:programIDs:programSource:reader:cap:)`;
    /// empty when the students were handed out in batches instead.
    public private(set) var students: [Student] = []
    public private(set) var diagnostics: ImportDiagnostics
    /// The file's header, encoding and reading issues, or nil when it could not be read at all.
    /// Its `rows` are empty: each record is checked as it is read and then let go.
    public let table: CSVTable?

    /// Reads the whole file into `students`.
    ///
    /// - Parameters:
    ///   - programIDs: the programmes a wish may name.
    ///   - programSource: where those come from, for the error message.
    public init(
        bytes: [UInt8], fileName: String, programIDs: Set<String>, programSource: String,
        reader: CSVReader = CSVReader(), cap: Int = 100
    ) {
        var all: [Student] = []
        self.init(
            bytes: bytes, fileName: fileName, programIDs: programIDs, programSource: programSource, reader: reader,
            cap: cap, batchSize: 1 << 16
        ) { all.append(contentsOf: $0) }
        students = all
    }

    /// Reads the file and hands the valid students to `body` in batches as soon as they are
    /// checked, so that a database can take one batch while the next is read: the file is
    /// parsed record by record, so the first batch leaves after its last row, not the file's.
    ///
    /// Once a row has an error, no more batches are handed out (reading goes on, to report every
    /// problem). The batches already handed out are only good if `diagnostics` has no error once
    /// this returns: the caller must be able to take them back (an import writes inside a
    /// transaction and rolls it back). An error thrown by `body` stops the reading and is
    /// rethrown.
    public init<Failure: Error>(
        bytes: [UInt8], fileName: String, programIDs: Set<String>, programSource: String,
        reader: CSVReader = CSVReader(), cap: Int = 100, batchSize: Int,
        body: ([Student]) throws(Failure) -> Void
    ) throws(Failure) {
        // Room for every id from the start (a student takes some 240 bytes of a file).
        var checker = RowChecker(
            programIDs: programIDs, programSource: programSource, cap: cap, expectedRows: bytes.count / 200)
        let batchSize = max(1, batchSize)
        var batch: [Student] = []
        batch.reserveCapacity(batchSize)
        var failure: Failure?
        func hand(_ students: [Student]) -> Bool {
            guard !checker.diagnostics.hasErrors else { return true }
            do throws(Failure) {
                try body(students)
                return true
            } catch {
                failure = error
                return false
            }
        }
        let table: CSVTable
        do throws(ImportIssue) {
            table = try reader.read(bytes, fileName: fileName) { row, header in
                if checker.mapping == nil {
                    checker.map(HeaderMapping(header: header.fields, fileName: fileName, headerRow: header.row))
                }
                guard let student = checker.check(row) else { return true }
                batch.append(student)
                guard batch.count == batchSize else { return true }
                defer { batch.removeAll(keepingCapacity: true) }
                return hand(batch)
            }
        } catch {
            self.table = nil
            diagnostics = checker.diagnostics
            diagnostics.report(error)
            return
        }
        if let failure { throw failure }
        if checker.mapping == nil {
            // A header and no rows: the header's own issues (a missing required column) still count.
            checker.map(HeaderMapping(table: table))
        }
        checker.diagnostics.report(contentsOf: table.issues)
        if !batch.isEmpty, !hand(batch), let failure { throw failure }
        self.table = table
        diagnostics = checker.diagnostics
    }
}

/// Checks one record of `students.csv` after another, remembering ids for duplicates.
private struct RowChecker {
    let programIDs: Set<String>
    let programSource: String
    /// `programSource` for the Chinese message.
    let chineseProgramSource: (place: String, note: String)
    var diagnostics: ImportDiagnostics
    private(set) var mapping: HeaderMapping<StudentColumn>?
    /// Each id's first row, for the error on a second.
    private var firstRow: [String: Int] = [:]

    init(programIDs: Set<String>, programSource: String, cap: Int, expectedRows: Int) {
        self.programIDs = programIDs
        self.programSource = programSource
        chineseProgramSource = ImportIssue.chineseSource(programSource)
        diagnostics = ImportDiagnostics(cap: cap)
        firstRow.reserveCapacity(min(max(expectedRows, 16), 1 << 22))
    }

    mutating func map(_ mapping: HeaderMapping<StudentColumn>) {
        self.mapping = mapping
        diagnostics.report(contentsOf: mapping.issues)
    }

    /// The row's student, or nil (with the errors in `diagnostics`) when a cell is wrong.
    mutating func check(_ row: CSVRow) -> Student? {
        guard let mapping else { return nil }
        let record = CSVRecord(row: row, mapping: mapping)
        let id = record.required(.studentID, ValueParser.identifier, into: &diagnostics)
        let name = record.required(.name, { .success($0) }, into: &diagnostics)
        let latitude = record.required(.latitude, ValueParser.latitude, into: &diagnostics)
        let longitude = record.required(.longitude, ValueParser.longitude, into: &diagnostics)
        let gender = record.value(.gender, ValueParser.gender, into: &diagnostics)
        let birth = record.value(.birthDate, ValueParser.date, into: &diagnostics)
        let year = record.value(.graduationYear, ValueParser.graduationYear, into: &diagnostics)
        let total = record.value(.totalScore, ValueParser.nonNegativeNumber, into: &diagnostics)
        let scores = record.value(.scores, ValueParser.subjectScores, into: &diagnostics)
        let holland = record.value(.hollandCode, ValueParser.hollandCode, into: &diagnostics)
        let wishes = record.value(.wishes, ValueParser.wishes, into: &diagnostics) ?? []
        let boarding = record.value(.needsBoarding, ValueParser.boolean, into: &diagnostics)
        let hardship = record.value(.hardship, ValueParser.boolean, into: &diagnostics)
        let leftBehind = record.value(.leftBehind, ValueParser.boolean, into: &diagnostics)
        for case .program(let program) in wishes where !programIDs.contains(program) {
            diagnostics.report(
                record.issue(
                    .wishes, value: program, message: "is not a programme in \(programSource)",
                    chineseMessage: "不是\(chineseProgramSource.place)里的专业\(chineseProgramSource.note)"))
        }
        guard let id, let name, let latitude, let longitude,
              let home = Coordinate(latitude: latitude, longitude: longitude)
        else { return nil }
        if let first = firstRow[id] {
            diagnostics.report(
                record.issue(
                    .studentID, value: id, message: "is also the id of row \(first)",
                    chineseMessage: "与第\(first)行的编号重复"))
        } else {
            firstRow[id] = record.number
        }
        return Student(
            id: id, name: name, gender: gender, birthDate: birth, juniorSchool: record.text(.school),
            graduationYear: year, township: record.text(.township), home: home, totalScore: total,
            scores: scores ?? [], hollandCode: holland, wishes: wishes,
            needsBoarding: boarding ?? false, hardship: hardship ?? false,
            leftBehind: leftBehind ?? false, guardianName: record.text(.guardianName),
            guardianPhone: record.text(.guardianPhone), notes: record.text(.notes))
    }
}
