/// One record of a CSV file: its fields as written (unquoted, not trimmed) and where it is.
///
/// `number` is what a spreadsheet shows in its row header, because that is where the person
/// fixing the file will look: the header is row 1 and a record whose quoted field contains line
/// breaks is still one row, however many lines it takes in a text editor. Blank lines count as
/// rows (Excel shows them) but are not returned as records.
public struct CSVRow: Sendable, Hashable {
    /// The spreadsheet row number (header = row 1).
    public var number: Int
    /// The line of the file on which the record starts, for people who open it in an editor.
    public var line: Int
    /// The fields in file order, quotes removed and doubled quotes undoubled; line breaks inside
    /// quoted fields are normalised to `\n`.
    public var fields: [String]

    public init(number: Int, line: Int, fields: [String]) {
        self.number = number
        self.line = line
        self.fields = fields
    }

    /// The field at `index`, or an empty string when the record is shorter (a missing trailing
    /// field means the same as an empty one).
    @inlinable
    public subscript(index: Int) -> String {
        index >= 0 && index < fields.count ? fields[index] : ""
    }
}
