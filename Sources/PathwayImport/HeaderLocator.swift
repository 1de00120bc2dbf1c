/// Where the header row of a sheet is, for CSV files and workbooks alike.
///
/// County lists often carry a title or two above the header (`XX县2026届初中毕业生名单`, a
/// merged cell) and sometimes a line such as `填表日期：2026年6月`. Such rows have one value;
/// the header is the first row with several. A file whose rows all have one value keeps its
/// first row as the header, as before.
enum HeaderLocator {
    /// How many title rows may come before the header.
    static let maximumTitleRows = 3

    /// Whether a row before the header is a title: it has fewer than two values.
    static func isTitle(_ fields: [String]) -> Bool {
        var values = 0
        for field in fields where !field.trimmedForImport.isEmpty {
            values += 1
            if values > 1 { return false }
        }
        return true
    }
}
