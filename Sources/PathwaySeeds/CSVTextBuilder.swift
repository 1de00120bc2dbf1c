/// Builds CSV text one record at a time, quoting exactly the fields that need it.
///
/// The generator's own small writer rather than a shared one so that Seeds depend on nothing
/// but the model: a field is quoted when it contains a comma, a quote or a line break, or
/// starts or ends with a space, with quotes doubled (RFC 4180). Records end with LF.
struct CSVTextBuilder {
    private(set) var text = ""

    init(header: [String]) {
        append(header)
    }

    /// Appends one record.
    mutating func append(_ fields: [String]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { text.append(",") }
            text.append(Self.escaped(field))
        }
        text.append("\n")
    }

    static func escaped(_ field: String) -> String {
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
