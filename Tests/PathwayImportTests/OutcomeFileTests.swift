import Foundation
import PathwayCore
import PathwaySpreadsheet
import Testing

@testable import PathwayImport

/// A vocational school's enrolment list (报到名单), as `pathway referrals outcomes` reads it:
/// the school's own headers and words, every problem named with its row, nothing half read.
@Suite("OutcomeFile")
struct OutcomeFileTests {
    static func read(_ text: String) -> OutcomeFile {
        OutcomeFile(ImportSource(bytes: Array(text.utf8), fileName: "报到名单.csv"))
    }

    /// The issues as a person reads them, for the message of a failed expectation.
    static func described(_ file: OutcomeFile) -> [String] {
        file.diagnostics.sorted.map(\.description)
    }

    static func parsed<Value>(_ result: Result<Value, ValueError>) -> Value? {
        if case .success(let value) = result { return value }
        return nil
    }

    static func failure<Value>(_ result: Result<Value, ValueError>) -> ValueError? {
        if case .failure(let error) = result { return error }
        return nil
    }

    @Test func aChineseListWithATitleRowIsRead() {
        let file = Self.read(
            """
            青岚县中等职业学校2026年秋季新生报到名单
            学号,学籍号,姓名,报到情况,未报到原因,备注
            QL1,G522623201009150016,王小明,已报到,,
            QL2,,李芳,未报到,路远,"家里说太远
            明年再说"
             , , , , ,
            ,g52262320110302004x,张伟,拒绝,想读普高,
            QL4,,赵丽, No Show ,,
            """)
        #expect(file.diagnostics.sorted.isEmpty, "\(Self.described(file))")
        #expect(file.table?.headerRow == 2)
        // Row 5 holds only blanks: skipped, but still counted, so later rows keep their numbers.
        #expect(file.rows == [
            OutcomeRow(line: 3, studentID: "QL1", statusNumber: "G522623201009150016", name: "王小明", outcome: .enrolled),
            OutcomeRow(line: 4, studentID: "QL2", name: "李芳", outcome: .no_show, reason: .too_far, note: "家里说太远\n明年再说"),
            OutcomeRow(
                line: 6, statusNumber: "G52262320110302004X", name: "张伟", outcome: .declined, reason: .academic_high_school),
            OutcomeRow(line: 7, studentID: "QL4", name: "赵丽", outcome: .no_show),
        ])
    }

    @Test func englishHeadersAndCodesAreRead() {
        let file = Self.read(
            """
            Reference Number,Name,OUTCOME,reason,note
            PW-2026-000123,王小明,acknowledged,,
            pw-2026-000124,李芳,Enrolled,,已缴费
            PW-2026-000125,张伟,no_show,unreachable,
            ＰＷ－２０２６－０００１２６,赵丽,DECLINED,parents disagree,
            """)
        #expect(file.diagnostics.sorted.isEmpty, "\(Self.described(file))")
        #expect(file.rows.map(\.line) == [2, 3, 4, 5])
        #expect(file.rows.map(\.referenceNumber) == ["PW-2026-000123", "PW-2026-000124", "PW-2026-000125", "PW-2026-000126"])
        #expect(file.rows.map(\.outcome) == [.acknowledged, .enrolled, .no_show, .declined])
        let reasons: [OutcomeReason?] = [nil, nil, .unreachable, .parents_disagree]
        #expect(file.rows.map(\.reason) == reasons)
        let notes: [String?] = [nil, "已缴费", nil, nil]
        #expect(file.rows.map(\.note) == notes)
        let namedByReferenceOnly = file.rows.allSatisfy { $0.studentID == nil && $0.statusNumber == nil }
        #expect(namedByReferenceOnly)
    }

    @Test func outcomesAreReadAsSchoolsWriteThem() {
        let spellings: [(String, ReferralStatus)] = [
            ("acknowledged", .acknowledged), ("学校已确认", .acknowledged), ("确认", .acknowledged), ("已收到", .acknowledged),
            ("enrolled", .enrolled), ("已报到", .enrolled), ("报到", .enrolled), ("已入学", .enrolled), ("入学", .enrolled),
            ("是", .enrolled), ("declined", .declined), ("已拒绝", .declined), ("拒绝", .declined), ("放弃", .declined),
            ("不来", .declined), ("no_show", .no_show), ("no show", .no_show), ("No-Show", .no_show), ("NO_SHOW", .no_show),
            ("未报到", .no_show), ("否", .no_show), ("未到", .no_show), ("没来", .no_show), ("　已报到　", .enrolled),
        ]
        for (spelling, status) in spellings {
            #expect(Self.parsed(OutcomeFile.outcome(spelling)) == status, "\(spelling)")
        }
        for status in ReferralStatus.schoolReports {
            #expect(Self.parsed(OutcomeFile.outcome(status.name(in: .chinese))) == status)
        }
        // Statuses a school does not report are named as such.
        for text in ["withdrawn", "已撤回", "sent", "expired"] {
            #expect(Self.failure(OutcomeFile.outcome(text))?.message.hasPrefix("is not an outcome a school reports") == true, "\(text)")
        }
        #expect(Self.failure(OutcomeFile.outcome("来了"))?.message.hasPrefix("is not an outcome (") == true)
    }

    @Test func aWorkbookIsReadLikeItsCSV() throws {
        typealias Cell = XLSXWriter.Cell
        let header = ["全国学籍号", "学生姓名", "是否报到", "原因", "说明"]
        let rows: [[Cell]] = [
            [.text("G522623201009150016"), .text("王小明"), .text("是"), .empty, .text("住校")],
            Array(repeating: .empty, count: header.count),
            [.text("G52262320110302004X"), .text("李芳"), .text("否"), .text("外出务工")],
        ]
        let bytes = try XLSXWriter().workbook([
            XLSXWriter.SheetContent(
                name: "报到名单", columns: header.map { XLSXWriter.Column(header: $0) }, rows: rows,
                titles: ["青岚县中等职业学校2026年秋季新生报到名单"]),
        ])
        let file = OutcomeFile(ImportSource(bytes: bytes, fileName: "报到名单.xlsx"))
        #expect(file.diagnostics.sorted.isEmpty, "\(Self.described(file))")
        #expect(file.table?.encoding == .xlsx)
        #expect(file.table?.headerRow == 2)
        #expect(file.rows == [
            OutcomeRow(line: 3, statusNumber: "G522623201009150016", name: "王小明", outcome: .enrolled, note: "住校"),
            OutcomeRow(line: 5, statusNumber: "G52262320110302004X", name: "李芳", outcome: .no_show, reason: .migrant_work),
        ])
    }

    @Test func aGB18030ListIsRead() throws {
        let text = "报到名单\r\n学籍号,姓名,报到结果,拒绝原因\r\nG522623201009150016,王小明,已拒绝,家长不同意\r\n"
        let data = try #require(text.data(using: String.Encoding(rawValue: 0x8000_0632)))
        let file = OutcomeFile(ImportSource(bytes: [UInt8](data), fileName: "报到名单.csv"))
        #expect(file.table?.encoding == .gb18030)
        #expect(file.diagnostics.sorted.isEmpty, "\(Self.described(file))")
        #expect(file.rows == [
            OutcomeRow(line: 3, statusNumber: "G522623201009150016", name: "王小明", outcome: .declined, reason: .parents_disagree),
        ])
    }

    @Test func anUnknownOutcomeIsRefusedWithItsRowAndColumnAndNothingIsRead() {
        let file = Self.read("学号,姓名,报到情况\nQL1,王小明,已报到\nQL2,李芳,来了\nQL3,张伟,已撤回\n")
        // Row 2 is good, but the file is taken whole or not at all.
        #expect(file.rows.isEmpty)
        let issues = file.diagnostics.sorted
        #expect(issues.map(\.row) == [3, 4])
        #expect(issues.map(\.column) == ["outcome", "outcome"])
        #expect(issues.map(\.value) == ["来了", "已撤回"])
        #expect(issues.first?.description.hasPrefix(
            "报到名单.csv:3: outcome: \"来了\" is not an outcome (expected acknowledged, enrolled, declined or no_show") == true,
            "\(Self.described(file))")
        #expect(issues.first?.description(in: .chinese).hasPrefix(
            "报到名单.csv 第3行 outcome 列：“来了”不是有效的报到结果（应填写 学校已确认、已报到、已拒绝、未报到") == true)
        #expect(issues.last?.message.hasPrefix("is not an outcome a school reports") == true)
    }

    @Test func anEmptyOutcomeIsRefused() {
        let file = Self.read("学号,结果\nQL1,\n")
        #expect(file.diagnostics.sorted.map(\.description) == ["报到名单.csv:2: outcome: is empty; a value is required"])
        #expect(file.rows.isEmpty)
    }

    @Test func aReasonOnAnEnrolledOrAcknowledgedRowIsRefused() {
        let file = Self.read("学号,结果,原因\nQL1,已报到,路远\nQL2,确认,cost\nQL3,未报到,cost\n")
        #expect(file.rows.isEmpty)
        let issues = file.diagnostics.sorted
        #expect(issues.map(\.row) == [2, 3])
        #expect(issues.map(\.column) == ["reason", "reason"])
        #expect(issues.first?.description
            == "报到名单.csv:2: reason: \"路远\" is given with the outcome enrolled; a reason goes only with declined or no_show")
        #expect(issues.first?.description(in: .chinese)
            == "报到名单.csv 第2行 reason 列：“路远”填在了结果为“已报到”的行上；只有“已拒绝”或“未报到”时才填写原因")
        #expect(issues.last?.message.hasPrefix("is given with the outcome acknowledged;") == true)
    }

    @Test func registrationClosedAndUnknownReasonsAreRefused() {
        let file = Self.read("学号,结果,原因\nQL1,未报到,registration_closed\nQL2,未报到,报名已截止\nQL3,已拒绝,不想读\n")
        #expect(file.rows.isEmpty)
        let issues = file.diagnostics.sorted
        #expect(issues.map(\.row) == [2, 3, 4])
        #expect(issues.map(\.column) == ["reason", "reason", "reason"])
        #expect(issues.map(\.value) == ["registration_closed", "报名已截止", "不想读"])
        let pathwaysOwn = issues.prefix(2).allSatisfy { $0.message.hasPrefix("is the reason Pathway records itself") }
        #expect(pathwaysOwn)
        #expect(issues.last?.message.hasPrefix("is not a reason (expected parents_disagree, too_far") == true)
        #expect(issues.last?.message.contains("registration_closed") == false)
        #expect(issues.last?.chineseMessage.contains("家长不同意") == true)
    }

    @Test func theSameStudentTwiceIsRefusedNamingBothRows() {
        let file = Self.read(
            """
            学号,学籍号,转介号,结果
            QL1,,,已报到
            QL2,G522623201009150016,,已报到
            ,,PW-2026-000007,未报到
            QL1,,,未报到
            G522623201009150016,,,未报到
            ,,pw-2026-000007,已报到
            QL8,G522623201011220028,,已报到
            """)
        #expect(file.rows.isEmpty)
        let issues = file.diagnostics.sorted
        #expect(issues.map(\.row) == [5, 6, 7], "\(Self.described(file))")
        // A 学籍号 written as the student id is the same student as that 学籍号 on another row.
        #expect(issues.map(\.column) == ["student_id", "student_id", "reference_number"])
        #expect(issues.map(\.message) == [
            "names the same student as row 2; keep one of the two rows",
            "names the same student as row 3; keep one of the two rows",
            "names the same student as row 4; keep one of the two rows",
        ])
        #expect(issues.first?.description(in: .chinese) == "报到名单.csv 第5行 student_id 列：“QL1”与第2行是同一名学生；两行请只保留一行")
    }

    @Test func aRowThatNamesNoStudentIsRefused() {
        let file = Self.read("学号,学籍号,姓名,结果\n,,王小明,已报到\n")
        #expect(file.rows.isEmpty)
        let issues = file.diagnostics.sorted
        #expect(issues.map(\.row) == [2])
        #expect(issues.map(\.column) == ["student_id"])
        #expect(issues.first?.message.contains("student_id, status_number or reference_number") == true)

        // A header with nothing that names students is refused once, not on every row.
        let header = Self.read("姓名,结果\n王小明,已报到\n李芳,未报到\n")
        #expect(header.rows.isEmpty)
        #expect(header.diagnostics.sorted.map(\.column) == ["student_id"])
        #expect(header.diagnostics.sorted.first?.row == 1)
        #expect(header.diagnostics.sorted.first?.message.hasSuffix("; or instead: status_number, reference_number") == true)
        #expect(header.diagnostics.sorted.first?.chineseMessage.hasSuffix("；或者改用：学籍号、转介号") == true)
    }

    @Test func aBadStatusNumberIsRefused() {
        let file = Self.read("学籍号,结果\nG522623201009150017,已报到\n")
        #expect(file.diagnostics.sorted.map(\.column) == ["status_number"])
        #expect(file.rows.isEmpty)
    }

    @Test func rowsWithNothingInAKnownColumnAreSkipped() {
        let file = Self.read("序号,学号,结果\n1,QL1,已报到\n2,,\n3, ,\n")
        #expect(file.diagnostics.errorCount == 0, "\(Self.described(file))")
        #expect(file.diagnostics.warnings.map(\.column) == ["序号"])
        #expect(file.rows.map(\.line) == [2])
    }

    @Test func notesAndNamesKeepTheTextLimits() {
        let long = String(repeating: "长", count: 2001)
        let file = Self.read("学号,姓名,结果,备注\nQL1,王小明,已报到,\(long)\nQL2,王\u{1B}[31m,已报到,\n")
        #expect(file.rows.isEmpty)
        let issues = file.diagnostics.sorted
        #expect(issues.map(\.column) == ["note", "name"])
        #expect(issues.first?.message == "is longer than 2000 characters (2001)")
    }
}
