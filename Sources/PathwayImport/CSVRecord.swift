/// One row of a file, read by column: the place where cell text becomes typed values and
/// mistakes become `ImportIssue`s with file, row, column and value filled in.
///
/// An importer calls `value(_:_:into:)` or `required(_:_:into:)` once per column and builds its
/// model from the results; it keeps going after a bad cell so that one pass reports every
/// mistake of the row.
public struct CSVRecord<Column: CSVColumn>: Sendable {
    /// The row as read.
    public let row: CSVRow
    /// The header it is read through.
    public let mapping: HeaderMapping<Column>

    public init(row: CSVRow, mapping: HeaderMapping<Column>) {
        self.row = row
        self.mapping = mapping
    }

    /// The spreadsheet row number.
    public var number: Int { row.number }

    /// The cell's text, trimmed; `nil` when the cell is empty or the file has no such column
    /// (empty means absent, for every column).
    @inlinable
    public func text(_ column: Column) -> String? {
        guard let index = mapping.index(of: column) else { return nil }
        let text = row[index]
        if text.isEmpty { return nil }
        let trimmed = text.trimmedForImport
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Parses an optional column: `nil` when empty, the value when it parses, and `nil` plus an
    /// error in `diagnostics` when it does not. Inlinable so that callers in other modules get a
    /// specialised copy instead of generic dispatch on every cell.
    @inlinable
    public func value<Value>(
        _ column: Column, _ parse: (String) -> Result<Value, ValueError>,
        into diagnostics: inout ImportDiagnostics
    ) -> Value? {
        guard let text = text(column) else { return nil }
        switch parse(text) {
        case .success(let value):
            return value
        case .failure(let error):
            diagnostics.report(
                issue(column, value: text, message: error.message, chineseMessage: error.chineseMessage))
            return nil
        }
    }

    /// Parses a required column: like `value(_:_:into:)`, but an empty cell is an error too.
    @inlinable
    public func required<Value>(
        _ column: Column, _ parse: (String) -> Result<Value, ValueError>,
        into diagnostics: inout ImportDiagnostics
    ) -> Value? {
        guard text(column) != nil else {
            // A missing required column is reported once, by the header mapping.
            if mapping.contains(column) {
                diagnostics.report(issue(column, message: "is empty; a value is required", chineseMessage: "为空；此项必填"))
            }
            return nil
        }
        return value(column, parse, into: &diagnostics)
    }

    /// An issue about this row, for checks beyond one cell's syntax (a duplicate id, an unknown
    /// `school_id`).
    public func issue(
        _ column: Column? = nil, value: String? = nil, message: String, chineseMessage: String,
        severity: ImportIssue.Severity = .error
    ) -> ImportIssue {
        ImportIssue(
            severity, file: mapping.fileName, row: row.number, column: column?.canonicalName, value: value,
            message: message, chineseMessage: chineseMessage)
    }
}
