import Foundation
import PathwayCore
import PathwaySpreadsheet
import PathwayStorage

/// The follow-up ledger as an `.xlsx` workbook, for the counsellors who work through it and the
/// monthly report it goes into: headers and reasons in the reader's language, ids as text, the
/// date each wait began as a real date in local time.
public enum FollowupWorkbook {
    public static func bytes(_ entries: [FollowupEntry], language: Language, timeZone: TimeZone = .current) throws -> [UInt8] {
        let zh = language == .chinese
        let headers = zh
            ? ["学生编号", "姓名", "初中学校", "届别", "原因", "负责人", "起始日期", "天数", "匹配", "转介号", "专业代码"]
            : ["Student id", "Name", "Junior school", "Cohort", "Reason", "Responsible", "Since", "Days", "Run", "Referral",
               "Programme"]
        let rows: [[XLSXWriter.Cell]] = entries.map { entry in
            let since: XLSXWriter.Cell = (try? CalendarDate(dayOf: entry.since, in: timeZone))
                .map { .date(year: $0.year, month: $0.month, day: $0.day) } ?? .empty
            return [
                .text(entry.studentID), .text(entry.studentName), entry.juniorSchool.map { .text($0) } ?? .empty,
                entry.cohort.map { .number(Double($0), decimals: 0) } ?? .empty, .text(entry.reason.name(in: language)),
                entry.responsible.map { .text($0) } ?? .empty, since, .number(Double(entry.waitingDays), decimals: 0),
                entry.runID.map { .text($0.description) } ?? .empty, entry.referenceNumber.map { .text($0) } ?? .empty,
                entry.programID.map { .text($0) } ?? .empty,
            ]
        }
        return try XLSXWriter().workbook([
            XLSXWriter.SheetContent(
                name: zh ? "跟进名单" : "Follow-up", columns: headers.map { XLSXWriter.Column(header: $0) }, rows: rows),
        ])
    }
}

/// `pathway followup list --output FILE`: the ledger as a workbook, written whole or not at all
/// and recorded in the audit log (it names minors and why they are not in school).
public struct FollowupExportJob: Sendable {
    public var cohort: Int?
    public var language: Language

    public init(cohort: Int?, language: Language) {
        self.cohort = cohort
        self.language = language
    }

    /// Writes the ledger to `path`; returns its entries.
    @discardableResult
    public func run(in workspace: Workspace, to path: String) throws -> [FollowupEntry] {
        try workspace.connection.withTransaction { connection in
            let entries = try workspace.ledger.entries(cohort: cohort)
            let bytes = try FollowupWorkbook.bytes(entries, language: language)
            try AtomicFile.write(to: path) { try $0.write(contentsOf: Data(bytes)) }
            var details: [String: JSONValue] = [
                "format": .string("xlsx"), "rows": .integer(entries.count),
                "output": .string(URL(fileURLWithPath: path).lastPathComponent),
            ]
            if let cohort { details["cohort"] = .integer(cohort) }
            try AuditLog.record(
                connection, actor: workspace.actor, action: "followup.export", region: workspace.region, details: details)
            return entries
        }
    }
}
