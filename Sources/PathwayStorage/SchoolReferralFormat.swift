import PathwayImport

/// The two shapes a school receives its referrals in, with the same columns and values: CSV
/// for a person with Excel or WPS, JSON for the school's own system.
public enum SchoolReferralFormat: String, Sendable, CaseIterable {
    case csv
    case json

    /// `Content-Type` of the rendered text.
    public var mediaType: String {
        switch self {
        case .csv: "text/csv; charset=utf-8"
        case .json: "application/json; charset=utf-8"
        }
    }

    /// CSV: UTF-8 with a BOM and CRLF, so a double click opens it right in Excel and WPS.
    /// JSON: an array of objects whose keys come in column order.
    public func render(_ rows: [SchoolReferral]) -> String {
        switch self {
        case .csv:
            var builder = CSVTextBuilder(header: SchoolReferral.columns, style: .spreadsheet)
            for row in rows { builder.append(row.values.map(Self.csvField)) }
            return builder.text
        case .json:
            var text = "["
            for (index, row) in rows.enumerated() {
                text += index == 0 ? "\n" : ",\n"
                text += row.jsonText
            }
            text += rows.isEmpty ? "]\n" : "\n]\n"
            return text
        }
    }

    /// The CSV cell for a value: the same digits as in JSON, an empty cell for null.
    private static func csvField(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): text
        case .null: ""
        default: value.jsonText
        }
    }
}
