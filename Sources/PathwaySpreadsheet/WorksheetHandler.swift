import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads a worksheet part's `<sheetData>` into rows of cell texts as the parser streams it.
///
/// Only `<row>`, `<c>`, `<v>` and inline-string `<t>` matter; formulas (`<f>`) are skipped and
/// their cached result (`<v>`) is taken, which is what Excel shows. Each cell is turned into
/// text as soon as it ends, and only non-empty texts are stored, so styled but empty cells
/// (whole formatted columns, `<c r="XFD9" s="3"/>`) cost nothing.
final class WorksheetHandler: SAXHandler {
    /// More rows than Excel's 1,048,576, to allow for other writers, but bounded.
    static let rowLimit = 2_000_000
    /// Excel's column count, A...XFD.
    static let columnLimit = 16_384

    var rows: [SheetRow] = []
    var failure: SpreadsheetError?

    private let part: String
    private let sharedStrings: [String]
    private let dateStyles: [Bool]
    private let uses1904DateSystem: Bool

    private var inSheetData = false
    private var rowCount = 0
    private var rowNumber = 0
    private var previousRowNumber = 0
    private var rowsAscending = true
    private var cells: [String] = []
    private var nextColumn = 0

    private var column = 0
    private var type = CellType.number
    private var style = 0
    private var capture = Capture.none
    private var inInlineString = false
    private var phoneticDepth = 0
    private var value = ""
    private var inlineText = ""

    private enum Capture { case none, value, inlineText }

    /// The `t` attribute of a cell.
    private enum CellType {
        case number, sharedString, inlineString, formulaString, boolean, error, isoDate, other

        init(_ attribute: String?) {
            switch attribute {
            case nil, "n": self = .number
            case "s": self = .sharedString
            case "inlineStr": self = .inlineString
            case "str": self = .formulaString
            case "b": self = .boolean
            case "e": self = .error
            case "d": self = .isoDate
            default: self = .other
            }
        }
    }

    init(part: String, sharedStrings: [String], dateStyles: [Bool], uses1904DateSystem: Bool) {
        self.part = part
        self.sharedStrings = sharedStrings
        self.dateStyles = dateStyles
        self.uses1904DateSystem = uses1904DateSystem
    }

    /// The rows in ascending row number, once the parse has finished.
    var sortedRows: [SheetRow] {
        if rowsAscending { return rows }
        return rows.enumerated().sorted { ($0.element.number, $0.offset) < ($1.element.number, $1.offset) }
            .map(\.element)
    }

    func startElement(_ name: String, attributes: [String: String], parser: XMLParser) {
        switch name {
        case "c" where inSheetData:
            if let reference = attributes["r"], let index = Self.columnIndex(reference) {
                column = index
            } else {
                column = nextColumn
            }
            guard column < Self.columnLimit else {
                return fail(.tooLarge("16,384 columns", chinese: " 16,384 列的上限"), parser)
            }
            type = CellType(attributes["t"])
            style = attributes["s"].flatMap { Int($0) } ?? 0
            value = ""
            inlineText = ""
        case "v" where inSheetData:
            capture = .value
        case "is" where inSheetData:
            inInlineString = true
        case "t" where inInlineString && phoneticDepth == 0:
            capture = .inlineText
        case "rPh" where inInlineString:
            phoneticDepth += 1
        case "row" where inSheetData:
            startRow(attributes["r"], parser)
        case "sheetData":
            inSheetData = true
        default:
            break
        }
    }

    func endElement(_ name: String, parser: XMLParser) {
        switch name {
        case "c" where inSheetData:
            endCell(parser)
        case "v", "t":
            capture = .none
        case "is":
            inInlineString = false
        case "rPh" where inInlineString:
            phoneticDepth -= 1
        case "row" where inSheetData:
            endRow()
        case "sheetData":
            inSheetData = false
        default:
            break
        }
    }

    func characters(_ string: String) {
        switch capture {
        case .none: break
        case .value: value += string
        case .inlineText: inlineText += string
        }
    }

    private func fail(_ error: SpreadsheetError, _ parser: XMLParser) {
        if failure == nil { failure = error }
        parser.abortParsing()
    }

    private func startRow(_ reference: String?, _ parser: XMLParser) {
        rowCount += 1
        if let reference, let number = Int(reference), number > 0 {
            rowNumber = number
        } else {
            rowNumber = previousRowNumber + 1
        }
        guard rowCount <= Self.rowLimit, rowNumber <= Self.rowLimit else {
            return fail(.tooLarge("2,000,000 rows", chinese: " 2,000,000 行的上限"), parser)
        }
        if rowNumber < previousRowNumber { rowsAscending = false }
        cells.removeAll(keepingCapacity: true)
        nextColumn = 0
    }

    private func endRow() {
        while cells.last?.isEmpty == true { cells.removeLast() }
        if !cells.isEmpty { rows.append(SheetRow(number: rowNumber, cells: cells)) }
        previousRowNumber = rowNumber
        cells.removeAll(keepingCapacity: true)
    }

    private func endCell(_ parser: XMLParser) {
        capture = .none
        nextColumn = column + 1
        let text: String
        switch type {
        case .number:
            text = numberText()
        case .sharedString:
            guard !value.isEmpty else { return }
            guard let index = Int(value) ?? Int(value.trimmingCharacters(in: .whitespacesAndNewlines)),
                sharedStrings.indices.contains(index)
            else {
                return fail(
                    .malformed(
                        part,
                        "cell \(Self.columnName(column))\(rowNumber) refers to shared string \(value), "
                            + "but there are \(sharedStrings.count)"),
                    parser)
            }
            text = sharedStrings[index]
        case .inlineString:
            text = ExcelText.decodingEscapes(inlineText.isEmpty ? value : inlineText)
        case .formulaString:
            text = ExcelText.decodingEscapes(value)
        case .boolean:
            switch value {
            case "1", "true", "TRUE": text = "TRUE"
            case "0", "false", "FALSE": text = "FALSE"
            default: text = value
            }
        case .isoDate:
            text = Self.isoDateText(value)
        case .error, .other:
            text = value
        }
        guard !text.isEmpty else { return }
        if column < cells.count {
            cells[column] = text
        } else {
            if column > cells.count { cells.append(contentsOf: repeatElement("", count: column - cells.count)) }
            cells.append(text)
        }
    }

    /// A number cell's text: a date when its style is a date format, else the number.
    private func numberText() -> String {
        guard !value.isEmpty else { return "" }
        if style >= 0, style < dateStyles.count, dateStyles[style], let serial = Double(value),
            let date = DateSerial.text(serial: serial, uses1904DateSystem: uses1904DateSystem)
        {
            return date
        }
        return NumberText.text(value: value)
    }

    /// `t="d"` cells hold ISO 8601 text (`2026-09-01T08:30:00Z`); shown like serial dates, as
    /// `yyyy-MM-dd` or `yyyy-MM-dd HH:mm:ss`. Anything else is kept as written.
    static func isoDateText(_ text: String) -> String {
        let utf8 = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Bool {
            range.upperBound <= utf8.count && utf8[range].allSatisfy { $0 &- UInt8(ascii: "0") < 10 }
        }
        guard digits(0..<4), utf8.count >= 10, utf8[4] == UInt8(ascii: "-"), digits(5..<7),
            utf8[7] == UInt8(ascii: "-"), digits(8..<10)
        else { return text }
        let date = String(decoding: utf8[0..<10], as: UTF8.self)
        guard utf8.count >= 19, utf8[10] == UInt8(ascii: "T") || utf8[10] == UInt8(ascii: " "), digits(11..<13),
            utf8[13] == UInt8(ascii: ":"), digits(14..<16), utf8[16] == UInt8(ascii: ":"), digits(17..<19)
        else { return date }
        let time = String(decoding: utf8[11..<19], as: UTF8.self)
        return time == "00:00:00" ? date : date + " " + time
    }

    /// The zero-based column of a cell reference (`A1` → 0, `AA12` → 26), or nil when it has no
    /// column letters.
    static func columnIndex(_ reference: String) -> Int? {
        var index = 0
        var letters = 0
        for byte in reference.utf8 {
            let letter: UInt8
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): letter = byte - UInt8(ascii: "A")
            case UInt8(ascii: "a")...UInt8(ascii: "z"): letter = byte - UInt8(ascii: "a")
            case UInt8(ascii: "$"): continue
            default:
                return letters == 0 ? nil : index - 1
            }
            letters += 1
            index = min(index * 26 + Int(letter) + 1, columnLimit + 1)
        }
        return letters == 0 ? nil : index - 1
    }

    /// The letters of a zero-based column (0 → `A`, 26 → `AA`).
    static func columnName(_ index: Int) -> String {
        var index = index + 1
        var letters: [UInt8] = []
        while index > 0 {
            let remainder = (index - 1) % 26
            letters.append(UInt8(ascii: "A") + UInt8(remainder))
            index = (index - 1) / 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }
}
