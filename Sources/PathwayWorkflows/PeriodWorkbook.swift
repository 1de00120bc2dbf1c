import Foundation
import PathwayCore
import PathwayReport
import PathwaySpreadsheet

/// The period report as an `.xlsx` workbook, for the county office that copies its figures into
/// the education bureau's forms: a summary sheet (the county's figures and declines by reason),
/// then one sheet per breakdown, each ending in a 合计 line that its rows add up to.
///
/// Figures are number cells (so a clerk can sum and check them), names and ids text cells; like
/// the HTML page it holds aggregates only, no student's name or id.
public enum PeriodWorkbook {
    /// The workbook's bytes, headings and names in `language`.
    public static func bytes(_ figures: PeriodFigures, language: Language) throws -> [UInt8] {
        let zh = language == .chinese
        let title = zh
            ? "跟进报告 \(figures.from) 至 \(figures.to)"
            : "Follow-up report \(figures.from) to \(figures.to)"
        let none = zh ? "未填" : "none"
        let totalName = zh ? "合计" : "Total"
        let measureColumns = PeriodMeasure.allCases.map { XLSXWriter.Column(header: $0.name(in: language)) }
        func counts(_ row: PeriodRow) -> [XLSXWriter.Cell] {
            PeriodMeasure.allCases.map { Self.count(row[$0]) }
        }

        var schoolRows: [[XLSXWriter.Cell]] = []
        for row in figures.bySchool {
            let id: XLSXWriter.Cell = row.key.isEmpty ? .empty : .text(row.key)
            let name: XLSXWriter.Cell = .text(row.key.isEmpty ? none : row.label)
            schoolRows.append([id, name] + counts(row))
        }
        schoolRows.append([XLSXWriter.Cell.empty, XLSXWriter.Cell.text(totalName)] + counts(figures.total))
        let schoolColumns = [
            XLSXWriter.Column(header: zh ? "学校代码" : "School id"), XLSXWriter.Column(header: zh ? "学校" : "School"),
        ]
        let schools = XLSXWriter.SheetContent(
            name: zh ? "中职学校" : "Vocational schools", columns: schoolColumns + measureColumns, rows: schoolRows,
            titles: [title])

        func namedSheet(_ name: String, heading: String, rows: [PeriodRow]) -> XLSXWriter.SheetContent {
            var cells: [[XLSXWriter.Cell]] = []
            for row in rows {
                cells.append([XLSXWriter.Cell.text(row.key.isEmpty ? none : row.label)] + counts(row))
            }
            cells.append([XLSXWriter.Cell.text(totalName)] + counts(figures.total))
            return XLSXWriter.SheetContent(
                name: name, columns: [XLSXWriter.Column(header: heading)] + measureColumns, rows: cells, titles: [title])
        }

        return try XLSXWriter().workbook([
            summary(figures, language: language, title: title),
            schools,
            namedSheet(zh ? "初中学校" : "Junior schools", heading: zh ? "初中学校" : "Junior school", rows: figures.byJuniorSchool),
            namedSheet(zh ? "乡镇" : "Townships", heading: zh ? "乡镇" : "Township", rows: figures.byTownship),
        ])
    }

    /// The county's figures, one a row, each saying whether it counts the period's changes or
    /// the state at its end; then the declines by reason, which add up to the declines.
    private static func summary(_ figures: PeriodFigures, language: Language, title: String) -> XLSXWriter.SheetContent {
        let zh = language == .chinese
        let during = zh ? "本期内" : "during the period"
        let atEnd = zh ? "截至 \(figures.to)" : "at the end of \(figures.to)"
        let total = figures.total
        var rows: [[XLSXWriter.Cell]] = PeriodMeasure.allCases.map { measure in
            [.text(measure.name(in: language)), Self.count(total[measure]), .text(measure.isStock ? atEnd : during)]
        }
        let declined = zh ? "拒绝原因：" : "Declined: "
        for (reason, count) in total.declineLines {
            let name = reason?.name(in: language) ?? (zh ? "未说明" : "no reason given")
            rows.append([.text(declined + name), Self.count(count), .text(during)])
        }
        return XLSXWriter.SheetContent(
            name: zh ? "汇总" : "Summary",
            columns: [
                XLSXWriter.Column(header: zh ? "项目" : "Figure"), XLSXWriter.Column(header: zh ? "数量" : "Count"),
                XLSXWriter.Column(header: zh ? "口径" : "Counted"),
            ],
            rows: rows, titles: [title])
    }

    /// A count as a whole-number cell.
    private static func count(_ value: Int) -> XLSXWriter.Cell {
        .number(Double(value), decimals: 0)
    }
}
