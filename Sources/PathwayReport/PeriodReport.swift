import Foundation
import PathwayCore

/// The county's period report as one HTML page (`pathway report period --from D1 --to D2`): the
/// month's (or any span's) referrals, enrolments, declines by reason and expiries, what stood
/// open and who was on the ledger at its end, and the contacts made, for the county and per
/// vocational school, junior school and township.
///
/// Like the match report it stands alone (inline CSS, no script, nothing to fetch), so it can
/// be printed, mailed to the county's education bureau and opened years later, and it holds
/// aggregates only: no student's name or id. Chinese first, with English beneath in smaller type.
public enum PeriodReport {
    /// The page for `figures`.
    ///
    /// - Parameters:
    ///   - region: the county the report is for, as its header names it.
    ///   - generatedAt: when the report was made, shown in the footer.
    ///   - timeZone: the zone `generatedAt` is written in (the county's, normally).
    ///   - deadlines: the deadlines the figures were judged by, stated in the footer so that a
    ///     reader knows what "overdue" and "expired" meant when the page was made.
    public static func html(
        _ figures: PeriodFigures, region: String, generatedAt: Date, timeZone: TimeZone, deadlines: FollowupDeadlines
    ) -> String {
        PeriodPage(figures: figures, region: region, generatedAt: generatedAt, timeZone: timeZone, deadlines: deadlines)
            .render()
    }
}

/// The page being written.
private struct PeriodPage {
    var figures: PeriodFigures
    var region: String
    var generatedAt: Date
    var timeZone: TimeZone
    var deadlines: FollowupDeadlines

    func render() -> String {
        let title = "跟进报告 · \(figures.from) 至 \(figures.to)"
        var html = ""
        html += header(title: title)
        html += headline()
        html += declines()
        html += breakdown(
            figures.bySchool, zh: "按中职学校", en: "By vocational school", column: ("中职学校", "vocational school"),
            showsKey: true,
            note: "转介的各项数字按转介的学校计；联系次数和跟进名单按学生最近一次转介的学校计，没有转介的学生计入“未填”。",
            englishNote: "Referrals count under their school; contacts and the ledger under the school of the student's latest referral, or none.")
        html += breakdown(
            figures.byJuniorSchool, zh: "按初中学校", en: "By junior school", column: ("初中学校", "junior school"),
            showsKey: false, note: "按学生的初中学校计。", englishNote: "By the student's junior school.")
        html += breakdown(
            figures.byTownship, zh: "按乡镇", en: "By township", column: ("乡镇", "township"),
            showsKey: false, note: "按学生所在乡镇计。", englishNote: "By the student's township.")
        html += footer()
        return ReportStyle.document(title: title, body: html)
    }

    // MARK: Header

    private func header(title: String) -> String {
        var html = "<header>\n<h1>\(HTMLText.escaped(title))"
        html += "<span class=\"en\">Follow-up report, \(figures.from) to \(figures.to)</span></h1>\n"
        let place = region.isEmpty ? "" : HTMLText.escaped(region) + "："
        let englishPlace = region.isEmpty ? "" : HTMLText.escaped(region) + ": "
        html += "<p class=\"lead\">\(place)转介、报到、拒绝和跟进情况。所有数字均为汇总，不含任何学生的姓名或编号。"
        html += "<span class=\"en\">\(englishPlace)referrals, enrolments, declines and follow-up. Aggregates only: no student is named.</span></p>\n"
        return html + "</header>\n"
    }

    // MARK: Headline

    private func headline() -> String {
        let total = figures.total
        var html = "<section>\n<h2>主要数字<span class=\"en\">Headline figures</span></h2>\n"
        html += "<h3>本期内<span class=\"en\">during the period: changes dated \(figures.from) to \(figures.to)</span></h3>\n"
        html += "<div class=\"cards\">\n"
        for measure in PeriodMeasure.allCases where !measure.isStock {
            html += card(measure, value: total[measure], note: note(measure))
        }
        html += "</div>\n"
        html += "<h3>截至 \(figures.to)<span class=\"en\">at the end of \(figures.to)</span></h3>\n"
        html += "<div class=\"cards\">\n"
        for measure in PeriodMeasure.allCases where measure.isStock {
            html += card(measure, value: total[measure], note: note(measure))
        }
        return html + "</div>\n</section>\n"
    }

    private func card(_ measure: PeriodMeasure, value: Int, note: String) -> String {
        let primary = measure == .enrolled
        var html = "<div class=\"card\(primary ? " primary" : "")\"><div class=\"label\">"
        html += "\(HTMLText.escaped(measure.name(in: .chinese)))<span class=\"en\">\(HTMLText.escaped(measure.name(in: .english)))</span></div>"
        html += "<span class=\"figure\">\(ReportNumber.count(value))</span>"
        return html + "<div class=\"note\">\(HTMLText.escaped(note))</div></div>\n"
    }

    /// What a headline figure counts, in a few words under it.
    private func note(_ measure: PeriodMeasure) -> String {
        switch measure {
        case .referred: "本期发给中职学校的转介"
        case .acknowledged: "学校确认收到转介"
        case .enrolled: "学生已到校报到"
        case .declined: "学生或家长拒绝，原因见下表"
        case .noShow: "学校报告学生未到校"
        case .expired: "报名截止（\(deadlines.registrationText)）时仍未结案的转介"
        case .contacts: "电话、家访等联系记录"
        case .stillOpen: "期末仍在进行、尚未过期的转介"
        case .overdue: "其中发出超过 \(deadlines.acknowledgeDays) 天学校仍未确认"
        case .onLedger: "一人一案跟进名单上的学生（学校逾期的不计入）"
        }
    }

    // MARK: Declines

    private func declines() -> String {
        let total = figures.total
        var html = "<section>\n<h2>拒绝原因<span class=\"en\">Declines by reason</span></h2>\n"
        html += "<p class=\"lead\">本期拒绝的转介，按拒绝时给出的原因计。<span class=\"en\">Referrals declined in the period, by the reason given.</span></p>\n"
        html += "<table>\n<thead><tr><th>原因<span class=\"en\">reason</span></th>"
        html += "<th class=\"num\">数量<span class=\"en\">declines</span></th></tr></thead>\n<tbody>\n"
        for (reason, count) in total.declineLines {
            html += line(zh: reason?.name(in: .chinese) ?? "未说明", en: reason?.name(in: .english) ?? "no reason given", count: count)
        }
        html += "<tr class=\"cohort\"><td>合计<span class=\"en\">total</span></td><td class=\"num\">\(ReportNumber.count(total.declined))</td></tr>\n"
        return html + "</tbody>\n</table>\n</section>\n"
    }

    private func line(zh: String, en: String, count: Int) -> String {
        "<tr><td>\(HTMLText.escaped(zh))<span class=\"en\">\(HTMLText.escaped(en))</span></td><td class=\"num\">\(ReportNumber.count(count))</td></tr>\n"
    }

    // MARK: Breakdowns

    private func breakdown(
        _ rows: [PeriodRow], zh: String, en: String, column: (zh: String, en: String), showsKey: Bool, note: String,
        englishNote: String
    ) -> String {
        var html = "<section>\n<h2>\(zh)<span class=\"en\">\(en)</span></h2>\n"
        html += "<p class=\"lead\">\(HTMLText.escaped(note))“本期内”的数字是期间内的变化，“截至”的数字是期末的状态；各行之和等于合计。"
        html += "<span class=\"en\">\(HTMLText.escaped(englishNote)) The rows add up to the total.</span></p>\n"
        html += "<table>\n<thead><tr><th>\(column.zh)<span class=\"en\">\(column.en)</span></th>"
        for measure in PeriodMeasure.allCases {
            html += "<th class=\"num\">\(HTMLText.escaped(measure.name(in: .chinese)))<span class=\"en\">\(HTMLText.escaped(measure.name(in: .english)))</span></th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        for row in rows {
            html += "<tr><td>"
            if row.key.isEmpty {
                html += "未填<span class=\"en\">none</span>"
            } else {
                html += HTMLText.escaped(row.label)
                if showsKey, row.key != row.label { html += "<span class=\"en\">\(HTMLText.escaped(row.key))</span>" }
            }
            html += "</td>" + cells(row) + "</tr>\n"
        }
        html += "<tr class=\"cohort\"><td>合计<span class=\"en\">total</span></td>" + cells(figures.total) + "</tr>\n"
        return html + "</tbody>\n</table>\n</section>\n"
    }

    private func cells(_ row: PeriodRow) -> String {
        PeriodMeasure.allCases.map { "<td class=\"num\">\(ReportNumber.count(row[$0]))</td>" }.joined()
    }

    // MARK: Footer

    private func footer() -> String {
        let made = Self.timestamp(generatedAt, in: timeZone)
        let registration = deadlines.registrationText
        var html = "<footer>由 Pathway 于 \(made) 生成。"
        html += "学校确认期限 \(deadlines.acknowledgeDays) 天；报名截止 \(registration)。"
        html += "<span class=\"en\">Made by Pathway on \(made). Schools acknowledge within \(deadlines.acknowledgeDays) days; registration closes \(registration).</span></footer>\n"
        return html
    }

    /// "2026-12-01 10:00 +08:00": the wall-clock time in `zone` with the zone's offset.
    static func timestamp(_ date: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let offset = zone.secondsFromGMT(for: date)
        let minutes = abs(offset) / 60
        func pad(_ value: Int, _ width: Int = 2) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        let day = "\(pad(c.year ?? 0, 4))-\(pad(c.month ?? 0))-\(pad(c.day ?? 0))"
        let time = "\(pad(c.hour ?? 0)):\(pad(c.minute ?? 0))"
        return "\(day) \(time) \(offset < 0 ? "-" : "+")\(pad(minutes / 60)):\(pad(minutes % 60))"
    }
}
