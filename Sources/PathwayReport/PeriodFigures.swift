import Foundation
import PathwayCore

/// One figure of the period report (a column of its tables), so that the page, the workbook
/// and the tests walk the same columns in the same order instead of each listing them again.
public enum PeriodMeasure: Sendable, Hashable, CaseIterable {
    /// Referrals that moved to `sent` in the period.
    case referred
    /// Referrals that moved to `acknowledged` in the period.
    case acknowledged
    /// Referrals that moved to `enrolled` in the period.
    case enrolled
    /// Referrals that moved to `declined` in the period.
    case declined
    /// Referrals that moved to `no_show` in the period.
    case noShow
    /// Referrals whose expiry (recorded, or judged from the registration deadline) began in
    /// the period.
    case expired
    /// Contacts (calls, visits) dated in the period.
    case contacts
    /// Referrals still open at the end of the period's last day.
    case stillOpen
    /// Of those, the ones the school has not acknowledged within the county's days.
    case overdue
    /// Students on the follow-up ledger at the end of the period's last day, not counting
    /// those an overdue referral still holds (they are in `overdue`).
    case onLedger

    /// Whether the figure is a count at the end of the period (a stock) rather than of the
    /// changes within it (a flow): readers must not add the two kinds across months.
    public var isStock: Bool {
        switch self {
        case .stillOpen, .overdue, .onLedger: true
        case .referred, .acknowledged, .enrolled, .declined, .noShow, .expired, .contacts: false
        }
    }

    /// The figure's name as a table heading: `已报到`, `enrolled`.
    public func name(in language: Language) -> String {
        switch (self, language) {
        case (.referred, .chinese): "发出转介"
        case (.referred, .english): "referred"
        case (.acknowledged, .chinese): "学校确认"
        case (.acknowledged, .english): "acknowledged"
        case (.enrolled, .chinese): "已报到"
        case (.enrolled, .english): "enrolled"
        case (.declined, .chinese): "拒绝"
        case (.declined, .english): "declined"
        case (.noShow, .chinese): "未报到"
        case (.noShow, .english): "no-show"
        case (.expired, .chinese): "过期"
        case (.expired, .english): "expired"
        case (.contacts, .chinese): "联系次数"
        case (.contacts, .english): "contacts made"
        case (.stillOpen, .chinese): "仍在进行"
        case (.stillOpen, .english): "still open"
        case (.overdue, .chinese): "学校逾期"
        case (.overdue, .english): "overdue"
        case (.onLedger, .chinese): "在跟进名单"
        case (.onLedger, .english): "on the ledger"
        }
    }
}

/// One line of the period report: the figures of one vocational school, junior school or
/// township (or of the whole county, as `PeriodFigures.total`).
///
/// Flows count the changes whose day lies in the period; stocks are judged at the end of its
/// last day. A breakdown's rows always add up to the total in every column.
public struct PeriodRow: Sendable, Hashable, Codable {
    /// What the row counts: a vocational school's id, or a junior school's or township's name;
    /// "" for the referrals and students with none recorded.
    public var key: String
    /// The name to print: the school's name (its id when the county has no name for it), the
    /// junior school or township itself; "" for the none row, which renderers print as 未填/none.
    public var label: String
    /// Referrals that moved to `sent` in the period.
    public var referred: Int
    /// Referrals that moved to `acknowledged` in the period.
    public var acknowledged: Int
    /// Referrals that moved to `enrolled` in the period.
    public var enrolled: Int
    /// Referrals that moved to `declined` in the period.
    public var declined: Int
    /// The declines by the reason given with the change; only reasons that occurred. With
    /// `declinedUnspecified` it sums to `declined`.
    public var declinedByReason: [OutcomeReason: Int]
    /// Declines recorded without a reason: kept apart rather than filed under `other`, so the
    /// county sees how often schools give none.
    public var declinedUnspecified: Int
    /// Referrals that moved to `no_show` in the period.
    public var noShow: Int
    /// Referrals expired at the end of the period whose expiry began in it, counted once
    /// whether the expiry was recorded or only judged from the registration deadline.
    public var expired: Int
    /// Contacts dated in the period.
    public var contacts: Int
    /// Referrals open at the end of the period's last day (and not judged expired).
    public var stillOpen: Int
    /// Of `stillOpen`, the ones past the school's days to acknowledge.
    public var overdue: Int
    /// Students on the ledger at the end of the period's last day, other than those an overdue
    /// referral holds.
    public var onLedger: Int

    /// A row with every figure zero, to count into.
    public init(key: String, label: String) {
        self.key = key
        self.label = label
        referred = 0
        acknowledged = 0
        enrolled = 0
        declined = 0
        declinedByReason = [:]
        declinedUnspecified = 0
        noShow = 0
        expired = 0
        contacts = 0
        stillOpen = 0
        overdue = 0
        onLedger = 0
    }

    /// The figure `measure` names, so that columns can be walked in `PeriodMeasure` order.
    public subscript(measure: PeriodMeasure) -> Int {
        get {
            switch measure {
            case .referred: referred
            case .acknowledged: acknowledged
            case .enrolled: enrolled
            case .declined: declined
            case .noShow: noShow
            case .expired: expired
            case .contacts: contacts
            case .stillOpen: stillOpen
            case .overdue: overdue
            case .onLedger: onLedger
            }
        }
        set {
            switch measure {
            case .referred: referred = newValue
            case .acknowledged: acknowledged = newValue
            case .enrolled: enrolled = newValue
            case .declined: declined = newValue
            case .noShow: noShow = newValue
            case .expired: expired = newValue
            case .contacts: contacts = newValue
            case .stillOpen: stillOpen = newValue
            case .overdue: overdue = newValue
            case .onLedger: onLedger = newValue
            }
        }
    }

    /// The declines as the report lists them: every reason a person may give (so months compare
    /// line by line), a reason of Pathway's own only when it occurred, then those given without
    /// a reason (`reason` nil). The counts add up to `declined`.
    public var declineLines: [(reason: OutcomeReason?, count: Int)] {
        OutcomeReason.allCases
            .filter { OutcomeReason.given.contains($0) || (declinedByReason[$0] ?? 0) > 0 }
            .map { (reason: Optional($0), count: declinedByReason[$0] ?? 0) }
            + [(reason: nil, count: declinedUnspecified)]
    }

    /// Whether any figure is non-zero: rows without one are left out of a breakdown.
    var hasFigures: Bool { PeriodMeasure.allCases.contains { self[$0] != 0 } }

    /// The keys of the JSON form: snake_case like the ledger's; reasons are keyed by their codes
    /// (`{"too_far": 2}`, `OutcomeReason` being `CodingKeyRepresentable`).
    enum CodingKeys: String, CodingKey {
        case key
        case label
        case referred
        case acknowledged
        case enrolled
        case declined
        case declinedByReason = "declined_by_reason"
        case declinedUnspecified = "declined_unspecified"
        case noShow = "no_show"
        case expired
        case contacts
        case stillOpen = "still_open"
        case overdue
        case onLedger = "on_ledger"
    }
}

/// The county's period report (`pathway report period --from D1 --to D2`): what happened to
/// referrals between two days, what stood open at the end, who was on the ledger and how many
/// contacts were made, for the county and per vocational school, junior school and township.
///
/// Pure: computed from the ledger's facts with `ReferralClock`, the one judge of time, so the
/// report agrees with the overdue list and the ledger on the same day.
///
/// Attribution: a referral's flows and stock go to its vocational school and to its student's
/// junior school and township. A student's contacts and ledger place go to the school of their
/// latest referral existing by the last day (by its last change; none: the "" row) and to their
/// junior school and township (none recorded: the "" row). Every event is counted in exactly one
/// row of each breakdown, so each breakdown adds up to `total` in every column, as the county's
/// forms require.
public struct PeriodFigures: Sendable, Hashable, Codable {
    /// The period's first day.
    public var from: CalendarDate
    /// The period's last day, included; stocks are judged at its end.
    public var to: CalendarDate
    /// The whole county.
    public var total: PeriodRow
    /// Per vocational school (of the referral): sorted by school id, the "" row last; only
    /// rows with a non-zero figure.
    public var bySchool: [PeriodRow]
    /// Per junior school of the student, in the same order and with the same omission.
    public var byJuniorSchool: [PeriodRow]
    /// Per township of the student, in the same order and with the same omission.
    public var byTownship: [PeriodRow]

    /// The keys of the JSON form, snake_case like the ledger's.
    enum CodingKeys: String, CodingKey {
        case from
        case to
        case total
        case bySchool = "by_school"
        case byJuniorSchool = "by_junior_school"
        case byTownship = "by_township"
    }

    /// Counts `facts` for the days `from` through `to`.
    ///
    /// - A flow counts a change (to `sent`, `acknowledged`, `enrolled`, `declined`, `no_show`)
    ///   whose day lies in the period; a decline under the reason given with that change.
    /// - `expired` counts a referral whose standing at the end of `to` is expired and began in
    ///   the period, once: a recorded change to `expired` is not counted again as a flow.
    /// - A student imported after `to` was not on the ledger then and is not counted on it.
    ///
    /// With `from` after `to`, every flow is zero and the stocks are those of `to`.
    ///
    /// - Parameter schoolNames: vocational school names by id, for the rows' labels.
    public init(
        facts: [FollowupFacts], from: CalendarDate, to: CalendarDate, deadlines: FollowupDeadlines,
        schoolNames: [String: String]
    ) {
        func inPeriod(_ day: CalendarDate) -> Bool { from <= day && day <= to }
        var tally = PeriodTally()
        for student in facts {
            let juniorSchool = Self.key(student.juniorSchool)
            let township = Self.key(student.township)
            func record(school: String, _ count: (inout PeriodRow) -> Void) {
                tally.record(school: school, juniorSchool: juniorSchool, township: township, count)
            }
            // Every change of the period happened by `to`, so its referral is among these.
            let judged = student.judged(on: to, deadlines: deadlines)
            for (referral, standing) in judged {
                for change in referral.clock.changes where inPeriod(change.day) {
                    guard let measure = Self.flow(of: change.status) else { continue }
                    record(school: referral.schoolID) { row in
                        row[measure] += 1
                        guard measure == .declined else { return }
                        if let reason = change.reason {
                            row.declinedByReason[reason, default: 0] += 1
                        } else {
                            row.declinedUnspecified += 1
                        }
                    }
                }
                if standing.status == .expired, inPeriod(standing.since) {
                    record(school: referral.schoolID) { $0.expired += 1 }
                }
                if standing.status.isOpen {
                    record(school: referral.schoolID) { row in
                        row.stillOpen += 1
                        if standing.overdueDays != nil { row.overdue += 1 }
                    }
                }
            }
            let school = FollowupFacts.latest(judged)?.referral.schoolID ?? ""
            let contacts = student.contactDays.filter { inPeriod($0) }.count
            if contacts > 0 {
                record(school: school) { $0.contacts += contacts }
            }
            if let entry = student.entry(on: to, judged: judged), entry.reason.isUnheld {
                record(school: school) { $0.onLedger += 1 }
            }
        }
        self.from = from
        self.to = to
        total = tally.total
        bySchool = Self.rows(tally.bySchool) { id in
            guard let name = schoolNames[id], !name.isEmpty else { return id }
            return name
        }
        byJuniorSchool = Self.rows(tally.byJuniorSchool) { $0 }
        byTownship = Self.rows(tally.byTownship) { $0 }
    }

    /// The figure a change to `status` counts in. Expiry is counted once, from the standing,
    /// whether recorded or judged; proposals, approvals and withdrawals are not among the
    /// report's figures.
    private static func flow(of status: ReferralStatus) -> PeriodMeasure? {
        switch status {
        case .sent: .referred
        case .acknowledged: .acknowledged
        case .enrolled: .enrolled
        case .declined: .declined
        case .no_show: .noShow
        case .expired, .proposed, .approved, .withdrawn: nil
        }
    }

    /// A recorded name as a row key: blank or missing both mean the "" row.
    private static func key(_ name: String?) -> String {
        name?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    }

    /// The rows with a figure, labelled, sorted by key with the "" row last.
    private static func rows(_ rows: [String: PeriodRow], label: (String) -> String) -> [PeriodRow] {
        rows.values
            .filter(\.hasFigures)
            .map { row in
                var labelled = row
                labelled.label = row.key.isEmpty ? "" : label(row.key)
                return labelled
            }
            .sorted { a, b in
                if a.key.isEmpty != b.key.isEmpty { return b.key.isEmpty }
                return a.key < b.key
            }
    }
}

/// The rows being counted into. Each event is applied to the total and to one row of each
/// breakdown by the same closure, so the breakdowns add up to the total by construction.
private struct PeriodTally {
    var total = PeriodRow(key: "", label: "")
    var bySchool: [String: PeriodRow] = [:]
    var byJuniorSchool: [String: PeriodRow] = [:]
    var byTownship: [String: PeriodRow] = [:]

    mutating func record(school: String, juniorSchool: String, township: String, _ count: (inout PeriodRow) -> Void) {
        count(&total)
        count(&bySchool[school, default: PeriodRow(key: school, label: "")])
        count(&byJuniorSchool[juniorSchool, default: PeriodRow(key: juniorSchool, label: "")])
        count(&byTownship[township, default: PeriodRow(key: township, label: "")])
    }
}
