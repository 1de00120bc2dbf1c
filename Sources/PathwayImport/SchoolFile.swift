import PathwayCore

/// `schools.csv` read into `School` values, every cell validated.
///
/// Problems are collected in `diagnostics` rather than thrown at the first, so that a person
/// fixes the whole file in one pass; the file is usable only when `diagnostics.hasErrors` is false.
public struct SchoolFile: Sendable {
    public private(set) var schools: [School] = []
    public private(set) var diagnostics: ImportDiagnostics
    /// The table as read, for its encoding and row count.
    public let table: CSVTable?

    /// Reads the file's bytes; a file that cannot be read at all is one error in `diagnostics`.
    public init(bytes: [UInt8], fileName: String, reader: CSVReader = CSVReader(), cap: Int = 100) {
        diagnostics = ImportDiagnostics(cap: cap)
        do throws(ImportIssue) {
            let table = try reader.read(bytes, fileName: fileName)
            self.table = table
            read(table)
        } catch {
            table = nil
            diagnostics.report(error)
        }
    }

    private mutating func read(_ table: CSVTable) {
        diagnostics.report(contentsOf: table.issues)
        let mapping = HeaderMapping<SchoolColumn>(table: table)
        diagnostics.report(contentsOf: mapping.issues)
        var firstRow: [String: Int] = [:]
        schools.reserveCapacity(table.rows.count)
        for row in table.rows {
            let record = mapping.record(row)
            let id = record.required(.schoolID, ValueParser.identifier, into: &diagnostics)
            let name = record.required(.name, { .success($0) }, into: &diagnostics)
            let latitude = record.required(.latitude, ValueParser.latitude, into: &diagnostics)
            let longitude = record.required(.longitude, ValueParser.longitude, into: &diagnostics)
            guard let id, let name, let latitude, let longitude,
                  let location = Coordinate(latitude: latitude, longitude: longitude)
            else { continue }
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
                    id: id, name: name, county: record.text(.county), address: record.text(.address),
                    location: location, contactName: record.text(.contactName),
                    contactPhone: record.text(.contactPhone), contactEmail: record.text(.contactEmail)))
        }
    }
}
