import PathwaySpreadsheet

/// A file as a person hands it over: a CSV (UTF-8 or GB18030) or an Excel/WPS workbook, read
/// into the same rows so that the schools, programmes, students and places importers never ask
/// which it was.
///
/// The kind is told from the bytes (a workbook is a zip archive), not from the file name,
/// because staff rename files and WPS saves `.et` and `.xlsx` alike.
public struct ImportSource: Sendable {
    public var bytes: [UInt8]
    /// The name used in every issue about this file.
    public var fileName: String
    /// How a CSV file is read; ignored for a workbook.
    public var reader: CSVReader
    /// The workbook's sheet to read; `nil` for its first. Ignored for CSV.
    public var sheet: String?

    public init(bytes: [UInt8], fileName: String, reader: CSVReader = CSVReader(), sheet: String? = nil) {
        self.bytes = bytes
        self.fileName = fileName
        self.reader = reader
        self.sheet = sheet
    }

    /// Whether the bytes are a workbook rather than CSV text.
    public var isWorkbook: Bool { XLSXReader.looksLikeWorkbook(bytes) }

    /// Reads the whole file.
    ///
    /// - Throws: an `ImportIssue` when the file cannot be read at all (see `CSVReader.read`);
    ///   problems confined to one row are in the table's `issues`.
    public func read() throws(ImportIssue) -> CSVTable {
        guard isWorkbook else { return try reader.read(bytes, fileName: fileName) }
        var rows: [CSVRow] = []
        var table = try scanWorkbook { row, _ in
            rows.append(row)
            return true
        }
        table.rows = rows
        return table
    }

    /// Reads the whole file for a small importer: the table's own issues, or the one issue that
    /// kept it from being read at all, go into `diagnostics`; nil when it could not be read.
    public func table(reportingInto diagnostics: inout ImportDiagnostics) -> CSVTable? {
        do throws(ImportIssue) {
            let table = try read()
            diagnostics.report(contentsOf: table.issues)
            return table
        } catch {
            diagnostics.report(error)
            return nil
        }
    }

    /// Hands each record to `record` (with the header), as `CSVReader.read(_:fileName:record:)`
    /// does, and returns the table without its rows.
    public func scan(record: (CSVRow, _ header: (fields: [String], row: Int)) -> Bool) throws(ImportIssue) -> CSVTable {
        guard isWorkbook else { return try reader.read(bytes, fileName: fileName, record: record) }
        return try scanWorkbook(record: record)
    }

    private func scanWorkbook(
        record: (CSVRow, _ header: (fields: [String], row: Int)) -> Bool
    ) throws(ImportIssue) -> CSVTable {
        let sheet: Sheet
        do throws(SpreadsheetError) {
            sheet = try XLSXReader().read(bytes, sheet: self.sheet)
        } catch {
            throw ImportIssue(file: fileName, message: error.message, chineseMessage: error.chineseMessage)
        }
        guard !sheet.rows.isEmpty else {
            throw ImportIssue(
                file: fileName, message: "the sheet \(ImportIssue.quoted(sheet.name)) is empty; expected a header row",
                chineseMessage: "工作表\(ImportIssue.chineseQuoted(sheet.name))是空的；应当有一行表头")
        }
        var titles = 0
        while titles < min(sheet.rows.count, HeaderLocator.maximumTitleRows), HeaderLocator.isTitle(sheet.rows[titles].cells) {
            titles += 1
        }
        // Only rows of one value, or more of them than titles can be: the first is the header.
        if titles == sheet.rows.count || HeaderLocator.isTitle(sheet.rows[titles].cells) { titles = 0 }
        let headerRow = sheet.rows[titles]
        let header = headerRow.cells
        var issues: [ImportIssue] = []
        for row in sheet.rows[(titles + 1)...] {
            if row.cells.count > header.count,
               let extra = row.cells[header.count...].firstIndex(where: { !$0.trimmedForImport.isEmpty }) {
                issues.append(
                    ImportIssue(
                        file: fileName, row: row.number, column: "column \(extra + 1)", value: row.cells[extra],
                        message: "is in a column that has no header",
                        chineseMessage: "所在的列没有表头"))
            }
            guard record(CSVRow(number: row.number, line: row.number, fields: row.cells), (header, headerRow.number))
            else { break }
        }
        // Blank rows are not returned by the workbook reader; count those between header and last row.
        let lastRow = sheet.rows.last?.number ?? headerRow.number
        let skippedBlankRows = lastRow - headerRow.number - (sheet.rows.count - titles - 1)
        return CSVTable(
            fileName: fileName, encoding: .xlsx, header: header, headerRow: headerRow.number, rows: [],
            skippedBlankRows: skippedBlankRows, issues: issues)
    }
}
