/// One row of a sheet as the texts a person sees in its cells.
///
/// Cells are plain strings rather than typed values because callers validate spreadsheet
/// input the same way whether it came from CSV or xlsx; the reader does the xlsx-specific part
/// (shared strings, number and date formats) so that both sources yield the same text.
public struct SheetRow: Sendable, Hashable {
    /// The row number Excel shows (1-based), so that messages point at the right row even when
    /// empty rows were skipped.
    public var number: Int
    /// Cell texts; index 0 is column A. Missing cells in between are `""`; trailing empty cells
    /// are trimmed, so rows may differ in length.
    public var cells: [String]

    /// A row numbered `number` holding `cells`.
    public init(number: Int, cells: [String]) {
        self.number = number
        self.cells = cells
    }
}

/// A sheet's non-empty rows, in order.
public struct Sheet: Sendable, Hashable {
    /// The sheet's name as its tab shows it.
    public var name: String
    /// Only rows with at least one non-empty cell, in ascending row number.
    public var rows: [SheetRow]

    /// A sheet named `name` holding `rows`.
    public init(name: String, rows: [SheetRow]) {
        self.name = name
        self.rows = rows
    }
}
