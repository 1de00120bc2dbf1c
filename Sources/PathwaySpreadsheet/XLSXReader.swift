import Foundation

/// Reads `.xlsx` workbooks (Office Open XML, as Excel, WPS and LibreOffice write them) into
/// sheets of cell texts.
///
/// Every cell comes back as the text a person sees or typed: shared and inline strings as
/// stored, numbers in plain decimal (`36.5`, `120`), dates as `yyyy-MM-dd` (with
/// ` HH:mm:ss` when there is a time), booleans as `TRUE`/`FALSE`, errors as `#N/A`. Typed
/// interpretation is left to the caller so that xlsx and CSV input go through the same
/// validation. The whole file is held in memory, but sheets are parsed by streaming, never as
/// a document tree.
public struct XLSXReader: Sendable {
    /// A reader; it has no options and keeps no state between calls.
    public init() {}

    /// Sheet names in workbook (tab) order, hidden sheets included, so that a caller can offer
    /// a choice or check a name before reading.
    public func sheetNames(_ data: [UInt8]) throws(SpreadsheetError) -> [String] {
        let workbook = try OpenWorkbook(data)
        guard !workbook.info.sheets.isEmpty else { throw SpreadsheetError(.emptyWorkbook) }
        return workbook.info.sheets.map(\.name)
    }

    /// Reads one sheet: the one named `sheet` (matched exactly, then case-insensitively after
    /// trimming blanks, since people type names from memory), or when `sheet` is nil the first
    /// visible worksheet in tab order (the first sheet when all are hidden), which is the one
    /// Excel opens on in a workbook saved by a template.
    public func read(_ data: [UInt8], sheet: String? = nil) throws(SpreadsheetError) -> Sheet {
        let workbook = try OpenWorkbook(data)
        let index = try workbook.sheetIndex(named: sheet)
        let entry = workbook.info.sheets[index]
        let partPath = try workbook.partPath(ofSheet: index)
        guard let part = try workbook.archive.part(partPath) else {
            throw SpreadsheetError.malformed(partPath, "the part of sheet \"\(entry.name)\" is missing")
        }
        let handler = WorksheetHandler(
            part: partPath, sharedStrings: try workbook.sharedStrings(), dateStyles: try workbook.dateStyles(),
            uses1904DateSystem: workbook.info.uses1904DateSystem)
        try SAX.parse(part, part: partPath, with: handler)
        return Sheet(name: entry.name, rows: handler.sortedRows)
    }

    /// Whether the bytes start like a zip archive (`PK\u{3}\u{4}`), for callers choosing
    /// between the CSV and the xlsx reader by content rather than by file extension.
    public static func looksLikeWorkbook(_ data: [UInt8]) -> Bool {
        data.starts(with: [0x50, 0x4B, 0x03, 0x04])
    }
}

/// A workbook's archive with its main part parsed: what every read needs first.
private struct OpenWorkbook {
    let archive: WorkbookArchive
    /// The workbook part's path, normally `xl/workbook.xml`.
    let path: String
    let info: WorkbookInfo
    /// The workbook part's relationships (sheets, styles, shared strings).
    let relationships: [Relationship]

    init(_ data: [UInt8]) throws(SpreadsheetError) {
        let archive = try WorkbookArchive(data)
        let path = try Self.workbookPath(in: archive)
        guard let part = try archive.part(path) else { throw SpreadsheetError(.notAWorkbook) }
        let handler = WorkbookHandler()
        try SAX.parse(part, part: path, with: handler)
        guard handler.isWorkbook else { throw SpreadsheetError(.notAWorkbook) }

        let relationshipsPath = Self.relationshipsPath(of: path)
        var relationships: [Relationship] = []
        if let relationshipsPart = try archive.part(relationshipsPath) {
            let relationshipsHandler = RelationshipsHandler(base: path)
            try SAX.parse(relationshipsPart, part: relationshipsPath, with: relationshipsHandler)
            relationships = relationshipsHandler.relationships
        }
        self.archive = archive
        self.path = path
        self.info = handler.info
        self.relationships = relationships
    }

    /// The main part the package's relationships name, falling back to `xl/workbook.xml` for
    /// writers that leave `_rels/.rels` out. A main part that is not XML (`.xlsb`) or a package
    /// without one (a .zip of CSVs) is not a workbook this reader can read.
    private static func workbookPath(in archive: WorkbookArchive) throws(SpreadsheetError) -> String {
        if let part = try? archive.part("_rels/.rels") {
            let handler = RelationshipsHandler(base: "")
            if (try? SAX.parse(part, part: "_rels/.rels", with: handler)) != nil,
                let main = handler.relationships.first(where: { $0.kind == "officeDocument" })
            {
                guard main.target.lowercased().hasSuffix(".xml") else { throw SpreadsheetError(.notAWorkbook) }
                if archive.contains(main.target) { return main.target }
            }
        }
        guard archive.contains("xl/workbook.xml") else { throw SpreadsheetError(.notAWorkbook) }
        return "xl/workbook.xml"
    }

    /// `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`.
    private static func relationshipsPath(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "_rels/" + path + ".rels" }
        return path[...slash] + "_rels/" + path[path.index(after: slash)...] + ".rels"
    }

    /// A part next to the workbook part, by file name (`styles.xml` → `xl/styles.xml`).
    private func sibling(_ name: String) -> String {
        WorkbookArchive.resolve(name, relativeTo: path)
    }

    /// The part a relationship leads to: its resolved target, or the target read from the
    /// archive root when only that exists.
    private func path(of relationship: Relationship) -> String {
        if !archive.contains(relationship.target), archive.contains(relationship.rawTarget) {
            return relationship.rawTarget
        }
        return relationship.target
    }

    /// The part of the first relationship of `kind`, else `fallback` next to the workbook part.
    private func part(ofKind kind: String, fallback: String) -> String {
        guard let relationship = relationships.first(where: { $0.kind == kind }) else { return sibling(fallback) }
        return path(of: relationship)
    }

    /// The index of the sheet to read; see `XLSXReader.read`.
    func sheetIndex(named name: String?) throws(SpreadsheetError) -> Int {
        let sheets = info.sheets
        guard !sheets.isEmpty else { throw SpreadsheetError(.emptyWorkbook) }
        guard let name else {
            let isWorksheet = { (entry: SheetEntry) -> Bool in
                guard let id = entry.relationshipID, let target = relationships.first(where: { $0.id == id })
                else { return true }
                return target.kind == "worksheet"
            }
            return sheets.firstIndex { !$0.isHidden && isWorksheet($0) }
                ?? sheets.firstIndex { !$0.isHidden } ?? 0
        }
        if let index = sheets.firstIndex(where: { $0.name == name }) { return index }
        let key = name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if let index = sheets.firstIndex(where: {
            $0.name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() == key
        }) {
            return index
        }
        throw SpreadsheetError(.noSuchSheet(name: name, available: sheets.map(\.name)))
    }

    /// The part of sheet `index`: its relationship's target, or `worksheets/sheetN.xml` for a
    /// workbook whose relationships are missing.
    func partPath(ofSheet index: Int) throws(SpreadsheetError) -> String {
        let entry = info.sheets[index]
        if let id = entry.relationshipID, let relationship = relationships.first(where: { $0.id == id }) {
            return path(of: relationship)
        }
        let guess = sibling("worksheets/sheet\(index + 1).xml")
        guard archive.contains(guess) else {
            throw SpreadsheetError.malformed(
                Self.relationshipsPath(of: path), "no part is given for sheet \"\(entry.name)\"")
        }
        return guess
    }

    /// The shared string table; empty when the workbook has none (every string inline).
    func sharedStrings() throws(SpreadsheetError) -> [String] {
        let partPath = part(ofKind: "sharedStrings", fallback: "sharedStrings.xml")
        guard let part = try archive.part(partPath) else { return [] }
        let handler = SharedStringsHandler()
        try SAX.parse(part, part: partPath, with: handler)
        return handler.strings
    }

    /// For each cell style, whether it shows numbers as dates; empty without a styles part.
    func dateStyles() throws(SpreadsheetError) -> [Bool] {
        let partPath = part(ofKind: "styles", fallback: "styles.xml")
        guard let part = try archive.part(partPath) else { return [] }
        let handler = StylesHandler()
        try SAX.parse(part, part: partPath, with: handler)
        return handler.dateStyles
    }
}
