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

    /// The CSV cell for a value: the same digits as in JSON, an empty cell for null. Text that a
    /// spreadsheet would run as a formula (it begins with `=`, `+`, `-`, `@`, a tab or a carriage
    /// return: `=HYPERLINK(...)` in a name, `+86 …` in a phone) gets a leading `'`, which Excel
    /// and WPS hide and which keeps the cell text, digits and all.
    static func csvField(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): inert(text)
        case .null: ""
        default: value.jsonText
        }
    }

    /// `text`, with a `'` in front when a spreadsheet would read it as a formula.
    static func inert(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return text }
        return "'" + text
    }
}
