import PathwayCore

/// `students.csv` read into `Student` values, every cell validated; a wish that names a
/// programme must name one of `programIDs`.
public struct StudentFile: Sendable {
    /// The students read, when read with `init(bytes:fileName:programIDs:programSource:reader:cap:)`;
    /// empty when the students were handed out in batches instead.
    public private(set) var students: [Student] = []
    public private(set) var diagnostics: ImportDiagnostics
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
    /// checked, so that a database can take one batch while the next is read.
    ///
    /// Once a row has an error, no more batches are handed out (reading goes on, to report every
    /// problem). The batches already handed out are only good if `diagnostics` has no error once
    /// this returns: the caller must be able to take them back (an import writes inside a
    /// transaction and rolls it back).
    public init(
        bytes: [UInt8], fileName: String, programIDs: Set<String>, programSource: String,
        reader: CSVReader = CSVReader(), cap: Int = 100, batchSize: Int, body: ([Student]) throws -> Void
    ) rethrows {
        diagnostics = ImportDiagnostics(cap: cap)
        let table: CSVTable
        do throws(ImportIssue) {
            table = try reader.read(bytes, fileName: fileName)
        } catch {
            self.table = nil
            diagnostics.report(error)
            return
        }
        self.table = table
        try read(table, programIDs: programIDs, programSource: programSource, batchSize: max(1, batchSize), body: body)
    }

    private mutating func read(
        _ table: CSVTable, programIDs: Set<String>, programSource: String, batchSize: Int,
        body: ([Student]) throws -> Void
    ) rethrows {
        diagnostics.report(contentsOf: table.issues)
        let mapping = HeaderMapping<StudentColumn>(table: table)
        diagnostics.report(contentsOf: mapping.issues)
        var firstRow: [String: Int] = [:]
        var batch: [Student] = []
        batch.reserveCapacity(min(batchSize, table.rows.count))
        for row in table.rows {
            let record = mapping.record(row)
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
                diagnostics.report(record.issue(.wishes, value: program, message: "is not a programme in \(programSource)"))
            }
            guard let id, let name, let latitude, let longitude,
                  let home = Coordinate(latitude: latitude, longitude: longitude)
            else { continue }
            if let first = firstRow[id] {
                diagnostics.report(record.issue(.studentID, value: id, message: "is also the id of row \(first)"))
            } else {
                firstRow[id] = record.number
            }
            batch.append(
                Student(
                    id: id, name: name, gender: gender, birthDate: birth, juniorSchool: record.text(.school),
                    graduationYear: year, township: record.text(.township), home: home, totalScore: total,
                    scores: scores ?? [], hollandCode: holland, wishes: wishes,
                    needsBoarding: boarding ?? false, hardship: hardship ?? false,
                    leftBehind: leftBehind ?? false, guardianName: record.text(.guardianName),
                    guardianPhone: record.text(.guardianPhone), notes: record.text(.notes)))
            if batch.count == batchSize {
                if !diagnostics.hasErrors { try body(batch) }
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty, !diagnostics.hasErrors { try body(batch) }
    }
}
