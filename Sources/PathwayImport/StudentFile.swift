import PathwayCore

/// `students.csv` read into `Student` values, every cell validated; a wish that names a
/// programme must name one of `programIDs`.
public struct StudentFile: Sendable {
    public private(set) var students: [Student] = []
    public private(set) var diagnostics: ImportDiagnostics
    public let table: CSVTable?

    /// - Parameters:
    ///   - programIDs: the programmes a wish may name.
    ///   - programSource: where those come from, for the error message.
    public init(
        bytes: [UInt8], fileName: String, programIDs: Set<String>, programSource: String,
        reader: CSVReader = CSVReader(), cap: Int = 100
    ) {
        diagnostics = ImportDiagnostics(cap: cap)
        do throws(ImportIssue) {
            let table = try reader.read(bytes, fileName: fileName)
            self.table = table
            read(table, programIDs: programIDs, programSource: programSource)
        } catch {
            table = nil
            diagnostics.report(error)
        }
    }

    private mutating func read(_ table: CSVTable, programIDs: Set<String>, programSource: String) {
        diagnostics.report(contentsOf: table.issues)
        let mapping = HeaderMapping<StudentColumn>(table: table)
        diagnostics.report(contentsOf: mapping.issues)
        var firstRow: [String: Int] = [:]
        students.reserveCapacity(table.rows.count)
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
            students.append(
                Student(
                    id: id, name: name, gender: gender, birthDate: birth, juniorSchool: record.text(.school),
                    graduationYear: year, township: record.text(.township), home: home, totalScore: total,
                    scores: scores ?? [], hollandCode: holland, wishes: wishes,
                    needsBoarding: boarding ?? false, hardship: hardship ?? false,
                    leftBehind: leftBehind ?? false, guardianName: record.text(.guardianName),
                    guardianPhone: record.text(.guardianPhone), notes: record.text(.notes)))
        }
    }
}
