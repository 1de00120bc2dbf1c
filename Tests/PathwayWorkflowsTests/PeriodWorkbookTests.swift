import Foundation
import PathwayCore
import PathwayReport
import PathwaySpreadsheet
import PathwayWorkflows
import Testing

@Suite("The period workbook")
struct PeriodWorkbookTests {
    /// Two students: G1's referral to S1 declined as too far (on the ledger, one contact); G2's to S2 enrolled.
    static func figures() throws -> PeriodFigures {
        func day(_ month: Int, _ day: Int) throws -> CalendarDate {
            try #require(CalendarDate(year: 2026, month: month, day: day))
        }
        func change(_ status: ReferralStatus, _ on: CalendarDate, _ reason: OutcomeReason? = nil) -> ReferralClock.Change {
            ReferralClock.Change(status: status, at: Date(timeIntervalSince1970: Double(on.dayNumber) * 86_400 + 3_600), day: on, reason: reason)
        }
        let declined = FollowupFacts.ReferralFact(
            referralID: 1, referenceNumber: "ZJ-1", runID: 1, programID: "P1", schoolID: "S1", assignee: "",
            clock: ReferralClock(changes: [
                change(.proposed, try day(10, 1)), change(.approved, try day(10, 2)), change(.sent, try day(11, 2)),
                change(.declined, try day(11, 9), .too_far),
            ], cohort: 2026))
        let enrolled = FollowupFacts.ReferralFact(
            referralID: 2, referenceNumber: "ZJ-2", runID: 1, programID: "P2", schoolID: "S2", assignee: "",
            clock: ReferralClock(changes: [
                change(.proposed, try day(10, 1)), change(.approved, try day(10, 2)), change(.sent, try day(11, 3)),
                change(.enrolled, try day(11, 10)),
            ], cohort: 2026))
        let facts = [
            FollowupFacts(
                studentID: "G2026990001", studentName: "王小明", juniorSchool: "一中", township: "清水镇", cohort: 2026,
                responsible: nil, importedDay: try day(9, 1), latestRun: nil, referrals: [declined], contactDays: [try day(11, 12)]),
            FollowupFacts(
                studentID: "G2026990002", studentName: "李小红", juniorSchool: nil, township: "河口乡", cohort: 2026,
                responsible: nil, importedDay: try day(9, 1), latestRun: nil, referrals: [enrolled]),
        ]
        return PeriodFigures(
            facts: facts, from: try day(11, 1), to: try day(11, 30), deadlines: .standard,
            schoolNames: ["S1": "县职业中专", "S2": "农业学校"])
    }

    @Test func theSheetsHoldTheFiguresAsNumbersUnderATitle() throws {
        let bytes = try PeriodWorkbook.bytes(try Self.figures(), language: .chinese)
        let reader = XLSXReader()
        #expect(try reader.sheetNames(bytes) == ["汇总", "中职学校", "初中学校", "乡镇"])
        let title = ["跟进报告 2026-11-01 至 2026-11-30"]

        let summary = try reader.read(bytes, sheet: "汇总")
        #expect(summary.rows.first?.cells == title)
        #expect(summary.rows.dropFirst().first?.cells == ["项目", "数量", "口径"])
        var lines: [String: [String]] = [:]
        for row in summary.rows.dropFirst(2) { lines[row.cells.first ?? ""] = Array(row.cells.dropFirst()) }
        #expect(lines["发出转介"] == ["2", "本期内"])
        #expect(lines["已报到"] == ["1", "本期内"])
        #expect(lines["在跟进名单"] == ["1", "截至 2026-11-30"])
        #expect(lines["拒绝原因：路远"] == ["1", "本期内"])
        #expect(lines["拒绝原因：家长不同意"] == ["0", "本期内"])
        #expect(lines["拒绝原因：未说明"] == ["0", "本期内"])

        let schools = try reader.read(bytes, sheet: "中职学校")
        #expect(schools.rows.map(\.cells) == [
            title,
            ["学校代码", "学校", "发出转介", "学校确认", "已报到", "拒绝", "未报到", "过期", "联系次数", "仍在进行", "学校逾期", "在跟进名单"],
            ["S1", "县职业中专", "1", "0", "0", "1", "0", "0", "1", "0", "0", "1"],
            ["S2", "农业学校", "1", "0", "1", "0", "0", "0", "0", "0", "0", "0"],
            ["", "合计", "2", "0", "1", "1", "0", "0", "1", "0", "0", "1"],
        ])
        let juniors = try reader.read(bytes, sheet: "初中学校")
        #expect(juniors.rows.dropFirst(2).map(\.cells) == [
            ["一中", "1", "0", "0", "1", "0", "0", "1", "0", "0", "1"],
            ["未填", "1", "0", "1", "0", "0", "0", "0", "0", "0", "0"],
            ["合计", "2", "0", "1", "1", "0", "0", "1", "0", "0", "1"],
        ])
        // Each breakdown's rows add up to its 合计 line, column by column.
        for name in ["中职学校", "初中学校", "乡镇"] {
            let numbers = try reader.read(bytes, sheet: name).rows.dropFirst(2).map { $0.cells.suffix(10).map { Int($0) ?? -1 } }
            guard let total = numbers.last else {
                Issue.record("no rows in \(name)")
                continue
            }
            for column in 0..<10 {
                #expect(numbers.dropLast().map { $0[column] }.reduce(0, +) == total[column], "\(name), column \(column)")
            }
        }
        // Aggregates only.
        for sheet in try reader.sheetNames(bytes) {
            let text = try reader.read(bytes, sheet: sheet).rows.flatMap(\.cells).joined(separator: "\n")
            #expect(!text.contains("王小明") && !text.contains("G2026990001") && !text.contains("ZJ-1"))
        }
    }

    @Test func englishSheetsAndHeadings() throws {
        let bytes = try PeriodWorkbook.bytes(try Self.figures(), language: .english)
        let reader = XLSXReader()
        #expect(try reader.sheetNames(bytes) == ["Summary", "Vocational schools", "Junior schools", "Townships"])
        let townships = try reader.read(bytes, sheet: "Townships")
        #expect(townships.rows.first?.cells == ["Follow-up report 2026-11-01 to 2026-11-30"])
        #expect(townships.rows.dropFirst().first?.cells.first == "Township")
        #expect(townships.rows.last?.cells.first == "Total")
        #expect(try reader.read(bytes, sheet: "Junior schools").rows.dropFirst(2).map { $0.cells.first } == ["一中", "none", "Total"])
    }
}
