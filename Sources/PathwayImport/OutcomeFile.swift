import PathwayCore

/// One student's outcome as a vocational school's enrolment list (报到名单) reports it, every
/// cell checked but not yet matched to a referral: finding the referral (and checking `name`
/// against it) needs the database, which is the workflow's part.
public struct OutcomeRow: Sendable, Hashable {
    /// The spreadsheet row the outcome came from (header = row 1, title rows counted), as
    /// `ImportIssue.row` gives it, so that a referral the workflow cannot find is reported
    /// where the clerk will look.
    public var line: Int
    /// The county's student id; a 学籍号 given here is checked and normalised like `statusNumber`.
    public var studentID: String?
    /// The national student number (全国学籍号), normalised by `StatusNumber.parse`.
    public var statusNumber: String?
    /// The referral's reference number from the letter, upper-cased (`PW-2026-000123`).
    public var referenceNumber: String?
    /// The name the school wrote, only to be compared with the record found.
    public var name: String?
    /// One of `ReferralStatus.schoolReports`.
    public var outcome: ReferralStatus
    /// Why the student did not enrol; only with an outcome that `OutcomeReason.statuses` allows,
    /// and never `registration_closed` (Pathway's own).
    public var reason: OutcomeReason?
    /// Free text for the recorded event, within `ValueParser.TextLimit.paragraph`.
    public var note: String?

    /// A row as read; at least one of `studentID`, `statusNumber` and `referenceNumber` should be set.
    public init(
        line: Int, studentID: String? = nil, statusNumber: String? = nil, referenceNumber: String? = nil,
        name: String? = nil, outcome: ReferralStatus, reason: OutcomeReason? = nil, note: String? = nil
    ) {
        self.line = line
        self.studentID = studentID
        self.statusNumber = statusNumber
        self.referenceNumber = referenceNumber
        self.name = name
        self.outcome = outcome
        self.reason = reason
        self.note = note
    }
}

/// A vocational school's enrolment list (报到名单), as CSV (UTF-8 or GB18030) or a workbook,
/// read into `OutcomeRow`s for `pathway referrals outcomes`.
///
/// Recording outcomes is all or nothing: a list half recorded would leave the clerk to work out
/// which rows went in. So every row is checked and every problem collected in `diagnostics`,
/// and when any of them is an error `rows` is empty; the workflow refuses the file with the
/// diagnostics (`WorkflowError.refusedFile`), as it does the other imports. Rows with no value in
/// any known column (blank, or only a 序号) are skipped; the same student twice is an error
/// naming both rows, because which of the two outcomes is true is for the school to say.
public struct OutcomeFile: Sendable {
    /// The outcomes in file order; empty when `diagnostics` has an error.
    public private(set) var rows: [OutcomeRow] = []
    /// Every problem found, errors and warnings (an unknown column), with file, row, column and value.
    public private(set) var diagnostics: ImportDiagnostics
    /// The table as read, for its encoding and header row; nil when the file could not be read at all.
    public let table: CSVTable?

    /// Reads and checks the file; a file that cannot be read at all is one error in `diagnostics`.
    public init(_ source: ImportSource, cap: Int = 100) {
        var diagnostics = ImportDiagnostics(cap: cap)
        table = source.table(reportingInto: &diagnostics)
        self.diagnostics = diagnostics
        if let table { read(table) }
    }

    /// How a student is named, for finding the same student twice. A student id shaped like a
    /// 学籍号 is one (the students importer makes it the status number too).
    private enum StudentKey: Hashable {
        case studentID(String)
        case statusNumber(String)
        case referenceNumber(String)
    }

    /// A key of one row and the cell it came from, for the duplicate's issue.
    private struct Identity {
        var key: StudentKey
        var column: OutcomeColumn
        var value: String
    }

    /// The columns that name the student.
    private static let identifiers: [OutcomeColumn] = [.studentID, .statusNumber, .referenceNumber]

    private mutating func read(_ table: CSVTable) {
        let mapping = HeaderMapping<OutcomeColumn>(table: table)
        diagnostics.report(contentsOf: mapping.issues)
        // Without any identifier column the header is refused already; saying so on every row adds nothing.
        let identifierColumns = Self.identifiers.filter { mapping.contains($0) }
        var firstRow: [StudentKey: Int] = [:]
        rows.reserveCapacity(table.rows.count)
        for row in table.rows {
            let record = mapping.record(row)
            guard OutcomeColumn.allCases.contains(where: { record.text($0) != nil }) else { continue }
            let errorsBefore = diagnostics.errorCount
            let studentID = record.value(.studentID, StatusNumber.studentID, into: &diagnostics)
            let statusNumber = record.value(.statusNumber, StatusNumber.parse, into: &diagnostics)
            let referenceNumber = record.value(.referenceNumber, Self.referenceNumber, into: &diagnostics)
            let name = record.value(.name, ValueParser.line(.personName), into: &diagnostics)
            let outcome = record.required(.outcome, Self.outcome, into: &diagnostics)
            let reason = record.value(.reason, Self.reason, into: &diagnostics)
            let note = record.value(.note, ValueParser.paragraph, into: &diagnostics)

            if let column = identifierColumns.first, !identifierColumns.contains(where: { record.text($0) != nil }) {
                diagnostics.report(
                    record.issue(
                        column,
                        message: "is empty, and nothing else names the student; "
                            + "give the student_id, status_number or reference_number",
                        chineseMessage: "为空，这一行没有写明是哪一名学生；请填写学生编号、学籍号或转介号"))
            }
            if let outcome, reason != nil, !Self.reasonOutcomes.contains(outcome), let text = record.text(.reason) {
                diagnostics.report(
                    record.issue(
                        .reason, value: text,
                        message: "is given with the outcome \(outcome.rawValue); "
                            + "a reason goes only with \(Self.reasonOutcomeList)",
                        chineseMessage: "填在了结果为“\(outcome.name(in: .chinese))”的行上；"
                            + "只有\(Self.chineseReasonOutcomeList)时才填写原因"))
            }

            var identities: [Identity] = []
            if let studentID {
                let key = StatusNumber.looksLikeOne(studentID)
                    ? StudentKey.statusNumber(studentID) : StudentKey.studentID(studentID)
                identities.append(Identity(key: key, column: .studentID, value: studentID))
            }
            if let statusNumber {
                identities.append(Identity(key: .statusNumber(statusNumber), column: .statusNumber, value: statusNumber))
            }
            if let referenceNumber {
                identities.append(
                    Identity(key: .referenceNumber(referenceNumber), column: .referenceNumber, value: referenceNumber))
            }
            var reportedRows: Set<Int> = []
            for identity in identities {
                guard let first = firstRow[identity.key] else {
                    firstRow[identity.key] = record.number
                    continue
                }
                // One issue per earlier row, however many of its numbers this row repeats.
                guard first != record.number, reportedRows.insert(first).inserted else { continue }
                diagnostics.report(
                    record.issue(
                        identity.column, value: identity.value,
                        message: "names the same student as row \(first); keep one of the two rows",
                        chineseMessage: "与第\(first)行是同一名学生；两行请只保留一行"))
            }

            guard diagnostics.errorCount == errorsBefore, let outcome else { continue }
            rows.append(
                OutcomeRow(
                    line: record.number, studentID: studentID, statusNumber: statusNumber,
                    referenceNumber: referenceNumber, name: name, outcome: outcome, reason: reason, note: note))
        }
        // Nothing is half read: a file with an error yields no outcome at all.
        if diagnostics.hasErrors { rows.removeAll() }
    }

    // MARK: Values

    /// Reads an outcome as schools write it (trimmed, case-insensitive, full-width forms
    /// allowed): the codes (`enrolled`, `no_show`, `no show`), the Chinese names (`已报到`,
    /// `未报到`, `已拒绝`, `学校已确认`) and the words clerks use (`报到`, `入学`, `是`, `否`, `没来`,
    /// `放弃`, `确认` …). A status only the county or Pathway sets (`withdrawn`) is refused with
    /// the list of what a school may report.
    public static func outcome(_ text: String) -> Result<ReferralStatus, ValueError> {
        let key = outcomeKey(text)
        if let status = outcomeSpellings[key] { return .success(status) }
        let english = orList(ReferralStatus.schoolReports.map(\.rawValue))
        let chinese = ReferralStatus.schoolReports.map { $0.name(in: .chinese) }.joined(separator: "、")
        let codes = ReferralStatus.schoolReports.map(\.rawValue).joined(separator: "、")
        let isOtherStatus = ReferralStatus.allCases.contains { status in
            outcomeKey(status.rawValue) == key || outcomeKey(status.name(in: .chinese)) == key
        }
        if isOtherStatus {
            return .failure(
                ValueError(
                    "is not an outcome a school reports (expected \(english), or \(chinese))",
                    "不是学校可以填报的结果（应填写 \(chinese)，或 \(codes)）"))
        }
        return .failure(
            ValueError(
                "is not an outcome (expected \(english), or \(chinese))",
                "不是有效的报到结果（应填写 \(chinese)，或 \(codes)）"))
    }

    /// Reads a reason with `OutcomeReason(parsing:)` (the code, its Chinese or English name, or a
    /// common variant); `registration_closed` is refused, because Pathway records it itself
    /// when registration closes and a school giving it would hide the student's real reason.
    public static func reason(_ text: String) -> Result<OutcomeReason, ValueError> {
        guard let reason = OutcomeReason(parsing: text.halfWidth) else {
            let codes = OutcomeReason.given.map(\.rawValue)
            let chineseCodes = codes.joined(separator: "、")
            let names = OutcomeReason.given.map { $0.name(in: .chinese) }.joined(separator: "、")
            return .failure(
                ValueError(
                    "is not a reason (expected \(orList(codes)), or their names: \(names))",
                    "不是有效的原因（应填写 \(names) 之一，或 \(chineseCodes)）"))
        }
        guard reason != .registration_closed else {
            return .failure(
                ValueError(
                    "is the reason Pathway records itself when registration closes; give the student's own reason, or other",
                    "是报名截止时系统自动记录的原因，不能在名单中填写；请填写学生的实际原因，或填写“其他”"))
        }
        return .success(reason)
    }

    /// The outcomes a reason may come with: those of a school's reports that close without an enrolment.
    private static let reasonOutcomes = ReferralStatus.schoolReports.filter { OutcomeReason.statuses.contains($0) }
    /// `declined or no_show`.
    private static let reasonOutcomeList = orList(reasonOutcomes.map(\.rawValue))
    /// `“已拒绝”或“未报到”`.
    private static let chineseReasonOutcomeList = reasonOutcomes
        .map { status in "“" + status.name(in: .chinese) + "”" }
        .joined(separator: "或")

    /// Every accepted spelling of an outcome, by `outcomeKey`.
    private static let outcomeSpellings: [String: ReferralStatus] = {
        var spellings: [String: ReferralStatus] = [:]
        for status in ReferralStatus.schoolReports {
            spellings[OutcomeFile.outcomeKey(status.rawValue)] = status
            spellings[OutcomeFile.outcomeKey(status.name(in: .chinese))] = status
        }
        let variants: [(String, ReferralStatus)] = [
            ("报到", .enrolled), ("已入学", .enrolled), ("入学", .enrolled), ("是", .enrolled),
            ("否", .no_show), ("未到", .no_show), ("没来", .no_show),
            ("拒绝", .declined), ("放弃", .declined), ("不来", .declined),
            ("确认", .acknowledged), ("已收到", .acknowledged),
        ]
        for (spelling, status) in variants { spellings[OutcomeFile.outcomeKey(spelling)] = status }
        return spellings
    }()

    /// The matching form of an outcome: trimmed, half-width, lower-cased, with each run of
    /// spaces, hyphens and underscores one underscore (`No Show`, `no-show` → `no_show`).
    static func outcomeKey(_ text: String) -> String {
        var key = ""
        var pendingUnderscore = false
        for character in text.halfWidth.trimmedForImport.lowercased() {
            if character == " " || character == "-" || character == "_" {
                pendingUnderscore = true
                continue
            }
            if pendingUnderscore, !key.isEmpty { key.append("_") }
            pendingUnderscore = false
            key.append(character)
        }
        return key
    }

    /// A reference number: an id, half-width and upper-cased as Pathway prints it (`PW-2026-000123`).
    private static func referenceNumber(_ text: String) -> Result<String, ValueError> {
        ValueParser.identifier(text.halfWidth).map { $0.uppercased() }
    }

    /// `a, b or c`.
    private static func orList(_ items: [String]) -> String {
        guard let last = items.last else { return "" }
        return items.count == 1 ? last : items.dropLast().joined(separator: ", ") + " or " + last
    }
}
