import Foundation
import Testing

@testable import PathwayImport

@Suite("CSVReader")
struct CSVReaderTests {
    let reader = CSVReader()

    private func read(_ text: String, encoding: CSVReader.Encoding = .auto) throws -> CSVTable {
        try CSVReader(encoding: encoding).read(Array(text.utf8), fileName: "students.csv")
    }

    /// The error a read throws, or `nil` when it succeeds.
    private func readError(_ bytes: [UInt8], encoding: CSVReader.Encoding = .auto) -> ImportIssue? {
        do {
            _ = try CSVReader(encoding: encoding).read(bytes, fileName: "students.csv")
            return nil
        } catch {
            return error
        }
    }

    // MARK: Encodings

    @Test func utf8WithoutBOM() throws {
        let table = try read("学籍号,姓名\nQL1,王小明\n")
        #expect(table.encoding == .utf8)
        #expect(table.header == ["学籍号", "姓名"])
        #expect(table.rows.map(\.fields) == [["QL1", "王小明"]])
    }

    @Test func utf8BOMIsSkipped() throws {
        let table = try CSVReader().read([0xEF, 0xBB, 0xBF] + Array("学籍号,姓名\nQL1,王小明\n".utf8), fileName: "s.csv")
        #expect(table.encoding == .utf8WithBOM)
        #expect(table.header == ["学籍号", "姓名"])
        #expect(table.header[0].unicodeScalars.first == "学")
        #expect(table.rows[0].fields == ["QL1", "王小明"])
    }

    @Test func utf8BOMIsSkippedWhenForced() throws {
        let table = try CSVReader(encoding: .utf8).read([0xEF, 0xBB, 0xBF] + Array("a\n1\n".utf8), fileName: "s.csv")
        #expect(table.header == ["a"])
    }

    private static let gbText = "学籍号,姓名,备注\r\nQL1,王小明,\"留守, 由祖父母照看\"\r\nQL2,龙𠀀,家长希望学\"汽修\"\r\n"

    private static func gb18030Bytes(_ text: String) throws -> [UInt8] {
        let data = try #require(text.data(using: String.Encoding(rawValue: 0x8000_0632)))
        return [UInt8](data)
    }

    @Test func gb18030IsDetected() throws {
        let bytes = try Self.gb18030Bytes(Self.gbText)
        // Really GBK-style bytes: 学 is D1 A7 in GB18030, and they are not valid UTF-8.
        #expect(bytes.starts(with: [0xD1, 0xA7]))
        #expect(String(validating: bytes, as: UTF8.self) == nil)
        let table = try CSVReader().read(bytes, fileName: "students.csv")
        #expect(table.encoding == .gb18030)
        #expect(table.header == ["学籍号", "姓名", "备注"])
        #expect(table.rows.map(\.fields) == [
            ["QL1", "王小明", "留守, 由祖父母照看"],
            ["QL2", "龙𠀀", "家长希望学\"汽修\""],
        ])
    }

    @Test func gb18030CanBeForcedAndReadsFromData() throws {
        let data = Data(try Self.gb18030Bytes(Self.gbText))
        let table = try CSVReader(encoding: .gb18030).read(data, fileName: "students.csv")
        #expect(table.rows.count == 2)
        #expect(table.rows[1].fields[1] == "龙𠀀")
    }

    @Test func forcedUTF8RefusesGBKAndSaysWhere() throws {
        let bytes = try Self.gb18030Bytes("a,b\n1,2\n3,王\n")
        let error = try #require(readError(bytes, encoding: .utf8))
        #expect(error.row == nil)
        #expect(error.message.contains("not valid UTF-8"))
        #expect(error.message.contains("line 3"))
        #expect(error.message.contains("gb18030"))
    }

    @Test func bytesThatAreNeitherUTF8NorGB18030AreRefused() throws {
        let error = try #require(readError(Array("a,b\n1,".utf8) + [0xFF, 0xFF, 0x0A]))
        #expect(error.description.hasPrefix("students.csv: the file is neither UTF-8"))
    }

    @Test func forcedGB18030RefusesAUTF8BOM() throws {
        let error = try #require(readError([0xEF, 0xBB, 0xBF] + Array("a\n1\n".utf8), encoding: .gb18030))
        #expect(error.message.contains("byte order mark"))
    }

    @Test func utf16IsRefusedWithAHint() throws {
        let error = try #require(readError([0xFF, 0xFE, 0x61, 0x00]))
        #expect(error.message.contains("UTF-16"))
    }

    @Test func encodingNames() {
        #expect(CSVReader.Encoding(name: "UTF8") == .utf8)
        #expect(CSVReader.Encoding(name: "utf-8") == .utf8)
        #expect(CSVReader.Encoding(name: "GBK") == .gb18030)
        #expect(CSVReader.Encoding(name: "gb18030") == .gb18030)
        #expect(CSVReader.Encoding(name: "auto") == .auto)
        #expect(CSVReader.Encoding(name: "latin1") == nil)
    }

    // MARK: Line endings

    @Test(arguments: ["\n", "\r\n", "\r"])
    func lineEndings(_ newline: String) throws {
        let text = ["a,b", "1,2", "3,4"].joined(separator: newline) + newline
        let table = try read(text)
        #expect(table.header == ["a", "b"])
        #expect(table.rows.map(\.fields) == [["1", "2"], ["3", "4"]])
        #expect(table.rows.map(\.number) == [2, 3])
        #expect(table.rows.map(\.line) == [2, 3])
    }

    @Test func noTrailingNewline() throws {
        let table = try read("a,b\n1,2")
        #expect(table.rows.map(\.fields) == [["1", "2"]])
    }

    @Test func trailingEmptyFieldWithoutNewline() throws {
        let table = try read("a,b\n1,")
        #expect(table.rows.map(\.fields) == [["1", ""]])
    }

    @Test func blankTrailingLinesAreIgnored() throws {
        let table = try read("a,b\r\n1,2\r\n\r\n\r\n,\r\n")
        #expect(table.rows.count == 1)
        #expect(table.issues.isEmpty)
    }

    @Test func blankLinesInTheMiddleCountAsSpreadsheetRows() throws {
        // Excel shows the blank line as row 3, so the next record is row 4.
        let table = try read("a,b\n1,2\n\n3,4\n,,\n5,6\n")
        #expect(table.rows.map(\.number) == [2, 4, 6])
        #expect(table.skippedBlankRows == 2)
    }

    @Test func emptyFileIsRefused() throws {
        #expect(readError([])?.message.contains("empty") == true)
        #expect(readError(Array("\n\r\n".utf8))?.message.contains("no header") == true)
        #expect(readError([0xEF, 0xBB, 0xBF])?.message.contains("empty") == true)
    }

    @Test func headerOnlyFileHasNoRows() throws {
        let table = try read("a,b\n")
        #expect(table.header == ["a", "b"])
        #expect(table.rows.isEmpty)
    }

    // MARK: Quoting

    @Test func quotedCommasAndDoubledQuotes() throws {
        let table = try read("id,notes,x\n1,\"a, b\",\"say \"\"hi\"\"\"\n2,\"\",\"\"\"\"\n")
        #expect(table.rows.map(\.fields) == [["1", "a, b", "say \"hi\""], ["2", "", "\""]])
    }

    @Test func quotedNewlinesKeepOneSpreadsheetRow() throws {
        let text = "id,notes\n1,\"line one\nline two\nline three\"\n2,plain\n3,\"x\r\ny\"\n4,z\n"
        let table = try read(text)
        #expect(table.rows.map(\.fields) == [
            ["1", "line one\nline two\nline three"], ["2", "plain"], ["3", "x\ny"], ["4", "z"],
        ])
        // Excel numbers records: the three-line note is row 2, the next record row 3.
        #expect(table.rows.map(\.number) == [2, 3, 4, 5])
        // An editor numbers lines.
        #expect(table.rows.map(\.line) == [2, 5, 6, 8])
    }

    @Test func quotedNewlinesWithCRLFFiles() throws {
        let table = try read("id,notes\r\n1,\"a\r\nb\"\r\n2,c\r\n")
        #expect(table.rows.map(\.fields) == [["1", "a\nb"], ["2", "c"]])
        #expect(table.rows.map(\.number) == [2, 3])
    }

    @Test func excelLeniency() throws {
        // A quote inside an unquoted field is literal; text after a closing quote is kept.
        let table = try read("a,b\n5\" screen,\"ab\"c\n")
        #expect(table.rows[0].fields == ["5\" screen", "abc"])
    }

    @Test func unterminatedQuoteNamesRowColumnAndLine() throws {
        let text = "student_id,name,notes\nQL1,王一,ok\nQL2,王二,\"two\nlines\"\nQL3,王三,\"never closed\nQL4,王四,x\n"
        let error = try #require(readError(Array(text.utf8)))
        #expect(error.severity == .error)
        #expect(error.row == 4)
        #expect(error.column == "notes")
        #expect(error.value == "never closed")
        #expect(error.message.contains("line 5"))
        #expect(error.description.hasPrefix("students.csv:4: notes: \"never closed\" opens a quote on line 5"))
    }

    @Test func unterminatedQuoteInTheHeader() throws {
        let error = try #require(readError(Array("a,\"b\n1,2\n".utf8)))
        #expect(error.row == 1)
        #expect(error.column == "column 2")
    }

    // MARK: Ragged rows

    @Test func shortRowsReadAsEmptyFields() throws {
        let table = try read("a,b,c\n1\n")
        #expect(table.rows[0][0] == "1")
        #expect(table.rows[0][2] == "")
        #expect(table.rows[0][99] == "")
        #expect(table.issues.isEmpty)
    }

    @Test func valuesBeyondTheHeaderAreErrors() throws {
        let table = try read("id,notes\n1,需住校, 申请助学金\n2,ok,,\n")
        #expect(table.rows.count == 2)
        #expect(table.issues.count == 1)
        let issue = try #require(table.issues.first)
        #expect(issue.row == 2)
        #expect(issue.column == "column 3")
        #expect(issue.description.hasPrefix("students.csv:2: column 3: \" 申请助学金\" is beyond the 2 columns"))
    }

    @Test func otherDelimiters() throws {
        let table = try CSVReader(delimiter: .tab).read(Array("a\tb\n1,5\t\"x\ty\"\n".utf8), fileName: "t.tsv")
        #expect(table.rows[0].fields == ["1,5", "x\ty"])
    }
}
