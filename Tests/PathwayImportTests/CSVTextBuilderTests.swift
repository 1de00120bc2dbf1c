import PathwayImport
import Testing

@Suite("CSVTextBuilder")
struct CSVTextBuilderTests {
    @Test func spreadsheetStyleHasBOMAndCRLFAndReadsBack() throws {
        var csv = CSVTextBuilder(header: ["student_id", "note"], style: .spreadsheet)
        csv.append(["S1", "王, \"小\"\n明"])
        #expect(csv.text.hasPrefix("\u{FEFF}student_id,note\r\n"))
        #expect(csv.text.hasSuffix("\"王, \"\"小\"\"\n明\"\r\n"))
        let table = try CSVReader().read(Array(csv.text.utf8), fileName: "out.csv")
        #expect(table.header == ["student_id", "note"])
        #expect(table.rows.map(\.fields) == [["S1", "王, \"小\"\n明"]])
    }

    @Test func plainStyleIsLFWithoutBOM() {
        var csv = CSVTextBuilder(header: ["a"])
        csv.append(["1"])
        #expect(csv.text == "a\n1\n")
    }
}
