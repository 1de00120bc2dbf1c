import Foundation
import PathwayCore
import PathwaySpreadsheet
import PathwayStorage

/// The files a school's referrals are written to by staff: `.xlsx` for a person (the default),
/// CSV and JSON for scripts, with the same rows.
public enum SchoolFileFormat: String, Sendable, CaseIterable {
    case xlsx, csv, json

    /// The file's bytes; headers and words of the workbook in `language`.
    public func render(_ rows: [SchoolReferral], language: Language) throws -> [UInt8] {
        switch self {
        case .xlsx: try SchoolReferralWorkbook.bytes(rows, language: language)
        case .csv: Array(SchoolReferralFormat.csv.render(rows).utf8)
        case .json: Array(SchoolReferralFormat.json.render(rows).utf8)
        }
    }

    /// The file name extension.
    public var fileExtension: String { rawValue }
}

/// A school's referrals as an `.xlsx` workbook for a person: headers in the reader's language,
/// ids, phones and 学籍号 as text cells (Excel and WPS never turn them into numbers), dates as
/// real dates, times in local time, scores to one decimal, gender and status in words, the
/// header frozen. The same rows as the CSV and JSON files; CSV stays for scripts.
public enum SchoolReferralWorkbook {
    /// The workbook's bytes.
    ///
    /// - Parameter timeZone: the zone the sent and updated times are shown in (the server's).
    public static func bytes(_ rows: [SchoolReferral], language: Language, timeZone: TimeZone = .current) throws -> [UInt8] {
        let zh = language == .chinese
        let headers = zh
            ? ["转介编号", "学生编号", "学籍号", "姓名", "性别", "出生日期", "初中学校", "监护人", "监护人电话",
               "专业代码", "专业名称", "匹配分", "状态", "发送时间", "更新时间"]
            : ["Referral", "Student id", "Status number (学籍号)", "Name", "Gender", "Birth date", "Junior school",
               "Guardian", "Guardian phone", "Programme", "Programme name", "Score", "Status", "Sent", "Updated"]
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let content = XLSXWriter.SheetContent(
            name: zh ? "转介名单" : "Referrals", columns: headers.map { XLSXWriter.Column(header: $0) },
            rows: rows.map { row in
                [
                    .text(row.referralID.description), .text(row.studentID), .text(orEmpty: row.statusNumber), .text(row.name),
                    .text(orEmpty: row.gender.flatMap(Gender.init(rawValue:)).map { gender(gender: $0, zh: zh) }),
                    date(row.birthDate), .text(orEmpty: row.school), .text(orEmpty: row.guardianName), .text(orEmpty: row.guardianPhone),
                    .text(row.programID), .text(row.programName),
                    row.score.map { .number($0, decimals: 1) } ?? .empty,
                    .text(ReferralStatus(rawValue: row.status)?.name(in: language) ?? row.status),
                    time(row.sentAt, calendar), time(row.updatedAt, calendar),
                ]
            })
        return try XLSXWriter().workbook([content])
    }

    /// `2026-07-01T08:30:00` in UTC.
    private static let utcSecond: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
        return formatter
    }()

    private static func gender(gender: Gender, zh: Bool) -> String {
        zh ? gender.name(in: .chinese) : gender.rawValue
    }

    /// `YYYY-MM-DD` as a date cell.
    private static func date(_ text: String?) -> XLSXWriter.Cell {
        guard let text else { return .empty }
        guard let day = CalendarDate(parsing: text) else { return .text(text) }
        return .date(year: day.year, month: day.month, day: day.day)
    }

    /// A stored UTC time (`2026-07-01T08:30:00.000000Z`) as a date-time cell in `calendar`'s zone.
    private static func time(_ text: String?, _ calendar: Calendar) -> XLSXWriter.Cell {
        guard let text else { return .empty }
        // The stored form has microseconds, which the whole second is enough of for a person.
        guard let instant = utcSecond.date(from: String(text.prefix(19))) else { return .text(text) }
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
        guard let year = parts.year, let month = parts.month, let day = parts.day, let hour = parts.hour,
              let minute = parts.minute, let second = parts.second
        else { return .text(text) }
        return .dateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }
}
