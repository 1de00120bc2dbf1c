import PathwayCore

/// A county's three files (schools, programmes, students) read into model values, every cell
/// validated, with every problem collected in `diagnostics` rather than stopping at the first.
public struct ImportedCounty: Sendable {
    public var schools: [School] = []
    public var programs: [Program] = []
    public var students: [Student] = []
    public var diagnostics = ImportDiagnostics(cap: 50)

    /// Reads the three files' bytes (UTF-8 or GB18030, as `CSVReader` detects).
    public init(schools: [UInt8], programs: [UInt8], students: [UInt8]) {
        let reader = CSVReader()
        do throws(ImportIssue) {
            let schoolTable = try reader.read(schools, fileName: "schools.csv")
            let programTable = try reader.read(programs, fileName: "programs.csv")
            let studentTable = try reader.read(students, fileName: "students.csv")
            readSchools(schoolTable)
            readPrograms(programTable)
            readStudents(studentTable)
        } catch {
            diagnostics.report(error)
        }
    }

    private mutating func readSchools(_ table: CSVTable) {
        diagnostics.report(contentsOf: table.issues)
        let mapping = HeaderMapping<SchoolColumn>(table: table)
        diagnostics.report(contentsOf: mapping.issues)
        var seen: Set<String> = []
        for row in table.rows {
            let record = mapping.record(row)
            let id = record.required(.schoolID, ValueParser.identifier, into: &diagnostics)
            let name = record.required(.name, { .success($0) }, into: &diagnostics)
            let latitude = record.required(.latitude, ValueParser.latitude, into: &diagnostics)
            let longitude = record.required(.longitude, ValueParser.longitude, into: &diagnostics)
            guard let id, let name, let latitude, let longitude,
                  let location = Coordinate(latitude: latitude, longitude: longitude)
            else { continue }
            if !seen.insert(id).inserted {
                diagnostics.report(record.issue(.schoolID, value: id, message: "is a duplicate id"))
            }
            schools.append(
                School(
                    id: id, name: name, county: record.text(.county), address: record.text(.address),
                    location: location, contactName: record.text(.contactName),
                    contactPhone: record.text(.contactPhone), contactEmail: record.text(.contactEmail)))
        }
    }

    private mutating func readPrograms(_ table: CSVTable) {
        diagnostics.report(contentsOf: table.issues)
        let mapping = HeaderMapping<ProgramColumn>(table: table)
        diagnostics.report(contentsOf: mapping.issues)
        let schoolsByID = Dictionary(schools.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var seen: Set<String> = []
        for row in table.rows {
            let record = mapping.record(row)
            let id = record.required(.programID, ValueParser.programIdentifier, into: &diagnostics)
            let schoolID = record.required(.schoolID, ValueParser.identifier, into: &diagnostics)
            let name = record.required(.name, { .success($0) }, into: &diagnostics)
            let category = record.required(.category, ValueParser.catalogueCategory, into: &diagnostics)
            let holland = record.value(.hollandCode, ValueParser.hollandCode, into: &diagnostics)
            let seats = record.required(.seats, ValueParser.nonNegativeInteger, into: &diagnostics)
            let minimum = record.value(.minTotalScore, ValueParser.nonNegativeNumber, into: &diagnostics)
            let keySubjects = record.value(.keySubjects, ValueParser.subjectWeights, into: &diagnostics)
            let boarding = record.value(.boarding, ValueParser.boolean, into: &diagnostics)
            let latitude = record.value(.latitude, ValueParser.latitude, into: &diagnostics)
            let longitude = record.value(.longitude, ValueParser.longitude, into: &diagnostics)
            let start = record.value(.startDate, ValueParser.date, into: &diagnostics)
            guard let id, let schoolID, let name, let category, let seats else { continue }
            guard let school = schoolsByID[schoolID] else {
                diagnostics.report(record.issue(.schoolID, value: schoolID, message: "is not in schools.csv"))
                continue
            }
            if !seen.insert(id).inserted {
                diagnostics.report(record.issue(.programID, value: id, message: "is a duplicate id"))
            }
            var location = school.location
            if let latitude, let longitude, let own = Coordinate(latitude: latitude, longitude: longitude) {
                location = own
            }
            programs.append(
                Program(
                    id: id, schoolID: schoolID, name: name, category: category, hollandCode: holland,
                    seats: seats, minTotalScore: minimum, keySubjects: keySubjects ?? [],
                    boarding: boarding ?? false, location: location, startDate: start,
                    description: record.text(.description)))
        }
    }

    private mutating func readStudents(_ table: CSVTable) {
        diagnostics.report(contentsOf: table.issues)
        let mapping = HeaderMapping<StudentColumn>(table: table)
        diagnostics.report(contentsOf: mapping.issues)
        let programIDs = Set(programs.map(\.id))
        var seen: Set<String> = []
        for row in table.rows {
            let record = mapping.record(row)
            let id = record.required(.studentID, ValueParser.identifier, into: &diagnostics)
            let name = record.required(.name, { .success($0) }, into: &diagnostics)
            let latitude = record.required(.latitude, ValueParser.latitude, into: &diagnostics)
            let longitude = record.required(.longitude, ValueParser.longitude, into: &diagnostics)
            let gender = record.value(.gender, ValueParser.gender, into: &diagnostics)
            let birth = record.value(.birthDate, ValueParser.date, into: &diagnostics)
            let year = record.value(.graduationYear, ValueParser.integer, into: &diagnostics)
            let total = record.value(.totalScore, ValueParser.nonNegativeNumber, into: &diagnostics)
            let scores = record.value(.scores, ValueParser.subjectScores, into: &diagnostics)
            let holland = record.value(.hollandCode, ValueParser.hollandCode, into: &diagnostics)
            let wishes = record.value(.wishes, ValueParser.wishes, into: &diagnostics) ?? []
            let boarding = record.value(.needsBoarding, ValueParser.boolean, into: &diagnostics)
            let hardship = record.value(.hardship, ValueParser.boolean, into: &diagnostics)
            let leftBehind = record.value(.leftBehind, ValueParser.boolean, into: &diagnostics)
            for case .program(let program) in wishes where !programIDs.contains(program) {
                diagnostics.report(record.issue(.wishes, value: program, message: "is not in programs.csv"))
            }
            guard let id, let name, let latitude, let longitude,
                  let home = Coordinate(latitude: latitude, longitude: longitude)
            else { continue }
            if !seen.insert(id).inserted {
                diagnostics.report(record.issue(.studentID, value: id, message: "is a duplicate id"))
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
