/// The XML of one worksheet part, written by string building.
struct WorksheetWriter {
    /// Excel's sheet size: more rows or columns and Excel refuses to open the file.
    static let rowLimit = 1_048_576
    static let columnLimit = 16_384
    /// Excel's longest cell text.
    static let textLimit = 32_767

    private let sheet: XLSXWriter.SheetContent
    private let name: String
    private let isFirst: Bool
    private let columnCount: Int
    private let rowCount: Int
    private var hasHeader: Bool { !sheet.columns.isEmpty }

    /// Checks the sheet against Excel's size limits.
    init(sheet: XLSXWriter.SheetContent, name: String, isFirst: Bool) throws(SpreadsheetError) {
        self.sheet = sheet
        self.name = name
        self.isFirst = isFirst
        let widest = sheet.rows.lazy.map { row in (row.lastIndex { $0 != .empty } ?? -1) + 1 }.max() ?? 0
        columnCount = max(sheet.columns.count, widest)
        rowCount = sheet.titles.count + sheet.rows.count + (sheet.columns.isEmpty ? 0 : 1)
        guard rowCount <= Self.rowLimit else {
            throw SpreadsheetError.tooLarge("1,048,576 rows in a sheet", chinese: "每个工作表 1,048,576 行的上限")
        }
        guard columnCount <= Self.columnLimit else {
            throw SpreadsheetError.tooLarge("16,384 columns in a sheet", chinese: "每个工作表 16,384 列的上限")
        }
    }

    /// The part's XML, its texts added to `strings`, and the autofilter's range for the
    /// workbook's `_FilterDatabase` name (nil without a header).
    func xml(strings: inout SharedStringTable) throws(SpreadsheetError) -> (xml: String, filterRange: String?) {
        let letters = (0..<columnCount).map(WorksheetHandler.columnName)
        let lastCell = columnCount > 0 && rowCount > 0 ? "\(letters[columnCount - 1])\(rowCount)" : "A1"
        var output = PackageParts.declaration
        output.reserveCapacity(32 * rowCount * max(columnCount, 1) + 1024)
        output += "<worksheet xmlns=\"\(PackageParts.mainNamespace)\" xmlns:r=\"\(PackageParts.relationshipsNamespace)\">"
        output += "<dimension ref=\"\(lastCell == "A1" ? "A1" : "A1:" + lastCell)\"/>"
        output += "<sheetViews><sheetView workbookViewId=\"0\"\(isFirst ? " tabSelected=\"1\"" : "")>"
        let headerRow = sheet.titles.count + 1
        if hasHeader && sheet.freezeHeader {
            let first = "A\(headerRow + 1)"
            output += "<pane ySplit=\"\(headerRow)\" topLeftCell=\"\(first)\" activePane=\"bottomLeft\" state=\"frozen\"/>"
            output += "<selection pane=\"bottomLeft\" activeCell=\"\(first)\" sqref=\"\(first)\"/>"
        }
        output += "</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>"
        if columnCount > 0 {
            output += "<cols>"
            for (index, width) in widths().enumerated() {
                output += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(NumberText.plain(width))\" customWidth=\"1\"/>"
            }
            output += "</cols>"
        }
        output += "<sheetData>"
        var rowNumber = 0
        for title in sheet.titles {
            rowNumber += 1
            output += "<row r=\"\(rowNumber)\">"
            try appendText(title, style: CellStyle.header, column: "A", row: String(rowNumber), to: &output, strings: &strings)
            output += "</row>"
        }
        if hasHeader {
            rowNumber += 1
            output += "<row r=\"\(rowNumber)\">"
            for (index, column) in sheet.columns.enumerated() {
                try appendText(
                    column.header, style: CellStyle.header, column: letters[index], row: String(rowNumber), to: &output,
                    strings: &strings)
            }
            output += "</row>"
        }
        for row in sheet.rows {
            rowNumber += 1
            let number = String(rowNumber)
            output += "<row r=\"" + number + "\">"
            // Trailing empty cells may lie beyond `columnCount`: skip them before indexing.
            for index in row.indices where row[index] != .empty {
                try appendCell(row[index], column: letters[index], row: number, to: &output, strings: &strings)
            }
            output += "</row>"
        }
        output += "</sheetData>"
        var filterRange: String?
        if hasHeader {
            output += "<autoFilter ref=\"A\(headerRow):\(lastCell)\"/>"
            let quotedName = "'" + name.replacingOccurrences(of: "'", with: "''") + "'"
            filterRange = "\(quotedName)!$A$\(headerRow):$\(letters[columnCount - 1])$\(rowCount)"
        }
        output += "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
        output += "</worksheet>"
        return (output, filterRange)
    }

    /// Appends `<c r="B7"` for the cell at `column` of the row numbered `row`.
    private func openCell(_ column: String, _ row: String, to output: inout String) {
        output += "<c r=\""
        output += column
        output += row
        output += "\""
    }

    private func appendCell(
        _ cell: XLSXWriter.Cell, column: String, row: String, to output: inout String,
        strings: inout SharedStringTable
    ) throws(SpreadsheetError) {
        switch cell {
        case .empty:
            return
        case .text(let text):
            try appendText(text, style: CellStyle.text, column: column, row: row, to: &output, strings: &strings)
        case .number(let value, let decimals):
            openCell(column, row, to: &output)
            guard value.isFinite else {
                output += " t=\"e\"><v>#NUM!</v></c>"
                return
            }
            if let decimals {
                output += " s=\""
                output += String(CellStyle.decimals(decimals))
                output += "\""
            }
            output += "><v>"
            output += NumberText.plain(value)
            output += "</v></c>"
        case .date(let year, let month, let day):
            guard let serial = DateSerial.serial(year: year, month: month, day: day) else {
                throw invalidDate("\(year)-\(month)-\(day)", column + row)
            }
            openCell(column, row, to: &output)
            output += Self.dateStyleAttribute
            output += String(serial)
            output += "</v></c>"
        case .dateTime(let year, let month, let day, let hour, let minute, let second):
            let text = "\(year)-\(month)-\(day) \(hour):\(minute):\(second)"
            guard let days = DateSerial.serial(year: year, month: month, day: day) else {
                throw invalidDate(text, column + row)
            }
            guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second) else {
                throw SpreadsheetError.invalidCell(
                    sheet: name, cell: column + row,
                    detail: "\(text) is not a time of day between 00:00:00 and 23:59:59",
                    chinese: "\(text) 不是 00:00:00 至 23:59:59 之间的时间")
            }
            let serial = Double(days) + Double(hour * 3600 + minute * 60 + second) / 86_400
            openCell(column, row, to: &output)
            output += Self.dateTimeStyleAttribute
            output += NumberText.plain(serial)
            output += "</v></c>"
        case .boolean(let value):
            openCell(column, row, to: &output)
            output += value ? " t=\"b\"><v>1</v></c>" : " t=\"b\"><v>0</v></c>"
        }
    }

    private static let dateStyleAttribute = " s=\"\(CellStyle.date)\"><v>"
    private static let dateTimeStyleAttribute = " s=\"\(CellStyle.dateTime)\"><v>"

    private func appendText(
        _ text: String, style: Int, column: String, row: String, to output: inout String,
        strings: inout SharedStringTable
    ) throws(SpreadsheetError) {
        guard text.utf8.count <= Self.textLimit || text.utf16.count <= Self.textLimit else {
            throw SpreadsheetError.invalidCell(
                sheet: name, cell: column + row, detail: "the text is longer than Excel's 32,767 characters",
                chinese: "文本超过 Excel 单元格 32,767 个字符的上限")
        }
        openCell(column, row, to: &output)
        output += " s=\""
        output += String(style)
        if text.isEmpty {
            output += "\"/>"
        } else {
            output += "\" t=\"s\"><v>"
            output += String(strings.index(of: text))
            output += "</v></c>"
        }
    }

    private func invalidDate(_ text: String, _ reference: String) -> SpreadsheetError {
        SpreadsheetError.invalidCell(
            sheet: name, cell: reference, detail: "\(text) is not a date between 1900-01-01 and 9999-12-31",
            chinese: "\(text) 不是 1900-01-01 至 9999-12-31 之间的日期")
    }

    /// Each column's width: the caller's, or estimated from the header (plus room for the
    /// filter button) and the widest content.
    private func widths() -> [Double] {
        var estimated = [Int](repeating: 0, count: columnCount)
        for (index, column) in sheet.columns.enumerated() where column.width == nil {
            estimated[index] = ColumnWidth.display(column.header) + 3
        }
        for row in sheet.rows {
            for index in row.indices where row[index] != .empty {
                let width = ColumnWidth.display(row[index])
                if width > estimated[index] { estimated[index] = width }
            }
        }
        return (0..<columnCount).map { index in
            if index < sheet.columns.count, let width = sheet.columns[index].width {
                return width.isFinite ? min(max(width, 0), 255) : 10
            }
            return min(max(Double(estimated[index]) + 1, 6), 60)
        }
    }
}

/// The indices of the cell formats (`cellXfs`) in `PackageParts.styles`.
enum CellStyle {
    static let general = 0
    /// Bold, text format: the header row.
    static let header = 1
    /// The text format `@`, so that Excel and WPS never turn a text into a number or date.
    static let text = 2
    static let date = 3
    static let dateTime = 4

    /// `0`, `0.0`, `0.00`, `0.000`, `0.0000` for 0...4 decimals (others clamped).
    static func decimals(_ count: Int) -> Int {
        5 + min(max(count, 0), 4)
    }
}

/// How wide a value looks, in widths of a `0`.
enum ColumnWidth {
    /// The widest line of `text`; East Asian wide characters count as two.
    static func display(_ text: String) -> Int {
        var isPlainASCII = true
        for byte in text.utf8 where byte >= 0x80 || byte == 0x0A {
            isPlainASCII = false
            break
        }
        if isPlainASCII { return text.utf8.count }
        var widest = 0
        var current = 0
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                widest = max(widest, current)
                current = 0
            } else {
                current += isWide(scalar) ? 2 : 1
            }
        }
        return max(widest, current)
    }

    /// The width of a cell as Excel shows it.
    static func display(_ cell: XLSXWriter.Cell) -> Int {
        switch cell {
        case .text(let text): display(text)
        case .number(let value, let decimals):
            if !value.isFinite {
                5
            } else if let decimals {
                NumberText.plain(value.rounded(.towardZero)).utf8.count + (value < 0 && value > -1 ? 1 : 0)
                    + (decimals > 0 ? min(decimals, 4) + 1 : 0)
            } else {
                min(NumberText.plain(value).utf8.count, 11)
            }
        case .date: 10
        case .dateTime: 19
        case .boolean: 5
        case .empty: 0
        }
    }

    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
            0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            true
        default:
            false
        }
    }
}
