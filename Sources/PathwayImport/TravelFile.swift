import PathwayCore

/// A travel file read into routes, every cell validated against the gazetteer (the place must
/// be one of its townships or villages) and the imported schools and programmes.
public struct TravelFile: Sendable {
    /// What a route may start from and lead to.
    public struct Known: Sendable {
        public var places: Gazetteer
        public var schoolIDs: Set<String>
        public var programIDs: Set<String>

        public init(places: Gazetteer, schoolIDs: Set<String>, programIDs: Set<String>) {
            self.places = places
            self.schoolIDs = schoolIDs
            self.programIDs = programIDs
        }
    }

    /// Longest road a route may give, and longest drive.
    public static let maximumKm = 1000.0
    public static let maximumMinutes = 1440.0

    public private(set) var routes: [TravelTable.Route] = []
    public private(set) var diagnostics: ImportDiagnostics
    public let table: CSVTable?

    /// Reads the file; a file that cannot be read at all is one error in `diagnostics`.
    public init(_ source: ImportSource, known: Known, cap: Int = 100) {
        var diagnostics = ImportDiagnostics(cap: cap)
        table = source.table(reportingInto: &diagnostics)
        self.diagnostics = diagnostics
        if let table { read(table, known: known) }
    }

    private mutating func read(_ table: CSVTable, known: Known) {
        let mapping = HeaderMapping<TravelColumn>(table: table)
        diagnostics.report(contentsOf: mapping.issues)
        var firstRow: [String: Int] = [:]
        for row in table.rows {
            let record = mapping.record(row)
            let township = record.required(.township, ValueParser.placeName, into: &diagnostics)
            let village = record.value(.village, ValueParser.placeName, into: &diagnostics)
            let school = record.value(.schoolID, ValueParser.identifier, into: &diagnostics)
            let program = record.value(.programID, ValueParser.identifier, into: &diagnostics)
            let km = record.value(.km, { Self.bounded($0, Self.maximumKm, "km", "公里") }, into: &diagnostics)
            let minutes = record.value(.minutes, { Self.bounded($0, Self.maximumMinutes, "minutes", "分钟") }, into: &diagnostics)
            guard let township else { continue }
            if known.places.locate(township: township, village: village)?.placement != (village == nil ? .township : .village) {
                diagnostics.report(
                    record.issue(
                        village == nil ? .township : .village, value: [township, village].compactMap { $0 }.joined(separator: " "),
                        message: "is not a place in the gazetteer; import it first (pathway import places)",
                        chineseMessage: "不在地名表中；请先导入它（pathway import places）"))
                continue
            }
            let destination: TravelTable.Destination
            switch (school, program) {
            case (let school?, nil):
                guard known.schoolIDs.contains(school) else {
                    diagnostics.report(record.issue(
                        .schoolID, value: school, message: "is not an imported school", chineseMessage: "不是已导入的学校"))
                    continue
                }
                destination = .school(school)
            case (nil, let program?):
                guard known.programIDs.contains(program) else {
                    diagnostics.report(record.issue(
                        .programID, value: program, message: "is not an imported programme", chineseMessage: "不是已导入的专业"))
                    continue
                }
                destination = .program(program)
            case (nil, nil):
                if record.text(.schoolID) == nil, record.text(.programID) == nil {
                    diagnostics.report(record.issue(
                        message: "names neither a school nor a programme; give one of the two",
                        chineseMessage: "既没有写学校也没有写专业；请写其中一个"))
                }
                continue
            case (.some, .some):
                diagnostics.report(record.issue(
                    .programID, message: "is given with a school too; a route leads to one of the two",
                    chineseMessage: "与学校同时填写了；一条路线只能到其中一个"))
                continue
            }
            guard km != nil || minutes != nil else {
                if record.text(.km) == nil, record.text(.minutes) == nil {
                    diagnostics.report(record.issue(
                        .km, message: "is empty, and so is minutes; give one or both",
                        chineseMessage: "为空，分钟数也为空；请至少填一项"))
                }
                continue
            }
            let route = TravelTable.Route(township: township, village: village, destination: destination, km: km, minutes: minutes)
            if let first = firstRow[route.id] {
                diagnostics.report(record.issue(
                    .township, message: "is the same route as row \(first)", chineseMessage: "与第\(first)行是同一条路线"))
                continue
            }
            firstRow[route.id] = record.number
            routes.append(route)
        }
    }

    private static func bounded(_ text: String, _ maximum: Double, _ unit: String, _ chineseUnit: String) -> Result<Double, ValueError> {
        ValueParser.nonNegativeNumber(text).flatMap { value in
            value <= maximum
                ? .success(value)
                : .failure(ValueError("is more than \(Int(maximum)) \(unit)", "超过 \(Int(maximum)) \(chineseUnit)"))
        }
    }
}
