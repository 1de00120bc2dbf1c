/// The columns of a vocational school's enrolment list (报到名单): one row per referred student,
/// saying whether the student came, as `pathway referrals outcomes` reads it.
///
/// Schools keep these lists in their own words and with whatever number they know the student
/// by, so a student may be named by the county's id, the national student number (学籍号) or the
/// referral's reference number from the letter; at least one of the three must be there.
public enum OutcomeColumn: Int, CSVColumn {
    /// The county's student id, as in `students.csv` (a 学籍号 used as the id is checked as one).
    case studentID
    /// The national student-status number (全国学籍号), checked with `StatusNumber`.
    case statusNumber
    /// The referral's reference number printed on the letter (`PW-2026-000123`).
    case referenceNumber
    /// The student's name: not used to find the student, only to check the row against the
    /// record found, so that a mistyped number is caught before it closes someone else's case.
    case name
    /// What the school reports: acknowledged, enrolled, declined or no_show, in English or Chinese.
    case outcome
    /// Why the student did not enrol (an `OutcomeReason`), for declined and no_show only.
    case reason
    /// Free text kept with the recorded event.
    case note

    /// The canonical header name (`student_id`), as `docs/data-formats.md` lists it.
    public var canonicalName: String {
        switch self {
        case .studentID: "student_id"
        case .statusNumber: "status_number"
        case .referenceNumber: "reference_number"
        case .name: "name"
        case .outcome: "outcome"
        case .reason: "reason"
        case .note: "note"
        }
    }

    /// The outcome, and something that names the student (`student_id` or, through
    /// `alternatives`, `status_number` or `reference_number`): without them a row says nothing.
    public var isRequired: Bool {
        switch self {
        case .studentID, .outcome: true
        default: false
        }
    }

    /// A school may name its students by 学籍号 or by the letter's reference number alone.
    public var alternatives: [OutcomeColumn] {
        switch self {
        case .studentID: [.statusNumber, .referenceNumber]
        default: []
        }
    }

    /// The headers schools write on their lists, matched like the canonical name.
    public var aliases: [String] {
        switch self {
        case .studentID: ["学生编号", "学号", "考号"]
        case .statusNumber: ["学籍号", "全国学籍号"]
        case .referenceNumber: ["转介号", "转介编号", "转介单号"]
        case .name: ["姓名", "学生姓名"]
        case .outcome: ["结果", "报到情况", "报到结果", "状态", "是否报到"]
        case .reason: ["原因", "未报到原因", "拒绝原因"]
        case .note: ["备注", "说明"]
        }
    }
}
