import PathwayCore

/// `schools.csv` (or a workbook with the same columns) read into `School` values, every cell
/// validated; a campus is given by its coordinates or by its township and village.
///
/// Problems are collected in `diagnostics` rather than thrown at the first, so that a person
/// fixes the whole file in one pass; the file is usable only when `diagnostics.hasErrors` is false.
public struct SchoolFile: Sendable {
    public private(set) var schools: [School] = []
    public private(set) var diagnostics: ImportDiagnostics
    /// The table as read, for its encoding and row count.
    public let table: CSVTable?

    /// Reads the file; a file that cannot be read at all is one error in `diagnostics`.
    ///
    /// - Parameter places: the county's gazetteer, for campuses given by township and village.
    public init(_ source: ImportSource, places: Gazetteer = .empty, cap: Int = 100) {
        var diagnostics = ImportDiagnostics(cap: cap)
        table = source.table(reportingInto: &diagnostics)
        self.diagnostics = diagnostics
        if let table { read(table, places: places) }
    }

    private mutating func read(_ table: CSVTable, places: Gazetteer) {
        let mapping = HeaderMapping<SchoolColumn>(table: table)
        diagnostics.report(contentsOf: mapping.issues)
        var firstRow: [String: Int] = [:]
        schools.reserveCapacity(table.rows.count)
        for row in table.rows {
            let record = mapping.record(row)
            let id = record.required(.schoolID, ValueParser.identifier, into: &diagnostics)
            let name = record.required(.name, ValueParser.line(.institutionName), into: &diagnostics)
            let county = record.value(.county, ValueParser.line(.institutionName), into: &diagnostics)
            let address = record.value(.address, ValueParser.line(.address), into: &diagnostics)
            let contactName = record.value(.contactName, ValueParser.line(.personName), into: &diagnostics)
            let contactPhone = record.value(.contactPhone, ValueParser.line(.contact), into: &diagnostics)
            let contactEmail = record.value(.contactEmail, ValueParser.line(.contact), into: &diagnostics)
            let location = RowPlace.locate(
                record, latitude: .latitude, longitude: .longitude, township: .township, village: .village,
                places: places, required: true, into: &diagnostics)
            guard let id, let name, let location = location.found?.location else { continue }
            if let first = firstRow[id] {
                diagnostics.report(
                    record.issue(
                        .schoolID, value: id, message: "is also the id of row \(first)",
                        chineseMessage: "与第\(first)行的编号重复"))
            } else {
                firstRow[id] = record.number
            }
            schools.append(
                School(
                    id: id, name: name, county: county, address: address, location: location, contactName: contactName,
                    contactPhone: contactPhone, contactEmail: contactEmail))
        }
    }
}
