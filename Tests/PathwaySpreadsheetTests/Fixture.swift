import Foundation
import ZIPFoundation

/// Workbooks built in the test from hand-written parts, the way Excel, WPS and LibreOffice lay
/// them out, zipped with ZIPFoundation.
enum Fixture {
    struct NoArchiveData: Error {}

    /// How `workbook.xml.rels` names its targets: relative to `xl/` as Excel does, absolute
    /// (`/xl/...`), or from the root without the slash, as some generators wrongly do.
    enum Targets { case relative, absolute, rootWithoutSlash }

    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    /// A zip archive of `parts`, deflated unless `stored`.
    static func zip(_ parts: [(path: String, text: String)], stored: Bool = false) throws -> [UInt8] {
        let archive = try Archive(accessMode: .create)
        for part in parts {
            let data = Data(part.text.utf8)
            try archive.addEntry(
                with: part.path, type: .file, uncompressedSize: Int64(data.count),
                compressionMethod: stored ? .none : .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<min(Int(position) + size, data.count))
            }
        }
        guard let data = archive.data else { throw NoArchiveData() }
        return [UInt8](data)
    }

    /// An Excel-style workbook: `sheets` in order (a sheet is `(name, sheetData inner XML)`,
    /// or a whole worksheet part when it starts with `<?xml`), optional shared strings and
    /// styles parts, and extra attributes or elements for `workbook.xml`.
    static func workbook(
        sheets: [(name: String, data: String)], sharedStrings: String? = nil, styles: String? = nil,
        workbookPr: String = "<workbookPr defaultThemeVersion=\"166925\"/>", sheetAttributes: [String] = [],
        targets: Targets = .relative, stored: Bool = false
    ) throws -> [UInt8] {
        var parts: [(path: String, text: String)] = []
        parts.append(("[Content_Types].xml", contentTypes(sheetCount: sheets.count)))
        parts.append(
            (
                "_rels/.rels",
                declaration
                    + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
                    + "<Relationship Id=\"rId1\" Type=\"\(relationships)/officeDocument\" Target=\"xl/workbook.xml\"/>"
                    + "</Relationships>"
            ))
        var sheetElements = ""
        var rels = ""
        for (index, sheet) in sheets.enumerated() {
            let extra = index < sheetAttributes.count ? " " + sheetAttributes[index] : ""
            sheetElements += "<sheet name=\"\(sheet.name)\" sheetId=\"\(index + 1)\"\(extra) r:id=\"rId\(index + 1)\"/>"
            let target = Self.target("worksheets/sheet\(index + 1).xml", targets)
            rels += "<Relationship Id=\"rId\(index + 1)\" Type=\"\(relationships)/worksheet\" Target=\"\(target)\"/>"
            let part =
                sheet.data.hasPrefix("<?xml")
                ? sheet.data
                : declaration + "<worksheet xmlns=\"\(main)\" xmlns:r=\"\(relationships)\"><dimension ref=\"A1\"/>"
                    + "<sheetViews><sheetView workbookViewId=\"0\"/></sheetViews>"
                    + "<sheetFormatPr defaultRowHeight=\"14.25\"/><sheetData>\(sheet.data)</sheetData>"
                    + "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
                    + "</worksheet>"
            parts.append(("xl/worksheets/sheet\(index + 1).xml", part))
        }
        let base = sheets.count
        if let sharedStrings {
            let target = Self.target("sharedStrings.xml", targets)
            rels += "<Relationship Id=\"rId\(base + 1)\" Type=\"\(relationships)/sharedStrings\" Target=\"\(target)\"/>"
            parts.append(("xl/sharedStrings.xml", declaration + sharedStrings))
        }
        if let styles {
            let target = Self.target("styles.xml", targets)
            rels += "<Relationship Id=\"rId\(base + 2)\" Type=\"\(relationships)/styles\" Target=\"\(target)\"/>"
            parts.append(("xl/styles.xml", declaration + styles))
        }
        parts.append(
            (
                "xl/workbook.xml",
                declaration + "<workbook xmlns=\"\(main)\" xmlns:r=\"\(relationships)\">"
                    + "<fileVersion appName=\"xl\" lastEdited=\"7\" lowestEdited=\"7\" rupBuild=\"27425\"/>"
                    + workbookPr
                    + "<bookViews><workbookView xWindow=\"0\" yWindow=\"0\" windowWidth=\"28800\" windowHeight=\"12300\"/></bookViews>"
                    + "<sheets>\(sheetElements)</sheets><calcPr calcId=\"191029\"/></workbook>"
            ))
        parts.append(
            (
                "xl/_rels/workbook.xml.rels",
                declaration + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + rels + "</Relationships>"
            ))
        parts.append(("docProps/core.xml", declaration + "<cp:coreProperties xmlns:cp=\"x\"/>"))
        return try zip(parts, stored: stored)
    }

    private static func target(_ path: String, _ targets: Targets) -> String {
        switch targets {
        case .relative: path
        case .absolute: "/xl/" + path
        case .rootWithoutSlash: "xl/" + path
        }
    }

    /// A styles part whose `cellXfs` use `formatIDs` in order, with `custom` number formats.
    static func styles(formatIDs: [Int], custom: [(id: Int, code: String)] = []) -> String {
        var text = "<styleSheet xmlns=\"\(main)\">"
        if !custom.isEmpty {
            text += "<numFmts count=\"\(custom.count)\">"
            for format in custom { text += "<numFmt numFmtId=\"\(format.id)\" formatCode=\"\(format.code)\"/>" }
            text += "</numFmts>"
        }
        text += "<fonts count=\"1\"><font><sz val=\"11\"/><name val=\"等线\"/><family val=\"2\"/><charset val=\"134\"/></font></fonts>"
        text += "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
        text += "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        // A cellStyleXfs xf with a date format must not count as cell style 0.
        text += "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        text += "<cellXfs count=\"\(formatIDs.count)\">"
        for id in formatIDs {
            text += "<xf numFmtId=\"\(id)\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        }
        text += "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"常规\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        // A conditional format's numFmt is not one of the workbook's number formats.
        text += "<dxfs count=\"1\"><dxf><numFmt numFmtId=\"200\" formatCode=\"yyyy\"/></dxf></dxfs>"
        text += "</styleSheet>"
        return text
    }

    private static func contentTypes(sheetCount: Int) -> String {
        var text = declaration + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        text += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        text += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        text += "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        for index in 0..<sheetCount {
            text += "<Override PartName=\"/xl/worksheets/sheet\(index + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        return text + "</Types>"
    }
}
