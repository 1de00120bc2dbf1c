import PathwayCore

/// One thing wrong (or worth a look) in an imported file, located the way the person who has to
/// fix it will look for it: the file, the row number their spreadsheet shows, the column and the
/// offending value.
///
/// The same type serves the CSV reader (an unterminated quote, an undecodable file), the header
/// mapping (a missing required column, an unknown one) and row validation (a score that is not a
/// number, a duplicate id), so that a command can collect, sort and print them uniformly.
/// `description` reads like a compiler diagnostic: `students.csv:9: total_score: "abc" is not a
/// number`; `description(in: .chinese)` says the same for county staff:
/// `students.csv 第9行 total_score 列：“abc”不是数字`.
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
    /// The same in Chinese, continuing the quoted value the same way (`不是数字`).
    public var chineseMessage: String

    public init(
        _ severity: Severity = .error, file: String, row: Int? = nil, column: String? = nil,
        value: String? = nil, message: String, chineseMessage: String
    ) {
        self.severity = severity
        self.file = file
        self.row = row
        self.column = column
        self.value = value
        self.message = message
        self.chineseMessage = chineseMessage
    }

    /// `message` or `chineseMessage`.
    public func message(in language: Language) -> String {
        switch language {
        case .english: message
        case .chinese: chineseMessage
        }
    }

    /// The severity as a presenter prints it: `error`/`warning`, `错误`/`警告`.
    public func severityName(in language: Language) -> String {
        switch (severity, language) {
        case (.error, .english): "error"
        case (.warning, .english): "warning"
        case (.error, .chinese): "错误"
        case (.warning, .chinese): "警告"
        }
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

    /// `description` in `language`: in English exactly `description`; in Chinese
    /// `students.csv 第9行 total_score 列：“abc”不是数字`, or `a.csv：文件是空的` for an issue about
    /// the whole file. A column named by position (`column 7`) reads `第7列`.
    public func description(in language: Language) -> String {
        guard language == .chinese else { return description }
        var text = file
        if let row { text += " 第\(row)行" }
        if let column { text += " " + ImportIssue.chineseColumn(column) }
        text += "："
        if let value { text += ImportIssue.chineseQuoted(value) }
        return text + chineseMessage
    }

    /// `total_score 列`, or `第7列` for a column known only by its position (`column 7`).
    static func chineseColumn(_ column: String) -> String {
        let prefix = "column "
        if column.hasPrefix(prefix) {
            let number = column.dropFirst(prefix.count)
            if !number.isEmpty, number.utf8.allSatisfy({ (0x30...0x39).contains($0) }) {
                return "第\(number)列"
            }
        }
        return "\(column) 列"
    }

    /// Quotes a cell for display, escaping quotes, backslashes and line breaks so that the
    /// message stays on one line and an empty or blank value is still visible.
    static func quoted(_ value: String) -> String {
        quoted(value, open: "\"", close: "\"")
    }

    /// `quoted` for a Chinese sentence: the value between “ and ”, the same escaping applied to
    /// those two marks instead of the ASCII quote (which needs none there).
    static func chineseQuoted(_ value: String) -> String {
        quoted(value, open: "“", close: "”")
    }

    private static func quoted(_ value: String, open: Character, close: Character) -> String {
        var result = String(open)
        var count = 0
        for character in value {
            if count == displayedValueLimit {
                result += "…"
                break
            }
            switch character {
            case open, close:
                result += "\\"
                result.append(character)
            case "\\": result += "\\\\"
            case "\n", "\r\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default: result.append(character)
            }
            count += 1
        }
        result.append(close)
        return result
    }

    /// Where known ids come from, as given to the importers in English (`programs.csv`,
    /// `the database (import programs.csv first)`), split for a Chinese sentence into the place
    /// (`数据库`, or ` programs.csv ` with the spaces that set it off from Chinese) and a note to
    /// follow the sentence (`（请先导入 programs.csv）`). Text it does not recognise is kept as it is.
    static func chineseSource(_ source: String) -> (place: String, note: String) {
        let database = "the database"
        guard source.hasPrefix(database) else { return (" \(source) ", "") }
        let rest = source.dropFirst(database.count).trimmingPrefix(while: { $0 == " " })
        if rest.isEmpty { return ("数据库", "") }
        let prefix = "(import ", suffix = " first)"
        if rest.hasPrefix(prefix), rest.hasSuffix(suffix), rest.count > prefix.count + suffix.count {
            let files = rest.dropFirst(prefix.count).dropLast(suffix.count)
            return ("数据库", "（请先导入 \(files)）")
        }
        return (" \(source) ", "")
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
