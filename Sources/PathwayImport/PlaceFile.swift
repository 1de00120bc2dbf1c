import PathwayCore

/// A gazetteer file read into places, every cell validated: one row per township (without a
/// village: the township's own point) or per village.
public struct PlaceFile: Sendable {
    public private(set) var places: [Gazetteer.Place] = []
    public private(set) var diagnostics: ImportDiagnostics
    public let table: CSVTable?

    /// Reads the file; a file that cannot be read at all is one error in `diagnostics`.
    public init(_ source: ImportSource, cap: Int = 100) {
        var diagnostics = ImportDiagnostics(cap: cap)
        table = source.table(reportingInto: &diagnostics)
        self.diagnostics = diagnostics
        if let table { read(table) }
    }

    private struct Key: Hashable {
        var township: String
        var village: String?
    }

    private mutating func read(_ table: CSVTable) {
        let mapping = HeaderMapping<PlaceColumn>(table: table)
        diagnostics.report(contentsOf: mapping.issues)
        var firstRow: [Key: Int] = [:]
        places.reserveCapacity(table.rows.count)
        for row in table.rows {
            let record = mapping.record(row)
            let township = record.required(.township, ValueParser.placeName, into: &diagnostics)
            let village = record.value(.village, ValueParser.placeName, into: &diagnostics)
            let latitude = record.required(.latitude, ValueParser.latitude, into: &diagnostics)
            let longitude = record.required(.longitude, ValueParser.longitude, into: &diagnostics)
            guard let township, let latitude, let longitude,
                  let location = Coordinate(latitude: latitude, longitude: longitude)
            else { continue }
            let key = Key(township: township, village: village)
            if let first = firstRow[key] {
                diagnostics.report(
                    record.issue(
                        village == nil ? .township : .village, value: [township, village].compactMap { $0 }.joined(separator: " "),
                        message: "is also the place of row \(first)", chineseMessage: "与第\(first)行的地名重复"))
                continue
            }
            firstRow[key] = record.number
            places.append(Gazetteer.Place(township: township, village: village, location: location))
        }
    }
}
