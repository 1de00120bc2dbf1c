import Foundation
import PathwayCore
import PathwaySpreadsheet
import PathwayStorage

/// The follow-up ledger as an `.xlsx` workbook, for the counsellors who work through it and the
/// monthly report it goes into: headers and reasons in the reader's language, ids as text, the
/// date each wait began as a real date in local time.
public enum FollowupWorkbook {
    public static func bytes(_ entries: [FollowupEntry], language: Language) throws -> [UInt8] {
        let zh = language == .chinese
        let headers = zh
            ? ["学生编号", "姓名", "初中学校", "届别", "原因", "具体原因", "负责人", "起始日期", "天数", "匹配", "转介号", "专业代码"]
            : ["Student id", "Name", "Junior school", "Cohort", "Reason", "Reason given", "Responsible", "Since", "Days", "Run",
               "Referral", "Programme"]
        let rows: [[XLSXWriter.Cell]] = entries.map { entry in
            let since = XLSXWriter.Cell.date(year: entry.since.year, month: entry.since.month, day: entry.since.day)
            return [
                .text(entry.studentID), .text(entry.studentName), .text(orEmpty: entry.juniorSchool),
                entry.cohort.map { .number(Double($0), decimals: 0) } ?? .empty, .text(entry.reason.name(in: language)),
                entry.outcomeReason.map { .text($0.name(in: language)) } ?? .empty,
                .text(orEmpty: entry.responsible), since, .number(Double(entry.waitingDays), decimals: 0),
                entry.runID.map { .text($0.description) } ?? .empty, .text(orEmpty: entry.referenceNumber),
                .text(orEmpty: entry.programID),
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
    public var list: FollowupListJob
    public var language: Language

    public init(list: FollowupListJob, language: Language) {
        self.list = list
        self.language = language
    }

    /// Writes the ledger to `path`; returns its entries.
    @discardableResult
    public func run(in workspace: Workspace, to path: String) throws -> [FollowupEntry] {
        let entries = try list.run(in: workspace).entries
        return try workspace.connection.withTransaction { connection in
            let bytes = try FollowupWorkbook.bytes(entries, language: language)
            try AtomicFile.write(to: path) { try $0.write(contentsOf: Data(bytes)) }
            var details: [String: JSONValue] = [
                "format": .string("xlsx"), "rows": .integer(entries.count),
                "output": .string(URL(fileURLWithPath: path).lastPathComponent),
            ]
            if let cohort = list.cohort { details["cohort"] = .integer(cohort) }
            if let assignee = list.assignee { details["assignee"] = .string(assignee) }
            if let day = list.asOf { details["as_of"] = .string(day.description) }
            try AuditLog.record(
                connection, actor: workspace.actor, action: "followup.export", region: workspace.region, details: details)
            return entries
        }
    }
}
