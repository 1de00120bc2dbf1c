import Foundation
import ZIPFoundation

/// Writes `.xlsx` workbooks that open as they should in Excel, WPS and LibreOffice.
///
/// Cells are typed so that the file says what each value is: ids and phone numbers are text
/// cells with the text (`@`) format, so no program turns `000123` into `123` or an 18-digit id
/// into `1.23457E+17`; dates are real date cells that sort and filter as dates. Each sheet gets
/// a bold header row, frozen on request, with an autofilter, and column widths.
public struct XLSXWriter: Sendable {
    /// One cell's value and the type it is stored as.
    public enum Cell: Sendable, Hashable {
        /// Always a string cell in the text format, whatever it looks like: ids, phone numbers
        /// and codes keep every digit and leading zero. At most 32,767 characters (Excel's limit).
        case text(String)
        /// A number; `decimals` nil shows it in the General format, 0...4 with that many
        /// decimal places (`1` is `0.0`; other values are clamped to 0...4). NaN and infinities,
        /// which Excel cannot store, are written as the error `#NUM!`.
        case number(Double, decimals: Int?)
        /// A date cell shown as `yyyy-mm-dd`; 1900-01-01...9999-12-31.
        case date(year: Int, month: Int, day: Int)
        /// A date and time cell shown as `yyyy-mm-dd hh:mm:ss`; a wall-clock time, no time zone.
        case dateTime(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int)
        /// A boolean cell, shown as TRUE/FALSE (WPS: 是/否 in Chinese locales).
        case boolean(Bool)
        /// No cell at all.
        case empty

        /// A text cell, or no cell for nil: an optional field of a record.
        public static func text(orEmpty value: String?) -> Cell {
            value.map { .text($0) } ?? .empty
        }
    }

    /// A column's header and width.
    public struct Column: Sendable, Hashable {
        /// The header row's text.
        public var header: String
        /// The width in Excel's character units (widths of a `0`), clamped to 0...255; nil
        /// estimates it from the header and the column's contents, counting CJK characters as
        /// two, clamped to 6...60 so that a stray long note does not make a column unusable.
        public var width: Double?

        /// A column headed `header`, `width` characters wide (nil: estimated).
        public init(header: String, width: Double? = nil) {
            self.header = header
            self.width = width
        }
    }

    /// One sheet to write.
    public struct SheetContent: Sendable, Hashable {
        /// The tab name. Characters Excel forbids (`[]:*?/\`) become `_`, names are cut to 31
        /// characters, and a name already used (ignoring case) gets ` (2)`, ` (3)`, ...
        public var name: String
        /// The columns, whose headers form row 1. With no columns there is no header row (and
        /// so no frozen row and no autofilter).
        public var columns: [Column]
        /// The data rows, from row 2 (row 1 without columns); a row may be shorter or longer
        /// than `columns`.
        public var rows: [[Cell]]
        /// Whether the header row stays in view while scrolling.
        public var freezeHeader: Bool
        /// Lines above the header (`XX县2026届初中毕业生名单`), one bold cell each, as county
        /// lists have them; the header and the rows move down by as many rows.
        public var titles: [String]

        /// A sheet named `name` with `titles`, a header of `columns` and `rows` below them.
        public init(name: String, columns: [Column], rows: [[Cell]], freezeHeader: Bool = true, titles: [String] = []) {
            self.name = name
            self.columns = columns
            self.rows = rows
            self.freezeHeader = freezeHeader
            self.titles = titles
        }
    }

    /// A writer; it has no options and keeps no state between calls.
    public init() {}

    /// The bytes of a workbook holding `sheets` in order, the first one active. Throws
    /// `emptyWorkbook` for no sheets (Excel needs one), `tooLarge` beyond Excel's 1,048,576 rows or
    /// 16,384 columns, and `invalidCell` for an impossible date or time or an over-long text.
    public func workbook(_ sheets: [SheetContent]) throws(SpreadsheetError) -> [UInt8] {
        guard !sheets.isEmpty else { throw SpreadsheetError(.emptyWorkbook) }
        let names = SheetNames.sanitized(sheets.map(\.name))
        var strings = SharedStringTable()
        var worksheets: [(path: String, xml: String)] = []
        var filters: [(sheet: Int, range: String)] = []
        for (index, sheet) in sheets.enumerated() {
            let written = try WorksheetWriter(sheet: sheet, name: names[index], isFirst: index == 0)
                .xml(strings: &strings)
            worksheets.append(("xl/worksheets/sheet\(index + 1).xml", written.xml))
            if let range = written.filterRange { filters.append((index, range)) }
        }

        var parts: [(path: String, xml: String)] = []
        parts.append(("[Content_Types].xml", PackageParts.contentTypes(sheetCount: sheets.count)))
        parts.append(("_rels/.rels", PackageParts.packageRelationships))
        parts.append(("xl/workbook.xml", PackageParts.workbook(names: names, filters: filters)))
        parts.append(("xl/_rels/workbook.xml.rels", PackageParts.workbookRelationships(sheetCount: sheets.count)))
        parts.append(("xl/styles.xml", PackageParts.styles))
        parts.append(("xl/sharedStrings.xml", strings.xml))
        parts.append(contentsOf: worksheets)
        return try Self.zip(parts)
    }

    /// A fixed modification time for every entry, so that the same sheets give the same bytes.
    private static let entryDate = Date(timeIntervalSince1970: 946_728_000)

    /// The parts deflated into an in-memory zip archive.
    private static func zip(_ parts: [(path: String, xml: String)]) throws(SpreadsheetError) -> [UInt8] {
        let archive: Archive
        do {
            archive = try Archive(accessMode: .create)
        } catch {
            throw SpreadsheetError.malformed("(archive)", "the zip archive could not be created")
        }
        for part in parts {
            let data = Data(part.xml.utf8)
            do {
                try archive.addEntry(
                    with: part.path, type: .file, uncompressedSize: Int64(data.count), modificationDate: entryDate,
                    compressionMethod: .deflate, bufferSize: 256 * 1024
                ) { position, size in
                    let start = data.startIndex + Int(position)
                    return data.subdata(in: start..<min(start + size, data.endIndex))
                }
            } catch {
                throw SpreadsheetError.malformed(part.path, "could not be added to the zip archive")
            }
        }
        guard let data = archive.data else {
            throw SpreadsheetError.malformed("(archive)", "the zip archive has no data")
        }
        return [UInt8](data)
    }
}

/// Sheet names made acceptable to Excel.
enum SheetNames {
    /// Excel's longest sheet name, in UTF-16 units.
    static let maximumLength = 31

    /// `names` with forbidden characters replaced, cut to 31 characters and made unique
    /// ignoring case, as Excel compares them; an empty name becomes `SheetN`.
    static func sanitized(_ names: [String]) -> [String] {
        var used: Set<String> = []
        var result: [String] = []
        for (index, name) in names.enumerated() {
            var base = cleaned(name)
            if base.isEmpty { base = "Sheet\(index + 1)" }
            base = cut(base, to: maximumLength)
            var candidate = base
            var number = 2
            while used.contains(candidate.lowercased()) {
                let suffix = " (\(number))"
                candidate = cut(base, to: maximumLength - suffix.utf16.count) + suffix
                number += 1
            }
            used.insert(candidate.lowercased())
            result.append(candidate)
        }
        return result
    }

    private static func cleaned(_ name: String) -> String {
        var result = ""
        for scalar in name.unicodeScalars {
            switch scalar {
            case "[", "]", ":", "*", "?", "/", "\\": result += "_"
            default:
                if scalar.value >= 0x20, XMLText.isAllowed(scalar) { result.unicodeScalars.append(scalar) }
            }
        }
        // Excel refuses a name that starts or ends with an apostrophe, and reserves "History".
        if result.hasPrefix("'") { result = "_" + result.dropFirst() }
        if result.hasSuffix("'") { result = String(result.dropLast()) + "_" }
        if result.lowercased() == "history" { result += "_" }
        return result
    }

    /// The longest prefix of whole characters within `limit` UTF-16 units.
    private static func cut(_ text: String, to limit: Int) -> String {
        guard text.utf16.count > limit else { return text }
        var result = ""
        var length = 0
        for character in text {
            let count = character.utf16.count
            if length + count > limit { break }
            result.append(character)
            length += count
        }
        return result
    }
}

/// The shared string table the writer fills: each distinct text stored once, which keeps files
/// with repeated values (school names, categories) small.
struct SharedStringTable {
    private var indices: [String: Int] = [:]
    private var strings: [String] = []
    private var references = 0

    /// The index of `text`, adding it when new.
    mutating func index(of text: String) -> Int {
        references += 1
        if let index = indices[text] { return index }
        let index = strings.count
        indices[text] = index
        strings.append(text)
        return index
    }

    /// `xl/sharedStrings.xml`.
    var xml: String {
        var output = PackageParts.declaration
        output += "<sst xmlns=\"\(PackageParts.mainNamespace)\" count=\"\(references)\" uniqueCount=\"\(strings.count)\">"
        for text in strings {
            let keepsBlanks =
                text.first.map { $0.isWhitespace } == true || text.last.map { $0.isWhitespace } == true
                || text.contains("\n") || text.contains("\t")
            output += keepsBlanks ? "<si><t xml:space=\"preserve\">" : "<si><t>"
            XMLText.appendContent(text, to: &output, excelEscapes: true)
            output += "</t></si>"
        }
        output += "</sst>"
        return output
    }
}
