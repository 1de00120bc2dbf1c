/// A CSV file read into its header and records, before any column is interpreted.
///
/// Kept free of meaning on purpose: the same table feeds the schools, programs and students
/// importers, each of which maps the header with `HeaderMapping` and parses values with
/// `ValueParser`.
public struct CSVTable: Sendable, Hashable {
    /// How the bytes were decoded, worth mentioning in an import summary when it was detected.
    public enum SourceEncoding: String, Sendable, Hashable, Codable {
        case utf8 = "UTF-8"
        case utf8WithBOM = "UTF-8 with BOM"
        case gb18030 = "GB18030"
        /// Not text at all: an Excel or WPS workbook.
        case xlsx = "xlsx"
    }

    /// The name used in every issue about this file.
    public var fileName: String
    public var encoding: SourceEncoding
    /// The header fields as written (not trimmed).
    public var header: [String]
    /// The header's spreadsheet row: 1 unless the file starts with blank lines.
    public var headerRow: Int
    /// The non-blank records after the header, in file order.
    public var rows: [CSVRow]
    /// Blank records (empty lines, or rows of empty fields such as `,,,`) that were skipped
    /// after the header; they still count in row numbers.
    public var skippedBlankRows: Int
    /// Errors found while reading that concern single rows and do not stop the reading, such as
    /// a value in a column that has no header; report them with the rows' own errors.
    public var issues: [ImportIssue]

    public init(
        fileName: String, encoding: SourceEncoding, header: [String], headerRow: Int,
        rows: [CSVRow], skippedBlankRows: Int = 0, issues: [ImportIssue] = []
    ) {
        self.fileName = fileName
        self.encoding = encoding
        self.header = header
        self.headerRow = headerRow
        self.rows = rows
        self.skippedBlankRows = skippedBlankRows
        self.issues = issues
    }
}
