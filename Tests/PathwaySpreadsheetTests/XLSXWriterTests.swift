import Foundation
import Testing
import ZIPFoundation

@testable import PathwaySpreadsheet

@Suite("XLSXWriter")
struct XLSXWriterTests {
    private let writer = XLSXWriter()
    private let reader = XLSXReader()

    /// The text of one part of a written workbook.
    private func part(_ path: String, of workbook: [UInt8]) throws -> String {
        let archive = try Archive(data: Data(workbook), accessMode: .read)
        let entry = try #require(archive[path])
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return String(decoding: data, as: UTF8.self)
    }

    private func kind(_ body: () throws(SpreadsheetError) -> Void) -> SpreadsheetError.Kind? {
        do {
            try body()
            return nil
        } catch {
            return error.kind
        }
    }

    @Test func everyCellKindRoundTrips() throws {
        let columns = ["学籍号", "code", "temperature", "score", "start", "arrival", "member", "note", "big"]
            .map { XLSXWriter.Column(header: $0) }
        let rows: [[XLSXWriter.Cell]] = [
            [
                .text("0520122201102020033"), .text("000123"), .number(36.5, decimals: 1), .number(120, decimals: nil),
                .date(year: 2026, month: 9, day: 1),
                .dateTime(year: 2026, month: 9, day: 1, hour: 8, minute: 30, second: 0), .boolean(true), .empty,
                .number(0.05, decimals: 2),
            ],
            [
                .text("  spaced  "), .text("1.5E+3"), .number(-0.25, decimals: 4), .number(.nan, decimals: nil),
                .date(year: 1900, month: 1, day: 1),
                .dateTime(year: 2026, month: 12, day: 31, hour: 23, minute: 59, second: 59), .boolean(false),
                .text("line 1\nline 2"), .number(123_456_789_012_340_000, decimals: nil),
            ],
        ]
        let workbook = try writer.workbook([XLSXWriter.SheetContent(name: "学生", columns: columns, rows: rows)])
        #expect(XLSXReader.looksLikeWorkbook(workbook))
        #expect(try reader.sheetNames(workbook) == ["学生"])
        let sheet = try reader.read(workbook)
        #expect(sheet.rows.map(\.number) == [1, 2, 3])
        #expect(sheet.rows[0].cells == columns.map(\.header))
        #expect(
            sheet.rows[1].cells == [
                "0520122201102020033", "000123", "36.5", "120", "2026-09-01", "2026-09-01 08:30:00", "TRUE", "", "0.05",
            ])
        #expect(
            sheet.rows[2].cells == [
                "  spaced  ", "1.5E+3", "-0.25", "#NUM!", "1900-01-01", "2026-12-31 23:59:59", "FALSE", "line 1\nline 2",
                "123456789012340000",
            ])
    }

    @Test func theSheetPartHasTheHeaderFreezePaneWidthsAndFilter() throws {
        let workbook = try writer.workbook([
            XLSXWriter.SheetContent(
                name: "Data",
                columns: [.init(header: "姓名"), .init(header: "id", width: 25), .init(header: "x")],
                rows: [[.text("欧阳娜娜娜娜"), .text("1"), .number(1, decimals: nil)], [.text(String(repeating: "长", count: 50))]]),
            XLSXWriter.SheetContent(name: "Plain", columns: [.init(header: "a")], rows: [], freezeHeader: false),
        ])
        let first = try part("xl/worksheets/sheet1.xml", of: workbook)
        #expect(first.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        #expect(first.contains("<autoFilter ref=\"A1:C3\"/>"))
        #expect(first.contains("<dimension ref=\"A1:C3\"/>"))
        // 50 CJK characters count 100 wide and are clamped to 60; the explicit 25 is kept; the
        // header "x" gets the minimum 6.
        #expect(first.contains("<col min=\"1\" max=\"1\" width=\"60\" customWidth=\"1\"/>"))
        #expect(first.contains("<col min=\"2\" max=\"2\" width=\"25\" customWidth=\"1\"/>"))
        #expect(first.contains("<col min=\"3\" max=\"3\" width=\"6\" customWidth=\"1\"/>"))
        #expect(first.contains("<c r=\"A1\" s=\"\(CellStyle.header)\" t=\"s\">"))
        #expect(first.contains("<c r=\"B2\" s=\"\(CellStyle.text)\" t=\"s\">"))
        let second = try part("xl/worksheets/sheet2.xml", of: workbook)
        #expect(!second.contains("<pane"))
        #expect(second.contains("<autoFilter ref=\"A1:A1\"/>"))
        let book = try part("xl/workbook.xml", of: workbook)
        #expect(book.contains("<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"0\" hidden=\"1\">'Data'!$A$1:$C$3</definedName>"))
        let styles = try part("xl/styles.xml", of: workbook)
        #expect(styles.contains("<numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/>"))
        #expect(styles.contains("<font><b/>"))
        #expect(try reader.sheetNames(workbook) == ["Data", "Plain"])
    }

    @Test func sheetNamesAreMadeAcceptableToExcel() throws {
        let long = String(repeating: "名", count: 40)
        let names = SheetNames.sanitized([
            "a[b]:c*?/\\d", long, long, "Data", "data", "", "'quoted'", "History", "tab\there",
        ])
        #expect(
            names == [
                "a_b__c____d", String(repeating: "名", count: 31), String(repeating: "名", count: 27) + " (2)", "Data",
                "data (2)", "Sheet6", "_quoted_", "History_", "tabhere",
            ])
        let workbook = try writer.workbook([
            .init(name: "A&B <1>", columns: [], rows: [[.text("x")]]), .init(name: "a&b <1>", columns: [], rows: []),
        ])
        #expect(try reader.sheetNames(workbook) == ["A&B <1>", "a&b <1> (2)"])
        #expect(try reader.read(workbook, sheet: "A&B <1>").rows == [SheetRow(number: 1, cells: ["x"])])
    }

    @Test func textIsEscapedAndForbiddenCharactersDropped() throws {
        let texts = [
            "A & B <c> \"d\" 'e'", "bell\u{7}dropped\u{FFFF}", "crlf\r\nkept", "literal _x000D_ and _x005F_", "\ttab",
            "emoji 👩‍👩‍👧 and 𠀀",
        ]
        let workbook = try writer.workbook([.init(name: "T", columns: [], rows: texts.map { [.text($0)] })])
        let sheet = try reader.read(workbook)
        #expect(
            sheet.rows.map(\.cells) == [
                ["A & B <c> \"d\" 'e'"], ["belldropped"], ["crlf\r\nkept"], ["literal _x000D_ and _x005F_"], ["\ttab"],
                ["emoji 👩‍👩‍👧 and 𠀀"],
            ])
        let strings = try part("xl/sharedStrings.xml", of: workbook)
        #expect(strings.contains("literal _x005F_x000D_ and _x005F_"))
        #expect(strings.contains("<t xml:space=\"preserve\">\ttab</t>"))
    }

    @Test func repeatedTextsAreStoredOnce() throws {
        let rows: [[XLSXWriter.Cell]] = Array(repeating: [.text("青岚职校"), .text("青岚职校")], count: 50)
        let workbook = try writer.workbook([.init(name: "S", columns: [.init(header: "school")], rows: rows)])
        let strings = try part("xl/sharedStrings.xml", of: workbook)
        #expect(strings.contains("count=\"101\" uniqueCount=\"2\""))
    }

    @Test func valuesExcelCannotStoreAreRefused() throws {
        #expect(kind { () throws(SpreadsheetError) in _ = try writer.workbook([]) } == .emptyWorkbook)
        let badDate = XLSXWriter.SheetContent(
            name: "S", columns: [.init(header: "d")], rows: [[.empty, .date(year: 2026, month: 2, day: 30)]])
        #expect(
            kind { () throws(SpreadsheetError) in _ = try writer.workbook([badDate]) }
                == .invalidCell(sheet: "S", cell: "B2", detail: "2026-2-30 is not a date between 1900-01-01 and 9999-12-31"))
        let badTime = XLSXWriter.SheetContent(
            name: "S", columns: [],
            rows: [[.dateTime(year: 2026, month: 2, day: 1, hour: 24, minute: 0, second: 0)]])
        guard case .invalidCell(_, let cell, _)? = kind({ () throws(SpreadsheetError) in _ = try writer.workbook([badTime]) })
        else {
            Issue.record("expected invalidCell")
            return
        }
        #expect(cell == "A1")
        let early = XLSXWriter.SheetContent(name: "S", columns: [], rows: [[.date(year: 1899, month: 12, day: 31)]])
        #expect(kind { () throws(SpreadsheetError) in _ = try writer.workbook([early]) } != nil)
        let long = XLSXWriter.SheetContent(name: "S", columns: [], rows: [[.text(String(repeating: "x", count: 32_768))]])
        #expect(kind { () throws(SpreadsheetError) in _ = try writer.workbook([long]) } != nil)
        let wide = XLSXWriter.SheetContent(
            name: "S", columns: [], rows: [Array(repeating: .boolean(true), count: 16_385)])
        #expect(
            kind { () throws(SpreadsheetError) in _ = try writer.workbook([wide]) }
                == .tooLarge(limit: "16,384 columns in a sheet"))
    }

    @Test func rowsLongerOrShorterThanTheColumns() throws {
        let workbook = try writer.workbook([
            .init(
                name: "S", columns: [.init(header: "a"), .init(header: "b")],
                rows: [[.text("1"), .empty, .empty, .empty], [], [.empty, .empty, .text("3")]])
        ])
        let sheet = try reader.read(workbook)
        #expect(sheet.rows == [
            SheetRow(number: 1, cells: ["a", "b"]), SheetRow(number: 2, cells: ["1"]),
            SheetRow(number: 4, cells: ["", "", "3"]),
        ])
        #expect(try part("xl/worksheets/sheet1.xml", of: workbook).contains("<autoFilter ref=\"A1:C4\"/>"))
    }

    @Test func theSameSheetsGiveTheSameBytes() throws {
        let content = XLSXWriter.SheetContent(name: "S", columns: [.init(header: "a")], rows: [[.number(1, decimals: 0)]])
        #expect(try writer.workbook([content]) == (try writer.workbook([content])))
        // Not merely two writes within the zip format's two seconds: every entry carries the one
        // fixed date, whenever it is written.
        let archive = try Archive(data: Data(try writer.workbook([content])), accessMode: .read)
        let dates = archive.compactMap { $0.fileAttributes[.modificationDate] as? Date }
        #expect(dates.count == Array(archive).count && !dates.isEmpty)
        #expect(dates.allSatisfy { abs($0.timeIntervalSince1970 - 946_728_000) < 2 }, "\(dates)")
    }
}
