/// One thing wrong (or worth a look) in an imported file, located the way the person who has to
/// fix it will look for it: the file, the row number their spreadsheet shows, the column and the
/// offending value.
///
/// The same type serves the CSV reader (an unterminated quote, an undecodable file), the header
/// mapping (a missing required column, an unknown one) and row validation (a score that is not a
/// number, a duplicate id), so that a command can collect, sort and print them uniformly.
/// `description` reads like a compiler diagnostic: `students.csv:9: total_score: "abc" is not a
/// number`.
public struct ImportIssue: Error, Sendable, Hashable, CustomStringConvertible {
    /// Whether the issue refuses the file or merely deserves attention.
    public enum Severity: String, Sendable, Hashable, Codable {
        /// The file is refused: nothing of it may be written.
        case error
        /// The file is imported; the issue is reported alongside the summary.
        case warning
    }

    public var severity: Severity
    /// The file's name as the user gave it (usually its last path component).
    public var file: String
    /// The spreadsheet row (header = row 1), or `nil` for an issue about the whole file.
    public var row: Int?
    /// The column's canonical name when it is known (`total_score`), else the header text or
    /// `column 7`; `nil` for an issue about a whole row or file.
    public var column: String?
    /// The offending cell text, when there is one; quoted in `description`.
    public var value: String?
    /// What is wrong or what was expected. When `value` is set the message continues the
    /// sentence started by the value (`is not a number`); otherwise it stands alone.
    public var message: String

    public init(
        _ severity: Severity = .error, file: String, row: Int? = nil, column: String? = nil,
        value: String? = nil, message: String
    ) {
        self.severity = severity
        self.file = file
        self.row = row
        self.column = column
        self.value = value
        self.message = message
    }

    /// Longest value shown in `description`; longer ones are cut with an ellipsis so that a
    /// runaway quoted field does not flood the terminal.
    public static let displayedValueLimit = 60

    /// `students.csv:9: total_score: "abc" is not a number`. The severity is left to the
    /// presenter (a CLI prints `warning:` in front of warnings).
    public var description: String {
        var text = file
        if let row { text += ":\(row)" }
        text += ": "
        if let column { text += "\(column): " }
        if let value { text += ImportIssue.quoted(value) + " " }
        return text + message
    }

    /// Quotes a cell for display, escaping quotes, backslashes and line breaks so that the
    /// message stays on one line and an empty or blank value is still visible.
    static func quoted(_ value: String) -> String {
        var result = "\""
        var count = 0
        for character in value {
            if count == displayedValueLimit {
                result += "…"
                break
            }
            switch character {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n", "\r\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default: result.append(character)
            }
            count += 1
        }
        return result + "\""
    }
}

extension ImportIssue: Comparable {
    /// Orders issues as a reader scans the file: by file, then row (file-wide issues first),
    /// then errors before warnings, then column.
    public static func < (a: ImportIssue, b: ImportIssue) -> Bool {
        if a.file != b.file { return a.file < b.file }
        if a.row != b.row { return (a.row ?? 0) < (b.row ?? 0) }
        if a.severity != b.severity { return a.severity == .error }
        return (a.column ?? "") < (b.column ?? "")
    }
}
