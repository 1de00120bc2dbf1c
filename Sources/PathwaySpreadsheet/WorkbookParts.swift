import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// One `<sheet>` of `xl/workbook.xml`.
struct SheetEntry {
    /// The tab's name.
    var name: String
    /// The relationship id (`r:id`) that leads to the sheet's part.
    var relationshipID: String?
    /// Hidden or very hidden sheets are not chosen when the caller names no sheet.
    var isHidden: Bool
}

/// What `xl/workbook.xml` says: the sheets in tab order and the date system.
struct WorkbookInfo {
    var sheets: [SheetEntry] = []
    /// `<workbookPr date1904="1"/>`: serial 0 is 1904-01-01 (old Mac Excel) instead of 1899-12-31.
    var uses1904DateSystem = false
}

/// One `<Relationship>` of a `.rels` part.
struct Relationship {
    var id: String
    /// The relationship type URI; only its last path segment (`worksheet`, `sharedStrings`) is
    /// compared, so that transitional and strict OOXML namespaces both work.
    var type: String
    /// The target part, already resolved to an archive path.
    var target: String
    /// The target as written, which some writers give from the archive root without the
    /// leading `/` (`xl/worksheets/sheet1.xml` in `xl/_rels/workbook.xml.rels`).
    var rawTarget: String
    /// The last segment of `type`: `worksheet`, `styles`, `sharedStrings`, `officeDocument`.
    var kind: Substring {
        type.split(separator: "/").last ?? ""
    }
}

/// Reads `xl/workbook.xml`.
final class WorkbookHandler: SAXHandler {
    var info = WorkbookInfo()
    var failure: SpreadsheetError?
    /// Whether the root element is `<workbook>`: a .docx's main part parses too, but is not one.
    private(set) var isWorkbook = false
    private var sawRoot = false
    private var inSheets = false

    func startElement(_ name: String, attributes: [String: String], parser: XMLParser) {
        if !sawRoot {
            sawRoot = true
            isWorkbook = name == "workbook"
        }
        switch name {
        case "workbookPr":
            if let value = attributes["date1904"] {
                info.uses1904DateSystem = value == "1" || value.lowercased() == "true"
            }
        case "sheets":
            inSheets = true
        case "sheet" where inSheets:
            let state = attributes["state"] ?? "visible"
            info.sheets.append(
                SheetEntry(
                    name: attributes["name"] ?? "", relationshipID: SAX.attribute("id", in: attributes),
                    isHidden: state == "hidden" || state == "veryHidden"))
        default:
            break
        }
    }

    func endElement(_ name: String, parser: XMLParser) {
        if name == "sheets" { inSheets = false }
    }
}

/// Reads a `.rels` part, resolving each internal target against the part it belongs to.
final class RelationshipsHandler: SAXHandler {
    var relationships: [Relationship] = []
    var failure: SpreadsheetError?
    private let base: String

    /// Relationships of the part at `base` (`xl/workbook.xml`; `""` for the package's own).
    init(base: String) {
        self.base = base
    }

    func startElement(_ name: String, attributes: [String: String], parser: XMLParser) {
        guard name == "Relationship", attributes["TargetMode"] != "External",
            let id = attributes["Id"], let target = attributes["Target"]
        else { return }
        relationships.append(
            Relationship(
                id: id, type: attributes["Type"] ?? "", target: WorkbookArchive.resolve(target, relativeTo: base),
                rawTarget: WorkbookArchive.resolve(target, relativeTo: "")))
    }
}
