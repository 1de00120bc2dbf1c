/// Where each known column sits in a file's header, and what is wrong with the header.
///
/// Column order is free and headers come from people: `学籍号`, ` Student ID `, `STUDENT_ID` and
/// `student_id*` (a template's "required" mark) all name `student_id`. A header is matched
/// after trimming, lower-casing, turning spaces and hyphens into underscores and dropping a
/// trailing `*`. An unknown or unnamed column is a warning (its values are ignored); a missing
/// required column, or one named twice, is an error, because every row would fail or be
/// ambiguous.
public struct HeaderMapping<Column: CSVColumn>: Sendable {
    /// The file the header belongs to, for issues.
    public let fileName: String
    /// The header's spreadsheet row.
    public let headerRow: Int
    /// Warnings and errors about the header, in column order.
    public let issues: [ImportIssue]
    /// The field index of each column, by the column's raw value; -1 when absent.
    @usableFromInline let fieldIndices: [Int]
    /// Headers that name no column but that the importer reads itself (one column per subject,
    /// 第一志愿 …), in header order.
    public let claimed: [(index: Int, header: String)]

    /// Maps `table`'s header.
    public init(table: CSVTable) {
        self.init(header: table.header, fileName: table.fileName, headerRow: table.headerRow)
    }

    /// Maps a header row.
    ///
    /// - Parameter claim: whether a header that names no column is one the importer reads
    ///   itself (it is then listed in `claimed` instead of being warned about); given the
    ///   header's trimmed text.
    public init(header: [String], fileName: String, headerRow: Int = 1, claim: (String) -> Bool = { _ in false }) {
        self.fileName = fileName
        self.headerRow = headerRow
        var lookup: [String: Column] = [:]
        for column in Column.allCases {
            for spelling in [column.canonicalName] + column.aliases {
                lookup[Self.normalised(spelling)] = column
            }
        }
        var fieldIndices = Array(repeating: -1, count: Column.allCases.count)
        var issues: [ImportIssue] = []
        var claimed: [(index: Int, header: String)] = []
        for (index, text) in header.enumerated() {
            let key = Self.normalised(text)
            let label = text.trimmedForImport
            if key.isEmpty {
                issues.append(
                    ImportIssue(
                        .warning, file: fileName, row: headerRow, column: "column \(index + 1)",
                        message: "has no header; its values are ignored",
                        chineseMessage: "没有表头，其中的值不会导入"))
                continue
            }
            guard let column = lookup[key] else {
                if claim(label) {
                    claimed.append((index, label))
                    continue
                }
                issues.append(
                    ImportIssue(
                        .warning, file: fileName, row: headerRow, column: label,
                        message: "unknown column (column \(index + 1)); its values are ignored",
                        chineseMessage: "是未知的列（第\(index + 1)列），其中的值不会导入"))
                continue
            }
            if fieldIndices[column.rawValue] >= 0 {
                let first = fieldIndices[column.rawValue]
                issues.append(
                    ImportIssue(
                        file: fileName, row: headerRow, column: column.canonicalName,
                        message: "is named twice, by \(ImportIssue.quoted(header[first].trimmedForImport)) "
                            + "in column \(first + 1) and \(ImportIssue.quoted(label)) in column \(index + 1); "
                            + "keep one",
                        chineseMessage: "出现了两次：第\(first + 1)列的"
                            + "\(ImportIssue.chineseQuoted(header[first].trimmedForImport))和第\(index + 1)列的"
                            + "\(ImportIssue.chineseQuoted(label))；请只保留一列"))
                continue
            }
            fieldIndices[column.rawValue] = index
        }
        for column in Column.allCases where column.isRequired && fieldIndices[column.rawValue] < 0 {
            if column.alternatives.contains(where: { fieldIndices[$0.rawValue] >= 0 }) { continue }
            var also = column.aliases.isEmpty ? "" : " (also accepted: \(column.aliases.joined(separator: ", ")))"
            var chineseAlso = column.aliases.isEmpty ? "" : "（也可以写作：\(column.aliases.joined(separator: "、"))）"
            if !column.alternatives.isEmpty {
                also += "; or instead: " + column.alternatives.map(\.canonicalName).joined(separator: ", ")
                chineseAlso += "；或者改用："
                    + column.alternatives.map { $0.aliases.first ?? $0.canonicalName }.joined(separator: "、")
            }
            issues.append(
                ImportIssue(
                    file: fileName, row: headerRow, column: column.canonicalName,
                    message: "required column is missing\(also)", chineseMessage: "缺少必填的列\(chineseAlso)"))
        }
        self.fieldIndices = fieldIndices
        self.issues = issues
        self.claimed = claimed
    }

    /// True when the header itself refuses the file.
    public var hasErrors: Bool { issues.contains { $0.severity == .error } }

    /// The field index of `column`, or `nil` when the file does not have it.
    @inlinable
    public func index(of column: Column) -> Int? {
        let index = fieldIndices[column.rawValue]
        return index >= 0 ? index : nil
    }

    /// Whether the file has `column` (an optional column a file lacks keeps its default, which
    /// on update may differ from "empty": importers decide).
    @inlinable
    public func contains(_ column: Column) -> Bool { fieldIndices[column.rawValue] >= 0 }

    /// A view of `row` that reads values by column.
    public func record(_ row: CSVRow) -> CSVRecord<Column> {
        CSVRecord(row: row, mapping: self)
    }

    /// The matching form of a header text.
    static func normalised(_ text: String) -> String {
        var key = text.trimmedForImport.halfWidth.lowercased()
        while key.hasSuffix("*") { key.removeLast() }
        var result = ""
        var pendingUnderscore = false
        for character in key.trimmedForImport {
            if character == " " || character == "-" || character == "_" || character == "\u{3000}" {
                pendingUnderscore = true
                continue
            }
            if pendingUnderscore, !result.isEmpty { result.append("_") }
            pendingUnderscore = false
            result.append(character)
        }
        return result
    }
}
