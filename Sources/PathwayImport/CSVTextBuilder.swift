/// Builds CSV text one record at a time, quoting exactly the fields that need it: the one CSV
/// writer of the project, for generated Seeds and for the files schools open in Excel.
///
/// A field is quoted when it contains a comma, a quote or a line break, or starts or ends with
/// a space, with quotes doubled (RFC 4180).
public struct CSVTextBuilder: Sendable {
    /// What files for Excel and WPS need, and what plain files need.
    public struct Style: Sendable {
        /// `\u{FEFF}` first, so that Excel and WPS read the file as UTF-8.
        public var byteOrderMark: Bool
        public var lineEnding: String

        /// LF, no BOM: Seeds and files for scripts.
        public static let plain = Style(byteOrderMark: false, lineEnding: "\n")
        /// BOM and CRLF: files a person opens with a double click in Excel or WPS.
        public static let spreadsheet = Style(byteOrderMark: true, lineEnding: "\r\n")
    }

    public private(set) var text = ""
    private let style: Style

    public init(header: [String], style: Style = .plain) {
        self.style = style
        if style.byteOrderMark { text.append("\u{FEFF}") }
        append(header)
    }

    /// Appends one record.
    public mutating func append(_ fields: [String]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { text.append(",") }
            text.append(Self.escaped(field))
        }
        text.append(style.lineEnding)
    }

    public static func escaped(_ field: String) -> String {
        let needsQuotes = field.utf8.contains { byte in
            byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D
        } || field.hasPrefix(" ") || field.hasSuffix(" ")
        guard needsQuotes else { return field }
        var quoted = "\""
        for character in field {
            if character == "\"" { quoted.append("\"") }
            quoted.append(character)
        }
        quoted.append("\"")
        return quoted
    }
}
