/// The fixed and near-fixed parts of a written workbook: content types, relationships, the
/// workbook part and the styles.
enum PackageParts {
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    private static let packageRelationshipsNamespace = "http://schemas.openxmlformats.org/package/2006/relationships"
    private static let contentTypePrefix = "application/vnd.openxmlformats-officedocument.spreadsheetml."

    /// `[Content_Types].xml`.
    static func contentTypes(sheetCount: Int) -> String {
        var output = declaration
        output += "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        output += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        output += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        output += "<Override PartName=\"/xl/workbook.xml\" ContentType=\"\(contentTypePrefix)sheet.main+xml\"/>"
        for index in 1...max(sheetCount, 1) {
            output += "<Override PartName=\"/xl/worksheets/sheet\(index).xml\" ContentType=\"\(contentTypePrefix)worksheet+xml\"/>"
        }
        output += "<Override PartName=\"/xl/styles.xml\" ContentType=\"\(contentTypePrefix)styles+xml\"/>"
        output += "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"\(contentTypePrefix)sharedStrings+xml\"/>"
        output += "</Types>"
        return output
    }

    /// `_rels/.rels`: the package's main part.
    static let packageRelationships =
        declaration + "<Relationships xmlns=\"\(packageRelationshipsNamespace)\">"
        + "<Relationship Id=\"rId1\" Type=\"\(relationshipsNamespace)/officeDocument\" Target=\"xl/workbook.xml\"/>"
        + "</Relationships>"

    /// `xl/workbook.xml`: the sheets in order, and the hidden `_FilterDatabase` name Excel keeps
    /// for each autofilter (LibreOffice relies on it to show the filter buttons).
    static func workbook(names: [String], filters: [(sheet: Int, range: String)]) -> String {
        var output = declaration
        output += "<workbook xmlns=\"\(mainNamespace)\" xmlns:r=\"\(relationshipsNamespace)\">"
        output += "<workbookPr/><bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
        for (index, name) in names.enumerated() {
            output += "<sheet name=\"\(XMLText.attribute(name))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }
        output += "</sheets>"
        if !filters.isEmpty {
            output += "<definedNames>"
            for filter in filters {
                output += "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"\(filter.sheet)\" hidden=\"1\">"
                XMLText.appendContent(filter.range, to: &output)
                output += "</definedName>"
            }
            output += "</definedNames>"
        }
        output += "</workbook>"
        return output
    }

    /// `xl/_rels/workbook.xml.rels`: sheets `rId1...rIdN`, then styles and shared strings.
    static func workbookRelationships(sheetCount: Int) -> String {
        var output = declaration
        output += "<Relationships xmlns=\"\(packageRelationshipsNamespace)\">"
        for index in 1...max(sheetCount, 1) {
            output += "<Relationship Id=\"rId\(index)\" Type=\"\(relationshipsNamespace)/worksheet\" Target=\"worksheets/sheet\(index).xml\"/>"
        }
        output += "<Relationship Id=\"rId\(sheetCount + 1)\" Type=\"\(relationshipsNamespace)/styles\" Target=\"styles.xml\"/>"
        output += "<Relationship Id=\"rId\(sheetCount + 2)\" Type=\"\(relationshipsNamespace)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        output += "</Relationships>"
        return output
    }

    /// `xl/styles.xml`, with the cell formats `CellStyle` indexes: general, bold text header,
    /// text, date, date-time, and 0...4 decimals. Custom number formats use ids from 164, the
    /// first id Excel leaves to files.
    static let styles: String = {
        let formats = [
            (164, "yyyy-mm-dd"), (165, "yyyy-mm-dd hh:mm:ss"), (166, "0.0"), (167, "0.000"), (168, "0.0000"),
        ]
        // (numFmtId, fontId) per cellXfs index, in CellStyle's order.
        let cellFormats = [(0, 0), (49, 1), (49, 0), (164, 0), (165, 0), (1, 0), (166, 0), (2, 0), (167, 0), (168, 0)]
        var output = declaration
        output += "<styleSheet xmlns=\"\(mainNamespace)\">"
        output += "<numFmts count=\"\(formats.count)\">"
        for (id, code) in formats {
            output += "<numFmt numFmtId=\"\(id)\" formatCode=\"\(XMLText.attribute(code))\"/>"
        }
        output += "</numFmts>"
        output += "<fonts count=\"2\">"
        output += "<font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
        output += "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
        output += "</fonts>"
        output += "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
        output += "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
        output += "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        output += "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        output += "<cellXfs count=\"\(cellFormats.count)\">"
        for (numberFormat, font) in cellFormats {
            output += "<xf numFmtId=\"\(numberFormat)\" fontId=\"\(font)\" fillId=\"0\" borderId=\"0\" xfId=\"0\""
            if numberFormat != 0 { output += " applyNumberFormat=\"1\"" }
            if font != 0 { output += " applyFont=\"1\"" }
            output += "/>"
        }
        output += "</cellXfs>"
        output += "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        output += "<dxfs count=\"0\"/><tableStyles count=\"0\"/>"
        output += "</styleSheet>"
        return output
    }()
}
