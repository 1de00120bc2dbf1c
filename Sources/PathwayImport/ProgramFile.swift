import PathwayCore

/// `programs.csv` read into `Program` values, every cell validated against the schools the
/// programmes may belong to.
public struct ProgramFile: Sendable {
    /// The schools a `school_id` may name, with the campus a programme defaults to, and where
    /// they come from, for the error message ("schools.csv", or the database).
    public struct KnownSchools: Sendable {
        public var locations: [String: Coordinate]
        public var source: String

        public init(locations: [String: Coordinate], source: String) {
            self.locations = locations
            self.source = source
        }

        public init(_ schools: [School], source: String) {
            self.init(
                locations: Dictionary(schools.map { ($0.id, $0.location) }, uniquingKeysWith: { first, _ in first }),
                source: source)
        }
    }

    public private(set) var programs: [Program] = []
    public private(set) var diagnostics: ImportDiagnostics
    public let table: CSVTable?

    /// Reads the file; a file that cannot be read at all is one error in `diagnostics`.
    ///
    /// - Parameter places: the county's gazetteer, for a campus given by township and village.
    public init(_ source: ImportSource, schools: KnownSchools, places: Gazetteer = .empty, cap: Int = 100) {
        var diagnostics = ImportDiagnostics(cap: cap)
        table = source.table(reportingInto: &diagnostics)
        self.diagnostics = diagnostics
        if let table { read(table, schools: schools, places: places) }
    }

    private mutating func read(_ table: CSVTable, schools: KnownSchools, places: Gazetteer) {
        let mapping = HeaderMapping<ProgramColumn>(table: table)
        diagnostics.report(contentsOf: mapping.issues)
        var firstRow: [String: Int] = [:]
        let chineseSchools = ImportIssue.chineseSource(schools.source)
        programs.reserveCapacity(table.rows.count)
        for row in table.rows {
            let record = mapping.record(row)
            let id = record.required(.programID, ValueParser.programIdentifier, into: &diagnostics)
            let schoolID = record.required(.schoolID, ValueParser.identifier, into: &diagnostics)
            let name = record.required(.name, ValueParser.line(.institutionName), into: &diagnostics)
            let description = record.value(.description, ValueParser.paragraph, into: &diagnostics)
            let category = record.required(.category, ValueParser.catalogueCategory, into: &diagnostics)
            let holland = record.value(.hollandCode, ValueParser.hollandCode, into: &diagnostics)
            let seats = record.required(.seats, ValueParser.seats, into: &diagnostics)
            let minimum = record.value(.minTotalScore, ValueParser.nonNegativeNumber, into: &diagnostics)
            let keySubjects = record.value(.keySubjects, ValueParser.subjectWeights, into: &diagnostics)
            let boarding = record.value(.boarding, ValueParser.boolean, into: &diagnostics)
            let batch = record.value(.batch, ValueParser.batch, into: &diagnostics)
            // A programme taught at another campus gives its place; otherwise it is the school's.
            let campus = RowPlace.locate(
                record, latitude: .latitude, longitude: .longitude, township: .township, village: .village,
                places: places, required: false, into: &diagnostics)
            let start = record.value(.startDate, ValueParser.date, into: &diagnostics)
            let registration = Program.Registration(
                date: record.value(.registrationDate, ValueParser.date, into: &diagnostics),
                place: record.value(.registrationPlace, ValueParser.line(.address), into: &diagnostics),
                items: record.value(.registrationItems, ValueParser.line(.address), into: &diagnostics))
            guard let id, let schoolID, let name, let category, let seats else { continue }
            guard let schoolLocation = schools.locations[schoolID] else {
                diagnostics.report(
                    record.issue(
                        .schoolID, value: schoolID, message: "is not a school in \(schools.source)",
                        chineseMessage: "不是\(chineseSchools.place)里的学校\(chineseSchools.note)"))
                continue
            }
            if let first = firstRow[id] {
                diagnostics.report(
                    record.issue(
                        .programID, value: id, message: "is also the id of row \(first)",
                        chineseMessage: "与第\(first)行的编号重复"))
            } else {
                firstRow[id] = record.number
            }
            let location = campus.found?.location ?? schoolLocation
            programs.append(
                Program(
                    id: id, schoolID: schoolID, name: name, category: category, hollandCode: holland,
                    seats: seats, minTotalScore: minimum, keySubjects: keySubjects ?? [],
                    boarding: boarding ?? false, location: location, startDate: start,
                    description: description, registration: registration, batch: batch ?? 1))
        }
    }
}
