import Foundation
import Testing

import PathwaySpreadsheet

@Suite("Large sheets")
struct LargeSheetTests {
    /// Writes and reads back a sheet of 20,000 rows x 30 columns (the row count can be raised with
    /// `PATHWAY_XLSX_ROWS` for a measurement). Times are printed, never asserted.
    @Test func aLargeSheetStreamsThrough() throws {
        let rowCount = ProcessInfo.processInfo.environment["PATHWAY_XLSX_ROWS"].flatMap { Int($0) } ?? 20_000
        let columns = (1...30).map { XLSXWriter.Column(header: "column \($0)") }
        let schools = (0..<40).map { XLSXWriter.Cell.text("学校 \($0)") }
        let rows: [[XLSXWriter.Cell]] = (0..<rowCount).map { row in
            let id = XLSXWriter.Cell.text("052012220110\(1_000_000 + row)")
            let date = XLSXWriter.Cell.date(year: 2010 + row % 5, month: 1 + row % 12, day: 1 + row % 28)
            return (0..<30).map { column in
                switch column % 5 {
                case 0: id
                case 1: schools[row % 40]
                case 2: .number(Double(row) / 4, decimals: 1)
                case 3: date
                default: .number(Double(row * column), decimals: nil)
                }
            }
        }
        let clock = ContinuousClock()
        let writeStart = clock.now
        let workbook = try XLSXWriter().workbook([.init(name: "Big", columns: columns, rows: rows)])
        let written = clock.now - writeStart
        let readStart = clock.now
        let sheet = try XLSXReader().read(workbook)
        let read = clock.now - readStart
        print("xlsx \(rowCount) x 30: \(workbook.count) bytes, written in \(written), read in \(read)")
        #expect(sheet.rows.count == rowCount + 1)
        #expect(sheet.rows.last?.number == rowCount + 1)
        #expect(sheet.rows.last?.cells.count == 30)
        #expect(sheet.rows[1].cells[0] == "0520122201101000000")
        #expect(sheet.rows[1].cells[3] == "2010-01-01")
    }
}
