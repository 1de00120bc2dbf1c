import Foundation
import Testing

@testable import PathwaySpreadsheet

@Suite("XLSXReader")
struct XLSXReaderTests {
    private let reader = XLSXReader()

    private func cells(_ sheet: Sheet) -> [[String]] {
        sheet.rows.map(\.cells)
    }

    private func kind(_ body: () throws(SpreadsheetError) -> Void) -> SpreadsheetError.Kind? {
        do {
            try body()
            return nil
        } catch {
            return error.kind
        }
    }

    @Test func excelSharedStringsWithRichTextPhoneticRunsAndEscapes() throws {
        let sst = """
            <sst xmlns="\(Fixture.main)" count="6" uniqueCount="6">\
            <si><t>姓名</t></si>\
            <si><r><t>张</t></r><r><rPr><b/><sz val="11"/></rPr><t>三</t></r>\
            <rPh sb="0" eb="2"><t>ジャン サン</t></rPh><phoneticPr fontId="1" type="noConversion"/></si>\
            <si><t xml:space="preserve">  两端有空格  </t></si>\
            <si><t>第一行_x000D_
            第二行</t></si>\
            <si><t>literal _x005F_x000D_ stays</t></si>\
            <si><t>A &amp; B &lt;C&gt;</t></si>\
            </sst>
            """
        let data = """
            <row r="1" spans="1:2"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>5</v></c></row>\
            <row r="2" spans="1:2"><c r="A2" t="s"><v>1</v></c><c r="B2" t="s"><v>2</v></c></row>\
            <row r="3" spans="1:2"><c r="A3" t="s"><v>3</v></c><c r="B3" t="s"><v>4</v></c></row>
            """
        let workbook = try Fixture.workbook(sheets: [("Sheet1", data)], sharedStrings: sst)
        let sheet = try reader.read(workbook)
        #expect(sheet.name == "Sheet1")
        #expect(
            cells(sheet) == [
                ["姓名", "A & B <C>"],
                ["张三", "  两端有空格  "],
                ["第一行\r\n第二行", "literal _x000D_ stays"],
            ])
        #expect(sheet.rows.map(\.number) == [1, 2, 3])
    }

    @Test func inlineStringsFormulaResultsBooleansErrorsAndNumbers() throws {
        let data = """
            <row r="1"><c r="A1" t="inlineStr"><is><t>inline</t></is></c>\
            <c r="B1" t="inlineStr"><is><r><t>ri</t></r><r><t>ch</t></r><rPh sb="0" eb="1"><t>x</t></rPh></is></c>\
            <c r="C1" t="str"><f>A1&amp;"!"</f><v>inline!</v></c>\
            <c r="D1" t="b"><v>1</v></c><c r="E1" t="b"><v>0</v></c>\
            <c r="F1" t="e"><f>VLOOKUP(1,A:A,2,0)</f><v>#N/A</v></c>\
            <c r="G1" t="n"><v>36.5</v></c><c r="H1"><v>120</v></c><c r="I1" s="0"><v>0.05</v></c>\
            <c r="J1"><f>1/0</f></c><c r="K1" t="d"><v>2026-09-01T08:30:00Z</v></c>\
            <c r="L1" t="d"><v>2026-09-01T00:00:00</v></c></row>
            """
        let sheet = try reader.read(try Fixture.workbook(sheets: [("Sheet1", data)]))
        #expect(
            cells(sheet) == [
                [
                    "inline", "rich", "inline!", "TRUE", "FALSE", "#N/A", "36.5", "120", "0.05", "",
                    "2026-09-01 08:30:00", "2026-09-01",
                ]
            ])
    }

    @Test(arguments: [
        ("1.2345678901234E+17", "123456789012340000"), ("123456789012345678901", "123456789012345678901"),
        ("36.5", "36.5"), ("120", "120"), ("120.0", "120"), ("0.05", "0.05"), ("1E-3", "0.001"),
        ("-0.5", "-0.5"), ("0.30000000000000004", "0.30000000000000004"), ("5.0E-7", "5e-07"),
        ("1E+25", "1e+25"), ("9007199254740993", "9007199254740993"), ("4.5E+15", "4500000000000000"),
        ("not a number", "not a number"),
    ])
    func numbersReadAsTheTextAPersonTypes(_ stored: String, _ expected: String) throws {
        let data = "<row r=\"1\"><c r=\"A1\"><v>\(stored)</v></c></row>"
        let sheet = try reader.read(try Fixture.workbook(sheets: [("Sheet1", data)]))
        #expect(cells(sheet) == [[expected]])
    }

    @Test func builtInAndCustomDateFormats() throws {
        // Style index:         0  1   2   3   4   5    6    7    8    9    10   11   12  13
        let styles = Fixture.styles(
            formatIDs: [0, 14, 22, 31, 57, 176, 177, 178, 179, 180, 181, 20, 2, 182],
            custom: [
                (176, #"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"#), (177, "m/d/yy"), (178, "0.00"),
                (179, #"&quot;m&quot;0"#), (180, "[h]:mm:ss"), (181, #"[$-804]yyyy/m/d;@"#), (182, "[Red]0.0_);\\(0.0\\)"),
            ])
        let data = """
            <row r="1"><c r="A1" s="0"><v>46266</v></c><c r="B1" s="1"><v>46266</v></c>\
            <c r="C1" s="2"><v>46266.354166666664</v></c><c r="D1" s="3"><v>46266</v></c>\
            <c r="E1" s="4"><v>46266</v></c><c r="F1" s="5"><v>46266</v></c><c r="G1" s="6"><v>39522</v></c></row>\
            <row r="2"><c r="A2" s="7"><v>46266</v></c><c r="B2" s="8"><v>12</v></c><c r="C2" s="9"><v>1.5</v></c>\
            <c r="D2" s="10"><v>46266.5</v></c><c r="E2" s="11"><v>0.5</v></c><c r="F2" s="12"><v>36.5</v></c>\
            <c r="G2" s="13"><v>36.5</v></c></row>\
            <row r="3"><c r="A3" s="1"><v>1</v></c><c r="B3" s="1"><v>59</v></c><c r="C3" s="1"><v>60</v></c>\
            <c r="D3" s="1"><v>61</v></c><c r="E3" s="1"><v>-3</v></c><c r="F3" s="2"><v>46266.99999999</v></c>\
            <c r="G3" s="14"><v>46266</v></c></row>
            """
        let sheet = try reader.read(try Fixture.workbook(sheets: [("Sheet1", data)], styles: styles))
        #expect(
            cells(sheet) == [
                ["46266", "2026-09-01", "2026-09-01 08:30:00", "2026-09-01", "2026-09-01", "2026-09-01", "2008-03-15"],
                ["46266", "12", "1.5", "2026-09-01 12:00:00", "12:00:00", "36.5", "36.5"],
                ["1900-01-01", "1900-02-28", "1900-02-29", "1900-03-01", "-3", "2026-09-02", "46266"],
            ])
    }

    @Test func the1904DateSystem() throws {
        let styles = Fixture.styles(formatIDs: [0, 14])
        let data = "<row r=\"1\"><c r=\"A1\" s=\"1\"><v>44804</v></c><c r=\"B1\" s=\"1\"><v>0</v></c><c r=\"C1\"><v>44804</v></c></row>"
        let workbook = try Fixture.workbook(
            sheets: [("Sheet1", data)], styles: styles, workbookPr: "<workbookPr date1904=\"1\"/>")
        #expect(cells(try reader.read(workbook)) == [["2026-09-01", "1904-01-01", "44804"]])
    }

    @Test func libreOfficeWorkbookWithAbsoluteTargets() throws {
        let sst = "<sst xmlns=\"\(Fixture.main)\" count=\"2\" uniqueCount=\"2\"><si><t xml:space=\"preserve\">学籍号</t></si><si><t xml:space=\"preserve\">0520122201102020033</t></si></sst>"
        let data = """
            <row r="1" customFormat="false" ht="12.8" hidden="false" customHeight="false" outlineLevel="0" collapsed="false">\
            <c r="A1" s="0" t="s"><v>0</v></c><c r="B1" s="0" t="n"><v>1</v></c></row>\
            <row r="2" customFormat="false" ht="12.8"><c r="A2" s="0" t="s"><v>1</v></c><c r="B2" s="0" t="n"><v>2.5</v></c></row>
            """
        let workbook = try Fixture.workbook(
            sheets: [("Sheet1", data)], sharedStrings: sst, styles: Fixture.styles(formatIDs: [0]),
            workbookPr: "<workbookPr backupFile=\"false\" showObjects=\"all\" date1904=\"false\"/>",
            sheetAttributes: ["state=\"visible\""], targets: .absolute, stored: true)
        #expect(cells(try reader.read(workbook)) == [["学籍号", "1"], ["0520122201102020033", "2.5"]])
    }

    @Test func targetsGivenFromTheRootWithoutASlash() throws {
        let sst = "<sst xmlns=\"\(Fixture.main)\"><si><t>found</t></si></sst>"
        let styles = Fixture.styles(formatIDs: [0, 14])
        let data = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" s=\"1\"><v>46266</v></c></row>"
        let workbook = try Fixture.workbook(
            sheets: [("Sheet1", data)], sharedStrings: sst, styles: styles, targets: .rootWithoutSlash)
        #expect(cells(try reader.read(workbook)) == [["found", "2026-09-01"]])
    }

    @Test func missingReferencesGapsOutOfOrderCellsAndWideColumns() throws {
        let data = """
            <row><c t="inlineStr"><is><t>a</t></is></c><c/><c t="inlineStr"><is><t>c</t></is></c></row>\
            <row><c r="C2"><v>3</v></c><c r="A2"><v>1</v></c><c><v>4</v></c></row>\
            <row r="5" spans="1:30"><c r="AA5"><v>27</v></c><c r="B5" s="0"/><c r="XFD5" s="0"/></row>\
            <row r="6"><c r="A6" s="0"/></row>\
            <row><c r="AB7"><v>28</v></c></row>
            """
        let sheet = try reader.read(try Fixture.workbook(sheets: [("Sheet1", data)]))
        #expect(sheet.rows.map(\.number) == [1, 2, 5, 7])
        #expect(sheet.rows[0].cells == ["a", "", "c"])
        // A cell without a reference follows the cell before it in the document (A2 → B2).
        #expect(sheet.rows[1].cells == ["1", "4", "3"])
        #expect(sheet.rows[2].cells.count == 27)
        #expect(sheet.rows[2].cells[26] == "27")
        #expect(sheet.rows[2].cells[0..<26].allSatisfy { $0.isEmpty })
        #expect(sheet.rows[3].cells.count == 28)
    }

    @Test func prefixedElementsFromTheOpenXMLSDK() throws {
        let part = """
            <?xml version="1.0" encoding="utf-8"?><x:worksheet xmlns:x="\(Fixture.main)"><x:sheetData>\
            <x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>prefixed</x:t></x:is></x:c><x:c r="B1"><x:v>7</x:v></x:c></x:row>\
            </x:sheetData></x:worksheet>
            """
        #expect(cells(try reader.read(try Fixture.workbook(sheets: [("Sheet1", part)]))) == [["prefixed", "7"]])
    }

    @Test func warningsAndUndeclaredPrefixesDoNotMakeAPartMalformed() throws {
        let part = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="\(Fixture.main)" mc:Ignorable="x14ac"><sheetData>\
            <row r="1" x14ac:dyDescent="0.25"><c r="A1" t="inlineStr"><is><t xml:space="keep">kept</t></is></c></row>\
            </sheetData></worksheet>
            """
        #expect(cells(try reader.read(try Fixture.workbook(sheets: [("Sheet1", part)]))) == [["kept"]])
    }

    @Test func sheetsChosenByNameOrTheFirstVisibleOne() throws {
        let workbook = try Fixture.workbook(
            sheets: [
                ("下拉选项", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>hidden</t></is></c></row>"),
                ("学生", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>first visible</t></is></c></row>"),
                ("Programs", "<row r=\"3\"><c r=\"B3\" t=\"inlineStr\"><is><t>second</t></is></c></row>"),
            ], sheetAttributes: ["state=\"hidden\""])
        #expect(try reader.sheetNames(workbook) == ["下拉选项", "学生", "Programs"])
        #expect(try reader.read(workbook).name == "学生")
        let programs = try reader.read(workbook, sheet: "Programs")
        #expect(programs.name == "Programs")
        #expect(programs.rows == [SheetRow(number: 3, cells: ["", "second"])])
        #expect(try reader.read(workbook, sheet: "  programs ").name == "Programs")
        #expect(cells(try reader.read(workbook, sheet: "下拉选项")) == [["hidden"]])
    }

    @Test func anUnknownSheetNameListsTheAvailableOnes() throws {
        let workbook = try Fixture.workbook(sheets: [("Students", ""), ("Programs", "")])
        #expect(
            kind { () throws(SpreadsheetError) in _ = try reader.read(workbook, sheet: "Schools") }
                == .noSuchSheet(name: "Schools", available: ["Students", "Programs"]))
        do {
            _ = try reader.read(workbook, sheet: "Schools")
        } catch {
            #expect(error.message.contains("\"Students\", \"Programs\""))
            #expect(error.chineseMessage.contains("“Students”、“Programs”"))
        }
    }

    @Test func bytesThatAreNotAWorkbook() throws {
        let csv = Array("学籍号,姓名\n0520122201102020033,张三\n".utf8)
        #expect(!XLSXReader.looksLikeWorkbook(csv))
        #expect(kind { () throws(SpreadsheetError) in _ = try reader.read(csv) } == .notAWorkbook)
        #expect(kind { () throws(SpreadsheetError) in _ = try reader.sheetNames([]) } == .notAWorkbook)
        let ole: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)
        #expect(kind { () throws(SpreadsheetError) in _ = try reader.read(ole) } == .encrypted)
        let truncated = Array(try Fixture.workbook(sheets: [("Sheet1", "")]).prefix(100))
        #expect(XLSXReader.looksLikeWorkbook(truncated))
        #expect(kind { () throws(SpreadsheetError) in _ = try reader.read(truncated) } == .notAWorkbook)
        do {
            _ = try reader.read(ole)
        } catch {
            #expect(error.message.contains("an old .xls or a password-protected file"))
            #expect(error.chineseMessage.contains("另存为"))
        }
    }

    @Test func aZipWithoutAWorkbookPart() throws {
        let zip = try Fixture.zip([("students.csv", "a,b\n1,2\n")])
        #expect(XLSXReader.looksLikeWorkbook(zip))
        #expect(kind { () throws(SpreadsheetError) in _ = try reader.read(zip) } == .notAWorkbook)
        let document = try Fixture.zip([
            (
                "_rels/.rels",
                "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"\(Fixture.relationships)/officeDocument\" Target=\"word/document.xml\"/></Relationships>"
            ),
            ("word/document.xml", "<w:document xmlns:w=\"w\"><w:body/></w:document>"),
        ])
        #expect(kind { () throws(SpreadsheetError) in _ = try reader.sheetNames(document) } == .notAWorkbook)
    }

    @Test func malformedPartsAndEmptyWorkbooks() throws {
        let broken = try Fixture.workbook(sheets: [("Sheet1", "<row r=\"1\"><c r=\"A1\"><v>1</v></row>")])
        let brokenKind = kind { () throws(SpreadsheetError) in _ = try reader.read(broken) }
        guard case .malformed(let part, _)? = brokenKind
        else {
            Issue.record("expected a malformed error, got \(String(describing: brokenKind))")
            return
        }
        #expect(part == "xl/worksheets/sheet1.xml")

        let dangling = try Fixture.workbook(sheets: [("Sheet1", "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>3</v></c></row>")])
        guard case .malformed(_, let detail)? = kind({ () throws(SpreadsheetError) in _ = try reader.read(dangling) })
        else {
            Issue.record("expected a malformed error")
            return
        }
        #expect(detail.contains("A1"))

        let empty = try Fixture.workbook(sheets: [])
        #expect(kind { () throws(SpreadsheetError) in _ = try reader.read(empty) } == .emptyWorkbook)
        #expect(kind { () throws(SpreadsheetError) in _ = try reader.sheetNames(empty) } == .emptyWorkbook)
    }

    @Test func sheetsBeyondTheLimitsAreRefused() throws {
        let tall = try Fixture.workbook(sheets: [("Sheet1", "<row r=\"2000001\"><c r=\"A2000001\"><v>1</v></c></row>")])
        #expect(kind { () throws(SpreadsheetError) in _ = try reader.read(tall) } == .tooLarge(limit: "2,000,000 rows"))
        let wide = try Fixture.workbook(sheets: [("Sheet1", "<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>")])
        #expect(kind { () throws(SpreadsheetError) in _ = try reader.read(wide) } == .tooLarge(limit: "16,384 columns"))
    }
}
