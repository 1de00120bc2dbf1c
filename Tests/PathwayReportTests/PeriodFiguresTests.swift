import Foundation
import PathwayCore
import PathwayReport
import Testing

/// Seven students of the 2026 cohort whose October and November figures are counted by hand,
/// with the county's standard deadlines (14 days to acknowledge, registration closing 11-20):
///
/// - A (一中, 清水镇): R1 to S1 sent 10-05, acknowledged 10-10, enrolled 11-03; contacts 10-08, 11-02.
/// - B (一中, 河口乡): R2 to S2 sent 10-05, never acknowledged (overdue at 10-31), declined 11-05
///   as too far; R3 to S1 sent 11-12, acknowledged 11-13, declined 11-18 with no reason;
///   contacts 11-06, 11-07.
/// - C (二中, 清水镇): R4 to S1 sent 10-22, acknowledged 10-28, then nothing: open past the
///   registration deadline, judged expired from 11-21; contacts 10-29, 11-25, 12-01.
/// - D (no junior school, no township): R5 to S2 sent 10-02, never acknowledged (overdue at
///   10-31), recorded expired 11-21.
/// - E (二中, 河口乡): never referred, no seat in the run; contacts 10-15, 11-20.
/// - F (二中, 河口乡): R6 to S2 sent 10-27, acknowledged 10-30, no-show 11-15 (going out to work).
/// - G (一中, 清水镇): imported 11-15, never matched; contact 11-16.
enum PeriodFixture {
    static let schoolNames = ["S1": "县职业中专", "S2": "农业学校"]
    static let studentIDs = ["G2026990001", "G2026990002", "G2026990003", "G2026990004", "G2026990005", "G2026990006", "G2026990007"]
    static let studentNames = ["王小明", "李小红", "张晓伟", "刘芳芳", "陈静怡", "杨一帆", "赵磊磊"]
    static let counsellor = "周老师"

    static func date(_ month: Int, _ day: Int) throws -> CalendarDate {
        try #require(CalendarDate(year: 2026, month: month, day: day))
    }

    static func october() throws -> (from: CalendarDate, to: CalendarDate) { (try date(10, 1), try date(10, 31)) }
    static func november() throws -> (from: CalendarDate, to: CalendarDate) { (try date(11, 1), try date(11, 30)) }

    /// The moment of a day at 09:00 UTC, which falls on the same day in the county.
    static func moment(_ day: CalendarDate) -> Date {
        Date(timeIntervalSince1970: Double(day.dayNumber) * 86_400 + 9 * 3_600)
    }

    static func change(_ status: ReferralStatus, _ month: Int, _ day: Int, _ reason: OutcomeReason? = nil) throws
        -> ReferralClock.Change
    {
        let calendarDay = try date(month, day)
        return ReferralClock.Change(status: status, at: moment(calendarDay), day: calendarDay, reason: reason)
    }

    static func referral(_ id: Int64, school: String, _ changes: [ReferralClock.Change]) -> FollowupFacts.ReferralFact {
        FollowupFacts.ReferralFact(
            referralID: ReferralID(id), referenceNumber: "ZJ-2026-\(id)", runID: 1, programID: "\(school)-P1",
            schoolID: school, assignee: counsellor, clock: ReferralClock(changes: changes, cohort: 2026))
    }

    static func student(
        _ index: Int, junior: String?, township: String?, imported: CalendarDate? = nil, run: Bool = true,
        placed: Bool = true, referrals: [FollowupFacts.ReferralFact] = [], contacts: [CalendarDate] = []
    ) throws -> FollowupFacts {
        let runDay = try date(9, 15)
        return FollowupFacts(
            studentID: studentIDs[index], studentName: studentNames[index], juniorSchool: junior, township: township,
            cohort: 2026, responsible: index == 0 ? counsellor : nil, importedDay: try imported ?? date(9, 1),
            latestRun: run ? FollowupFacts.RunFact(runID: 1, at: moment(runDay), day: runDay, programID: placed ? "S1-P1" : nil) : nil,
            referrals: referrals, contactDays: contacts)
    }

    static func facts() throws -> [FollowupFacts] {
        [
            try student(
                0, junior: "一中", township: "清水镇",
                referrals: [
                    referral(1, school: "S1", [
                        try change(.proposed, 9, 20), try change(.approved, 9, 25), try change(.sent, 10, 5),
                        try change(.acknowledged, 10, 10), try change(.enrolled, 11, 3),
                    ]),
                ],
                contacts: [try date(10, 8), try date(11, 2)]),
            try student(
                1, junior: "一中", township: "河口乡",
                referrals: [
                    referral(2, school: "S2", [
                        try change(.proposed, 9, 20), try change(.approved, 9, 25), try change(.sent, 10, 5),
                        try change(.declined, 11, 5, .too_far),
                    ]),
                    referral(3, school: "S1", [
                        try change(.proposed, 11, 10), try change(.approved, 11, 11), try change(.sent, 11, 12),
                        try change(.acknowledged, 11, 13), try change(.declined, 11, 18),
                    ]),
                ],
                contacts: [try date(11, 6), try date(11, 7)]),
            try student(
                2, junior: "二中", township: "清水镇",
                referrals: [
                    referral(4, school: "S1", [
                        try change(.proposed, 10, 20), try change(.approved, 10, 21), try change(.sent, 10, 22),
                        try change(.acknowledged, 10, 28),
                    ]),
                ],
                contacts: [try date(10, 29), try date(11, 25), try date(12, 1)]),
            try student(
                3, junior: nil, township: nil,
                referrals: [
                    referral(5, school: "S2", [
                        try change(.proposed, 10, 1), try change(.approved, 10, 1), try change(.sent, 10, 2),
                        try change(.expired, 11, 21, .registration_closed),
                    ]),
                ]),
            try student(4, junior: "二中", township: "河口乡", placed: false, contacts: [try date(10, 15), try date(11, 20)]),
            try student(
                5, junior: "二中", township: "河口乡",
                referrals: [
                    referral(6, school: "S2", [
                        try change(.proposed, 10, 25), try change(.approved, 10, 26), try change(.sent, 10, 27),
                        try change(.acknowledged, 10, 30), try change(.no_show, 11, 15, .migrant_work),
                    ]),
                ]),
            try student(6, junior: "一中", township: "清水镇", imported: try date(11, 15), run: false, contacts: [try date(11, 16)]),
        ]
    }

    static func figures(_ period: (from: CalendarDate, to: CalendarDate), facts: [FollowupFacts]? = nil,
                        schoolNames: [String: String] = PeriodFixture.schoolNames) throws -> PeriodFigures {
        PeriodFigures(
            facts: try facts ?? Self.facts(), from: period.from, to: period.to, deadlines: .standard, schoolNames: schoolNames)
    }
}

/// An expected row: the figures given, every other one zero.
private func expected(
    _ key: String, _ label: String, _ values: [PeriodMeasure: Int], reasons: [OutcomeReason: Int] = [:], unspecified: Int = 0
) -> PeriodRow {
    var row = PeriodRow(key: key, label: label)
    for (measure, value) in values { row[measure] = value }
    row.declinedByReason = reasons
    row.declinedUnspecified = unspecified
    return row
}

/// Checks the rule the county's forms rely on: every breakdown adds up to the total in every
/// column, declines by reason add up to the declines, and rows are in key order, none last.
func expectAddsUp(_ figures: PeriodFigures, sourceLocation: SourceLocation = #_sourceLocation) {
    let total = figures.total
    #expect(
        total.declinedByReason.values.reduce(0, +) + total.declinedUnspecified == total.declined,
        "the total's declines by reason", sourceLocation: sourceLocation)
    let breakdowns = [("school", figures.bySchool), ("junior school", figures.byJuniorSchool), ("township", figures.byTownship)]
    for (name, rows) in breakdowns {
        for measure in PeriodMeasure.allCases {
            #expect(
                rows.map { $0[measure] }.reduce(0, +) == total[measure], "\(name) rows, \(measure)",
                sourceLocation: sourceLocation)
        }
        for reason in OutcomeReason.allCases {
            #expect(
                rows.map { $0.declinedByReason[reason] ?? 0 }.reduce(0, +) == total.declinedByReason[reason] ?? 0,
                "\(name) rows, declined as \(reason.rawValue)", sourceLocation: sourceLocation)
        }
        #expect(
            rows.map(\.declinedUnspecified).reduce(0, +) == total.declinedUnspecified, "\(name) rows, declined unspecified",
            sourceLocation: sourceLocation)
        for row in rows {
            #expect(
                row.declinedByReason.values.reduce(0, +) + row.declinedUnspecified == row.declined,
                "\(name) row \(row.key): declines by reason", sourceLocation: sourceLocation)
            #expect(PeriodMeasure.allCases.contains { row[$0] != 0 }, "\(name) row \(row.key) has a figure", sourceLocation: sourceLocation)
        }
        let named = rows.map(\.key).filter { !$0.isEmpty }
        #expect(named == named.sorted(), "\(name) rows in key order", sourceLocation: sourceLocation)
        #expect(rows.dropLast().allSatisfy { !$0.key.isEmpty }, "\(name): the none row last", sourceLocation: sourceLocation)
        #expect(Set(rows.map(\.key)).count == rows.count, "\(name): one row per key", sourceLocation: sourceLocation)
    }
}

/// A deterministic generator, so that the random county is the same on every run.
struct PeriodSplitMix: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("The period report's figures")
struct PeriodFiguresTests {
    @Test func octoberIsCountedByHand() throws {
        let figures = try PeriodFixture.figures(PeriodFixture.october())
        let october = try PeriodFixture.october()
        #expect(figures.from == october.from && figures.to == october.to)
        #expect(figures.total == expected("", "", [.referred: 5, .acknowledged: 3, .contacts: 3, .stillOpen: 5, .overdue: 2, .onLedger: 1]))
        #expect(figures.bySchool == [
            expected("S1", "县职业中专", [.referred: 2, .acknowledged: 2, .contacts: 2, .stillOpen: 2]),
            expected("S2", "农业学校", [.referred: 3, .acknowledged: 1, .stillOpen: 3, .overdue: 2]),
            expected("", "", [.contacts: 1, .onLedger: 1]),
        ])
        #expect(figures.byJuniorSchool == [
            expected("一中", "一中", [.referred: 2, .acknowledged: 1, .contacts: 1, .stillOpen: 2, .overdue: 1]),
            expected("二中", "二中", [.referred: 2, .acknowledged: 2, .contacts: 2, .stillOpen: 2, .onLedger: 1]),
            expected("", "", [.referred: 1, .stillOpen: 1, .overdue: 1]),
        ])
        #expect(figures.byTownship == [
            expected("河口乡", "河口乡", [.referred: 2, .acknowledged: 1, .contacts: 1, .stillOpen: 2, .overdue: 1, .onLedger: 1]),
            expected("清水镇", "清水镇", [.referred: 2, .acknowledged: 2, .contacts: 2, .stillOpen: 2]),
            expected("", "", [.referred: 1, .stillOpen: 1, .overdue: 1]),
        ])
        expectAddsUp(figures)
    }

    @Test func novemberIsCountedByHand() throws {
        let figures = try PeriodFixture.figures(PeriodFixture.november())
        #expect(figures.total == expected(
            "", "", [.referred: 1, .acknowledged: 1, .enrolled: 1, .declined: 2, .noShow: 1, .expired: 2, .contacts: 6, .onLedger: 6],
            reasons: [.too_far: 1], unspecified: 1))
        #expect(figures.bySchool == [
            expected("S1", "县职业中专", [.referred: 1, .acknowledged: 1, .enrolled: 1, .declined: 1, .expired: 1, .contacts: 4, .onLedger: 2],
                unspecified: 1),
            expected("S2", "农业学校", [.declined: 1, .noShow: 1, .expired: 1, .onLedger: 2], reasons: [.too_far: 1]),
            expected("", "", [.contacts: 2, .onLedger: 2]),
        ])
        #expect(figures.byJuniorSchool == [
            expected("一中", "一中", [.referred: 1, .acknowledged: 1, .enrolled: 1, .declined: 2, .contacts: 4, .onLedger: 2],
                reasons: [.too_far: 1], unspecified: 1),
            expected("二中", "二中", [.noShow: 1, .expired: 1, .contacts: 2, .onLedger: 3]),
            expected("", "", [.expired: 1, .onLedger: 1]),
        ])
        // 河 (U+6CB3) sorts before 清 (U+6E05).
        #expect(figures.byTownship == [
            expected("河口乡", "河口乡", [.referred: 1, .acknowledged: 1, .declined: 2, .noShow: 1, .contacts: 3, .onLedger: 3],
                reasons: [.too_far: 1], unspecified: 1),
            expected("清水镇", "清水镇", [.enrolled: 1, .expired: 1, .contacts: 3, .onLedger: 2]),
            expected("", "", [.expired: 1, .onLedger: 1]),
        ])
        expectAddsUp(figures)
    }

    @Test func anExpiryCountsOnceWhetherRecordedOrJudged() throws {
        let november = try PeriodFixture.figures(PeriodFixture.november())
        // R4 (judged from the deadline) and R5 (recorded as a change to expired): two, not three.
        #expect(november.total.expired == 2)
        #expect(november.total.stillOpen == 0, "nothing of the 2026 cohort is open after registration closed")
        // Judged again in December, the November expiries are not counted a second time.
        let december = try PeriodFixture.figures((try PeriodFixture.date(12, 1), try PeriodFixture.date(12, 31)))
        #expect(december.total.expired == 0)
        #expect(december.total.contacts == 1, "C's contact on 12-01")
        // A span over both months counts each once.
        let autumn = try PeriodFixture.figures((try PeriodFixture.date(10, 1), try PeriodFixture.date(11, 30)))
        #expect(autumn.total.expired == 2)
        #expect(autumn.total.referred == 6)
        #expect(autumn.total.contacts == 9)
        expectAddsUp(december)
        expectAddsUp(autumn)
    }

    @Test func aStudentImportedAfterThePeriodIsNotOnItsLedger() throws {
        let october = try PeriodFixture.figures(PeriodFixture.october())
        let november = try PeriodFixture.figures(PeriodFixture.november())
        // G, imported 11-15, never matched: on November's ledger only.
        #expect(october.byJuniorSchool.first { $0.key == "一中" }?.onLedger == 0)
        #expect(november.byJuniorSchool.first { $0.key == "一中" }?.onLedger == 2)
    }

    @Test func aSchoolWithoutANameIsLabelledByItsID() throws {
        let figures = try PeriodFixture.figures(PeriodFixture.october(), schoolNames: ["S1": "县职业中专"])
        #expect(figures.bySchool.map(\.label) == ["县职业中专", "S2", ""])
    }

    @Test func noFactsGiveEmptyBreakdownsAndAZeroTotal() throws {
        let figures = try PeriodFixture.figures(PeriodFixture.november(), facts: [])
        #expect(figures.total == PeriodRow(key: "", label: ""))
        #expect(figures.bySchool.isEmpty && figures.byJuniorSchool.isEmpty && figures.byTownship.isEmpty)
    }

    @Test func aRandomCountyAddsUpInEveryPeriod() throws {
        var generator = PeriodSplitMix(state: 2026)
        let juniors: [String?] = ["一中", "二中", "三中", nil, " "]
        let townships: [String?] = ["清水镇", "河口乡", nil]
        let schools = ["S1", "S2", "S3"]
        let reasons: [OutcomeReason?] = [nil] + OutcomeReason.given.map { $0 }
        let start = try PeriodFixture.date(9, 1)
        let runDay = try PeriodFixture.date(9, 10)
        var facts: [FollowupFacts] = []
        var nextReferral: Int64 = 1
        for index in 0..<200 {
            var referrals: [FollowupFacts.ReferralFact] = []
            for _ in 0..<Int.random(in: 0...2, using: &generator) {
                // At most four moves of at most 15 days each: every change falls in 2026.
                var dayNumber = start.dayNumber + Int.random(in: 0...60, using: &generator)
                var status = ReferralStatus.proposed
                let created = try #require(CalendarDate(dayNumber: dayNumber))
                var changes = [ReferralClock.Change(status: status, at: PeriodFixture.moment(created), day: created)]
                while status.isOpen, Int.random(in: 0..<5, using: &generator) > 0,
                      let next = status.successors.randomElement(using: &generator) {
                    dayNumber += Int.random(in: 0...15, using: &generator)
                    let day = try #require(CalendarDate(dayNumber: dayNumber))
                    let reason: OutcomeReason? = next == .declined ? (reasons.randomElement(using: &generator) ?? nil) : nil
                    changes.append(ReferralClock.Change(status: next, at: PeriodFixture.moment(day), day: day, reason: reason))
                    status = next
                }
                let school = schools.randomElement(using: &generator) ?? "S1"
                let cohort: Int? = Bool.random(using: &generator) ? 2026 : nil
                referrals.append(FollowupFacts.ReferralFact(
                    referralID: ReferralID(nextReferral), referenceNumber: "R\(nextReferral)", runID: 1, programID: "P",
                    schoolID: school, assignee: "", clock: ReferralClock(changes: changes, cohort: cohort)))
                nextReferral += 1
            }
            var contacts: [CalendarDate] = []
            for _ in 0..<Int.random(in: 0...3, using: &generator) {
                contacts.append(try #require(CalendarDate(dayNumber: start.dayNumber + Int.random(in: 0...120, using: &generator))))
            }
            let junior = juniors.randomElement(using: &generator) ?? nil
            let township = townships.randomElement(using: &generator) ?? nil
            let imported = try #require(CalendarDate(dayNumber: start.dayNumber + Int.random(in: -30...60, using: &generator)))
            let run: FollowupFacts.RunFact? = Bool.random(using: &generator)
                ? FollowupFacts.RunFact(runID: 1, at: PeriodFixture.moment(runDay), day: runDay, programID: "P") : nil
            facts.append(FollowupFacts(
                studentID: "X\(index)", studentName: "学生\(index)", juniorSchool: junior, township: township, cohort: 2026,
                responsible: nil, importedDay: imported, latestRun: run, referrals: referrals, contactDays: contacts))
        }
        // Months, two days around the registration deadline, the whole autumn, and a period
        // given backwards (no flows, the stocks of its last day).
        let periods: [(Int, Int, Int, Int)] = [
            (9, 1, 9, 30), (10, 1, 10, 31), (11, 1, 11, 30), (11, 20, 11, 21), (9, 1, 12, 31), (12, 5, 12, 1),
        ]
        for (fromMonth, fromDay, toMonth, toDay) in periods {
            let period = (from: try PeriodFixture.date(fromMonth, fromDay), to: try PeriodFixture.date(toMonth, toDay))
            expectAddsUp(try PeriodFixture.figures(period, facts: facts))
        }
        let end = try PeriodFixture.date(12, 31)
        let season = try PeriodFixture.figures((from: start, to: end), facts: facts)
        #expect(season.total.declined > 0, "the random county has declines to add up")
        #expect(season.total.contacts > 0 && season.total.onLedger > 0 && season.total.expired > 0)
        // Every change to sent is counted once.
        let sent = facts.flatMap(\.referrals).filter { fact in
            fact.clock.changes.contains { $0.status == .sent && start <= $0.day && $0.day <= end }
        }.count
        #expect(season.total.referred == sent)
        let backwards = try PeriodFixture.figures((from: end, to: start), facts: facts)
        #expect(backwards.total.referred == 0 && backwards.total.contacts == 0)
    }

    @Test func theJSONFormKeysReasonsByCode() throws {
        let figures = try PeriodFixture.figures(PeriodFixture.november())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(figures)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"declined_by_reason\":{\"too_far\":1}"))
        #expect(text.contains("\"by_junior_school\""))
        #expect(try JSONDecoder().decode(PeriodFigures.self, from: data) == figures)
    }
}

@Suite("The period report page")
struct PeriodReportTests {
    static func page(figures: PeriodFigures, region: String = "清水县") throws -> String {
        let zone = try #require(TimeZone(secondsFromGMT: 8 * 3_600))
        let generated = Date(timeIntervalSince1970: Double(try PeriodFixture.date(12, 1).dayNumber) * 86_400 + 2 * 3_600)
        return PeriodReport.html(figures, region: region, generatedAt: generated, timeZone: zone, deadlines: .standard)
    }

    @Test func thePageShowsTheTotalsAndNamesNoStudent() throws {
        let facts = try PeriodFixture.facts()
        let figures = try PeriodFixture.figures(PeriodFixture.november(), facts: facts)
        let html = try Self.page(figures: figures)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<html lang=\"zh-CN\">"))
        #expect(html.contains("<title>跟进报告 · 2026-11-01 至 2026-11-30</title>"))
        #expect(html.contains("清水县"))
        for fact in facts {
            #expect(!html.contains(fact.studentID), "no student id")
            #expect(!html.contains(fact.studentName), "no student name")
            for referral in fact.referrals { #expect(!html.contains(referral.referenceNumber), "no reference number") }
        }
        #expect(!html.contains(PeriodFixture.counsellor))

        // The headline cards carry the total row.
        for measure in PeriodMeasure.allCases {
            let card = "<div class=\"label\">\(measure.name(in: .chinese))<span class=\"en\">\(measure.name(in: .english))</span></div>"
                + "<span class=\"figure\">\(figures.total[measure])</span>"
            #expect(html.contains(card), "headline \(measure)")
        }
        // Each breakdown ends in the same 合计 row.
        let totalRow = "<tr class=\"cohort\"><td>合计<span class=\"en\">total</span></td>"
            + PeriodMeasure.allCases.map { "<td class=\"num\">\(figures.total[$0])</td>" }.joined() + "</tr>"
        #expect(html.components(separatedBy: totalRow).count - 1 == 3)
        #expect(html.contains(
            "<tr><td>县职业中专<span class=\"en\">S1</span></td><td class=\"num\">1</td><td class=\"num\">1</td>"
                + "<td class=\"num\">1</td><td class=\"num\">1</td><td class=\"num\">0</td><td class=\"num\">1</td>"
                + "<td class=\"num\">4</td><td class=\"num\">0</td><td class=\"num\">0</td><td class=\"num\">2</td></tr>"))
        #expect(html.contains("<tr><td>未填<span class=\"en\">none</span></td>"))
        #expect(html.contains("按中职学校") && html.contains("按初中学校") && html.contains("按乡镇"))

        // Declines by reason, with the unspecified ones and the total.
        #expect(html.contains("<td>路远<span class=\"en\">too far</span></td><td class=\"num\">1</td>"))
        #expect(html.contains("<td>家长不同意<span class=\"en\">parents disagree</span></td><td class=\"num\">0</td>"))
        #expect(html.contains("<td>未说明<span class=\"en\">no reason given</span></td><td class=\"num\">1</td>"))
        #expect(html.contains("<tr class=\"cohort\"><td>合计<span class=\"en\">total</span></td><td class=\"num\">2</td></tr>"))

        // The footer: when, in the county's time with its offset, and by which deadlines.
        #expect(html.contains("2026-12-01 10:00 +08:00"))
        #expect(html.contains("学校确认期限 14 天"))
        #expect(html.contains("报名截止 11-20"))
    }

    @Test func thePageStandsAlone() throws {
        let html = try Self.page(figures: try PeriodFixture.figures(PeriodFixture.october()))
        #expect(!html.contains("http://") && !html.contains("https://"))
        #expect(!html.contains("<link") && !html.contains("src=") && !html.contains("url(") && !html.contains("@import"))
        #expect(!html.contains("<script"))
        #expect(html.contains("@media print"))
        #expect(html.hasSuffix("</html>\n"))
    }

    @Test func hostileNamesAreEscaped() throws {
        var facts = try PeriodFixture.facts()
        facts[0].juniorSchool = "<b>初中</b> & 'x'"
        facts[1].township = "\"乡\""
        let figures = try PeriodFixture.figures(
            PeriodFixture.november(), facts: facts, schoolNames: ["S1": "<script>alert(1)</script>", "S2": "A&B"])
        let html = try Self.page(figures: figures, region: "<i>县</i>")
        #expect(!html.contains("<script"))
        #expect(!html.contains("<b>") && !html.contains("<i>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("A&amp;B"))
        #expect(html.contains("&lt;b&gt;初中&lt;/b&gt; &amp; &#39;x&#39;"))
        #expect(html.contains("&quot;乡&quot;"))
        #expect(html.contains("&lt;i&gt;县&lt;/i&gt;"))
    }

    @Test func anEmptyPeriodStillRenders() throws {
        let figures = try PeriodFixture.figures(PeriodFixture.november(), facts: [])
        let html = try Self.page(figures: figures, region: "")
        #expect(html.contains("<span class=\"figure\">0</span>"))
        #expect(html.components(separatedBy: "<tr class=\"cohort\">").count - 1 == 4, "the declines and three breakdowns")
    }
}
