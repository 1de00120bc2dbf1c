import Testing

@testable import PathwaySpreadsheet

@Suite("Numbers, dates and formats")
struct NumberAndDateTests {
    @Test(arguments: [
        (0.0, "0"), (-0.0, "0"), (36.5, "36.5"), (120, "120"), (0.05, "0.05"), (1e-6, "0.000001"), (1e-7, "1e-07"),
        (1.2345678901234e17, "123456789012340000"), (1e20, "100000000000000000000"), (1e21, "1e+21"),
        (-1234.5678, "-1234.5678"), (9_007_199_254_740_992, "9007199254740992"), (-4.5e15, "-4500000000000000"),
    ])
    func plainNumbers(_ value: Double, _ expected: String) {
        #expect(NumberText.plain(value) == expected)
    }

    @Test func serialsAndDatesAgree() {
        for (year, month, day) in [(1900, 1, 1), (1900, 2, 28), (1900, 3, 1), (2000, 2, 29), (2026, 9, 1), (9999, 12, 31)] {
            guard let serial = DateSerial.serial(year: year, month: month, day: day) else {
                Issue.record("no serial for \(year)-\(month)-\(day)")
                continue
            }
            let text = DateSerial.text(serial: Double(serial), uses1904DateSystem: false)
            let expected = "\(year)-" + (month < 10 ? "0" : "") + "\(month)-" + (day < 10 ? "0" : "") + "\(day)"
            #expect(text == expected)
        }
        #expect(DateSerial.serial(year: 2026, month: 9, day: 1) == 46266)
        #expect(DateSerial.serial(year: 1900, month: 2, day: 29) == nil)
        #expect(DateSerial.serial(year: 2026, month: 13, day: 1) == nil)
        #expect(DateSerial.text(serial: 3_000_000, uses1904DateSystem: false) == nil)
    }

    @Test(arguments: [
        ("yyyy-mm-dd", true), ("m/d/yy", true), (#"yyyy"年"m"月"d"日""#, true), ("yyyy年m月d日", true),
        ("h:mm AM/PM", true), ("[$-804]aaaa", false), ("0.00", false), (#""m"0"#, false), ("[h]:mm:ss", false),
        ("General", false), ("@", false), (#"0"分""#, false), ("0分", false), ("[Red]0.0;[Blue]-0.0", false),
        (#"#,##0.00_);\(#,##0.00\)"#, false), ("[$-F800]dddd, mmmm dd, yyyy", true), (#"\d0"#, false),
    ])
    func dateFormatCodes(_ code: String, _ isDate: Bool) {
        #expect(NumberFormat.isDate(code: code) == isDate)
    }

    @Test func columnReferences() {
        #expect(WorksheetHandler.columnIndex("A1") == 0)
        #expect(WorksheetHandler.columnIndex("Z9") == 25)
        #expect(WorksheetHandler.columnIndex("AA12") == 26)
        #expect(WorksheetHandler.columnIndex("$AB$3") == 27)
        #expect(WorksheetHandler.columnIndex("XFD1048576") == 16_383)
        #expect(WorksheetHandler.columnIndex("12") == nil)
        #expect(WorksheetHandler.columnName(0) == "A")
        #expect(WorksheetHandler.columnName(26) == "AA")
        #expect(WorksheetHandler.columnName(16_383) == "XFD")
    }

    @Test func excelEscapesDecode() {
        #expect(ExcelText.decodingEscapes("a_x000D_b") == "a\rb")
        #expect(ExcelText.decodingEscapes("_x005F_x000D_") == "_x000D_")
        #expect(ExcelText.decodingEscapes("_xD83D__xDE00_") == "😀")
        #expect(ExcelText.decodingEscapes("_xD83D_ alone") == "_xD83D_ alone")
        #expect(ExcelText.decodingEscapes("_x12_ short") == "_x12_ short")
        #expect(ExcelText.decodingEscapes("no escapes") == "no escapes")
    }
}
