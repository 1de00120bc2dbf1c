import Foundation
import PathwayCore

/// A stored match run as one HTML page a county officer opens in any browser, prints, or mails
/// on: the headline figures first, then whether left-behind, hard-up, girls, boys and every
/// township fared like the whole cohort, then seats by school and programme, then how far
/// students travel and how good their matches are.
///
/// The page stands alone (inline CSS and SVG, no script, no font or image to fetch), so it
/// opens the same offline, on a county intranet, or years later. It holds aggregates only: no
/// student's name or id appears in it. Chinese first, with English beneath in smaller type.
public enum MatchReport {
    /// The page for `run`; with `other`, both runs side by side (A = `run`, B = `other`).
    ///
    /// - Parameter timeZone: the zone run times are written in (the county's, normally).
    public static func html(_ run: MatchReportRun, compare other: MatchReportRun? = nil, timeZone: TimeZone = .gmt) -> String {
        let runs = [run] + (other.map { [$0] } ?? [])
        let figures = runs.map(MatchReportFigures.init)
        let series = other.map { ReportSeries.compared(run, $0) } ?? ReportSeries.single
        let page = Page(runs: runs, figures: figures, series: series, timeZone: timeZone)
        return page.render()
    }
}

/// The page being written: one or two runs and their figures.
private struct Page {
    var runs: [MatchReportRun]
    var figures: [MatchReportFigures]
    var series: [ReportSeries]
    var timeZone: TimeZone

    var comparing: Bool { runs.count > 1 }

    func render() -> String {
        let title = comparing
            ? "匹配报告 · 运行 #\(runs[0].runID) 与 #\(runs[1].runID) 对比"
            : "匹配报告 · 运行 #\(runs[0].runID)"
        var html = ""
        html += header(title: title)
        html += headline()
        if comparing { html += changes() }
        html += equity()
        html += schools()
        html += programs()
        html += seatPrices()
        html += distributions()
        html += footer()
        return ReportStyle.document(title: title, body: html)
    }

    // MARK: Header

    private func header(title: String) -> String {
        var html = "<header>\n<h1>\(comparing ? "分流匹配报告 · 两次运行对比" : "分流匹配报告")<span class=\"en\">\(comparing ? "Match report: two runs compared" : "Match report")</span></h1>\n"
        html += "<p class=\"lead\">初中毕业生职业教育专业推荐的匹配结果。所有数字均为汇总，不含任何学生的姓名或编号。"
        html += "<span class=\"en\">Results of matching junior-school leavers to vocational programmes. Aggregates only: no student is named.</span></p>\n"
        html += "<div class=\"runs\">\n"
        for (index, run) in runs.enumerated() {
            html += "<div class=\"run\"><div class=\"name\">\(tag(index))运行 #\(run.runID) · \(Self.strategyName(run.strategy))</div><table>"
            var lines: [(String, String, String)] = [
                ("运行时间", "run at", Self.timestamp(run.createdAt, in: timeZone)),
                ("匹配方式", "strategy", "\(Self.strategyName(run.strategy)) (\(run.strategy.rawValue))"),
            ]
            if let cohort = run.cohort { lines.append(("届别", "cohort", "\(cohort) 届")) }
            lines += run.settings.map { ($0.label, $0.englishLabel, $0.value) }
            for (label, english, value) in lines {
                html += "<tr><td>\(HTMLText.escaped(label))<span class=\"en\">\(HTMLText.escaped(english))</span></td><td>\(HTMLText.escaped(value))</td></tr>"
            }
            html += "</table></div>\n"
        }
        html += "</div>\n"
        for run in runs where run.strategy == .ranked {
            html += "<p class=\"banner\">运行 #\(run.runID) 只为每名学生排列候选专业，不分配座位，所以它的分配数字都是 0。"
            html += "<span class=\"en\">Run #\(run.runID) is a ranked run: it lists candidates and places nobody.</span></p>\n"
        }
        return html + "</header>\n"
    }

    static func strategyName(_ strategy: Strategy) -> String {
        switch strategy {
        case .stable: "稳定匹配"
        case .optimal: "最多分配"
        case .parallel: "平行志愿"
        case .ranked: "仅排序"
        }
    }

    /// "2026-11-29 14:07 (UTC+08:00)".
    static func timestamp(_ date: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let offset = zone.secondsFromGMT(for: date)
        let zoneText: String
        if offset == 0 {
            zoneText = "UTC"
        } else {
            let minutes = abs(offset) / 60
            zoneText = String(format: "UTC%@%02d:%02d", offset < 0 ? "-" : "+", minutes / 60, minutes % 60)
        }
        return String(
            format: "%04d-%02d-%02d %02d:%02d (%@)", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0,
            zoneText)
    }

    // MARK: Headline

    private func headline() -> String {
        var html = "<section>\n<h2>主要数字<span class=\"en\">Headline figures</span></h2>\n<div class=\"cards\">\n"
        let first = figures[0]
        html += card(
            label: "分配率", english: "placement rate", primary: true,
            values: figures.map { ReportNumber.percent($0.placementRate) },
            note: comparing
                ? "B − A：\(ReportNumber.signed(difference(\.placementRate).map { $0 * 100 })) 个百分点"
                : "\(ReportNumber.count(first.placedCount)) / \(ReportNumber.count(first.studentCount)) 名学生已分配")
        html += card(
            label: "未分配学生", english: "unplaced students, to follow up", primary: false,
            values: figures.map { ReportNumber.count($0.unplacedCount) },
            note: comparing
                ? "B − A：\(ReportNumber.signedCount(figures[1].unplacedCount - first.unplacedCount)) 人"
                : "需要逐一跟进，避免辍学")
        html += card(
            label: "按志愿录取", english: "placed on a wish: the first / any", primary: false,
            values: figures.map { "\(ReportNumber.count($0.firstWishCount)) / \(ReportNumber.count($0.anyWishCount))" },
            note: comparing
                ? "B − A：第一志愿 \(ReportNumber.signedCount(figures[1].firstWishCount - first.firstWishCount)) 人，任一志愿 \(ReportNumber.signedCount(figures[1].anyWishCount - first.anyWishCount)) 人"
                : "第一志愿 / 任一志愿（按学生现在的志愿表）")
        html += card(
            label: "座位填充", english: "seats filled", primary: false,
            values: figures.map { ReportNumber.percent($0.fillRate) },
            note: comparing
                ? figures.enumerated().map { "\($0.offset == 0 ? "A" : "B") \(ReportNumber.count($0.element.filledSeats)) / \(ReportNumber.count($0.element.seats))" }.joined(separator: " · ")
                : "\(ReportNumber.count(first.filledSeats)) / \(ReportNumber.count(first.seats)) 个座位")
        html += card(
            label: "平均距离", english: "mean distance, home to programme", primary: false,
            values: figures.map { ReportNumber.km($0.meanDistanceKm) },
            note: comparing ? "B − A：\(ReportNumber.signed(difference(\.meanDistanceKm))) km" : "已分配学生（有实测路线时按公路）")
        html += card(
            label: "平均匹配分", english: "mean match score (0–100)", primary: false,
            values: figures.map { ReportNumber.oneDecimal($0.meanScore) },
            note: comparing ? "B − A：\(ReportNumber.signed(difference(\.meanScore)))" : "兴趣、成绩、距离综合，满分 100")
        return html + "</div>\n</section>\n"
    }

    private func difference(_ figure: KeyPath<MatchReportFigures, Double?>) -> Double? {
        guard comparing, let a = figures[0][keyPath: figure], let b = figures[1][keyPath: figure] else { return nil }
        return b - a
    }

    private func card(label: String, english: String, primary: Bool, values: [String], note: String) -> String {
        var html = "<div class=\"card\(primary ? " primary" : "")\"><div class=\"label\">\(label)<span class=\"en\">\(english)</span></div>"
        if comparing {
            html += "<div class=\"pair\">"
            for (index, value) in values.enumerated() {
                html += "<div>\(tag(index))<span class=\"figure\">\(value)</span></div>"
            }
            html += "</div>"
        } else {
            html += "<span class=\"figure\">\(values.first ?? ReportNumber.missing)</span>"
        }
        return html + "<div class=\"note\">\(HTMLText.escaped(note))</div></div>\n"
    }

    // MARK: Changes between runs

    private func changes() -> String {
        let changes = OutcomeChanges(runs[0], runs[1])
        var html = "<section>\n<h2>学生结果的变化<span class=\"en\">How students' outcomes changed from A to B</span></h2>\n"
        html += "<p class=\"lead\">按学生逐一比较两次运行（\(ReportNumber.count(changes.inBoth)) 名学生在两次运行中都有）。"
        html += "<span class=\"en\">Student by student, for the students in both runs.</span></p>\n<div class=\"cards\">\n"
        var items: [(String, String, Int, String)] = [
            ("结果相同", "same outcome", changes.unchanged, "同一专业，或两次都未分配"),
            ("换了专业", "moved to another programme", changes.moved, "两次都分配，专业不同"),
            ("B 中新获分配", "placed in B only", changes.gained, "A 中未分配"),
            ("B 中失去分配", "placed in A only", changes.lost, "B 中未分配，需要跟进"),
        ]
        if changes.onlyInA > 0 { items.append(("只在 A 中", "only in run A", changes.onlyInA, "不同的学生范围")) }
        if changes.onlyInB > 0 { items.append(("只在 B 中", "only in run B", changes.onlyInB, "不同的学生范围")) }
        for (label, english, count, note) in items {
            html += "<div class=\"card\"><div class=\"label\">\(label)<span class=\"en\">\(english)</span></div>"
            html += "<span class=\"figure\">\(ReportNumber.count(count))</span><div class=\"note\">\(note)</div></div>\n"
        }
        return html + "</div>\n</section>\n"
    }

    // MARK: Equity

    /// Groups in the first run's order, then any group only the second run has.
    private var equityKinds: [EquityGroup.Kind] {
        var kinds: [EquityGroup.Kind] = []
        for figure in figures {
            for group in figure.equity where !kinds.contains(group.kind) { kinds.append(group.kind) }
        }
        return kinds
    }

    private func equity() -> String {
        var html = "<section>\n<h2>公平视角：各群体与全体学生对比<span class=\"en\">Equity: each group beside the whole cohort</span></h2>\n"
        html += "<p class=\"lead\">每一行是一个学生群体。条形是该群体的数值，黑色竖线是全体学生的数值；"
        html += "<span class=\"below\">▼</span> 表示分配率比全体低 5 个百分点以上。* 表示少于 10 人，比例容易波动。"
        html += "<span class=\"en\">Bars show the group, the black tick the whole cohort. ▼: placement rate more than 5 points below the cohort. *: fewer than 10 students.</span></p>\n"
        html += "<div class=\"legend\">"
        for run in series {
            html += "<span><span class=\"swatch\" style=\"background:\(run.color)\"></span>\(run.name.isEmpty ? "该群体 group" : HTMLText.escaped(run.name))</span>"
        }
        html += "<span><span class=\"swatch mark\"></span>全体学生 whole cohort</span></div>\n"

        let maxDistance = figures.flatMap { $0.equity.compactMap(\.meanDistanceKm) }.max() ?? 0
        let distanceTop = AxisScale(covering: maxDistance, integral: false).maximum
        html += "<table>\n<thead><tr><th>群体<span class=\"en\">group</span></th><th class=\"num\">学生数<span class=\"en\">students</span></th>"
        html += "<th class=\"num\">分配率<span class=\"en\">placement rate (± vs cohort, points)</span></th>"
        html += "<th class=\"num\">平均距离<span class=\"en\">mean distance (± vs cohort, km)</span></th>"
        html += "</tr></thead>\n<tbody>\n"
        var lastSection = ""
        for kind in equityKinds {
            let section = Self.section(of: kind)
            if section.zh != lastSection, !section.zh.isEmpty {
                html += "<tr class=\"subhead\"><td colspan=\"4\">\(section.zh)<span class=\"en\">\(section.en)</span></td></tr>\n"
            }
            lastSection = section.zh
            let groups = figures.map { figure in figure.equity.first { $0.kind == kind } }
            guard let any = groups.compactMap({ $0 }).first else { continue }
            let counts = groups.map { $0.map { ReportNumber.count($0.students) } ?? ReportNumber.missing }
            let small = groups.contains { ($0?.students ?? 0) > 0 && ($0?.students ?? 0) < 10 } && kind != .cohort
            html += "<tr\(kind == .cohort ? " class=\"cohort\"" : "")><td>\(HTMLText.escaped(any.label))\(small ? " *" : "")"
            if let english = any.englishLabel { html += "<span class=\"en\">\(english)</span>" }
            html += "</td><td class=\"num\">\(Set(counts).count == 1 ? counts[0] : counts.joined(separator: " / "))</td><td class=\"num\">"
            for (index, group) in groups.enumerated() {
                let cohort = figures[index].equity.first
                let rate = group?.placementRate
                let delta = rate.flatMap { r in cohort?.placementRate.map { (r - $0) * 100 } }
                let below = kind != .cohort && (delta ?? 0) < -5
                html += "<div class=\"cell\">\(tag(index))"
                html += RateBar.svg(value: rate, cohort: cohort?.placementRate, maximum: 1, color: series[index].color)
                html += "<span class=\"value\(below ? " below" : "")\">\(below ? "▼ " : "")\(ReportNumber.percent(rate))</span>"
                html += "<span class=\"delta\">\(kind == .cohort ? "" : ReportNumber.signed(delta))</span></div>"
            }
            html += "</td><td class=\"num\">"
            for (index, group) in groups.enumerated() {
                let cohort = figures[index].equity.first?.meanDistanceKm
                let distance = group?.meanDistanceKm
                let delta = distance.flatMap { d in cohort.map { d - $0 } }
                html += "<div class=\"cell\">\(tag(index))"
                html += RateBar.svg(value: distance, cohort: cohort, maximum: distanceTop, color: series[index].color)
                html += "<span class=\"value\">\(ReportNumber.km(distance))</span>"
                html += "<span class=\"delta\">\(kind == .cohort ? "" : ReportNumber.signed(delta))</span></div>"
            }
            html += "</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n</section>\n"
    }

    /// The A or B tag in front of a run's figures; nothing for a single run.
    private func tag(_ index: Int) -> String {
        guard comparing else { return "" }
        return "<span class=\"tag \(index == 0 ? "a" : "b")\">\(index == 0 ? "A" : "B")</span>"
    }

    private static func section(of kind: EquityGroup.Kind) -> (zh: String, en: String) {
        switch kind {
        case .cohort: ("", "")
        case .leftBehind, .hardship: ("重点关注的学生", "students of particular concern")
        case .gender: ("性别", "gender")
        case .township: ("乡镇（按学生数）", "township, largest first")
        }
    }

    // MARK: Seats

    private var seatsLegend: String {
        var html = "<div class=\"legend\">"
        for run in series {
            html += "<span><span class=\"swatch\" style=\"background:\(run.color)\"></span>已填座位 filled\(run.name.isEmpty ? "" : " · " + HTMLText.escaped(run.name))</span>"
        }
        return html + "<span><span class=\"swatch seats\"></span>全部座位 all seats</span></div>\n"
    }

    /// Every school of the runs, in the order they first appear, with its name.
    private var schoolOrder: (ids: [String], names: [String: String]) {
        var ids: [String] = []
        var names: [String: String] = [:]
        for figure in figures {
            for school in figure.schools where names[school.id] == nil {
                ids.append(school.id)
                names[school.id] = school.name
            }
        }
        return (ids, names)
    }

    private func schools() -> String {
        let html = "<section>\n<h2>各学校座位填充<span class=\"en\">Seats filled per school</span></h2>\n"
        let (ids, names) = schoolOrder
        guard !ids.isEmpty else { return html + "<p class=\"empty\">没有学校 No schools.</p>\n</section>\n" }
        let rows = ids.map { id in
            CapacityChart.Row(
                label: names[id] ?? id,
                seats: figures.map { $0.schools.first { $0.id == id }?.seats ?? 0 },
                filled: figures.map { $0.schools.first { $0.id == id }?.filled ?? 0 })
        }
        let largest = rows.flatMap { $0.seats + $0.filled }.max() ?? 0
        let chart = CapacityChart(
            rows: rows, series: series, scale: AxisScale(covering: Double(largest), integral: true),
            title: "各学校已填座位与全部座位")
        return html + seatsLegend + "<figure>\(chart.svg())</figure>\n</section>\n"
    }

    private func programs() -> String {
        var html = "<section>\n<h2>各专业座位填充<span class=\"en\">Seats filled per programme, by school</span></h2>\n"
        html += "<p class=\"lead\">所有图使用同一刻度，条形长短可以跨学校比较。<span class=\"en\">All charts share one scale.</span></p>\n"
        var programIDs: [String] = []
        var program: [String: MatchReportFigures.Fill] = [:]
        for figure in figures {
            for fill in figure.programs where program[fill.id] == nil {
                programIDs.append(fill.id)
                program[fill.id] = fill
            }
        }
        guard !programIDs.isEmpty else { return html + "<p class=\"empty\">没有专业 No programmes.</p>\n</section>\n" }
        let largest = figures.flatMap { $0.programs.flatMap { [$0.seats, $0.filled] } }.max() ?? 0
        let scale = AxisScale(covering: Double(largest), integral: true)
        // One label column for every school's chart, so that equal values draw equal bars.
        let labelWidth = CapacityChart.labelWidth(for: programIDs.map { program[$0]?.name ?? $0 })
        html += seatsLegend
        let (schoolIDs, schoolNames) = schoolOrder
        for schoolID in schoolIDs {
            let own = programIDs.filter { program[$0]?.schoolID == schoolID }
            guard !own.isEmpty else { continue }
            let rows = own.map { id in
                CapacityChart.Row(
                    label: program[id]?.name ?? id,
                    seats: figures.map { $0.programs.first { $0.id == id }?.seats ?? 0 },
                    filled: figures.map { $0.programs.first { $0.id == id }?.filled ?? 0 })
            }
            let name = schoolNames[schoolID] ?? schoolID
            let chart = CapacityChart(
                rows: rows, series: series, scale: scale, title: "\(name) 各专业已填座位", labelWidth: labelWidth)
            html += "<figure><h3>\(HTMLText.escaped(name))</h3>\(chart.svg())</figure>\n"
        }
        return html + "</section>\n"
    }

    // MARK: The price of a seat

    /// Most entries listed per run.
    static let seatPriceRows = 15

    /// For optimal runs: where one more seat places one more student, from the run's dual
    /// prices, so that the county can negotiate seats with the schools.
    private func seatPrices() -> String {
        let priced = runs.enumerated().filter { !$0.element.seatPrices.isEmpty }
        guard !priced.isEmpty else { return "" }
        var html = "<section>\n<h2>座位的价值<span class=\"en\">The price of a seat</span></h2>\n"
        html += "<p class=\"lead\">“最多分配”方案的对偶价格给出每个专业再多 1 个座位能带来什么：能否多安置 1 名学生，以及总匹配分的变化。"
        html += "前几项已用增加座位后重新求解核对。<span class=\"en\">From the optimal run's dual prices: what one more seat at each programme brings. The first entries were checked by solving again with the seat added.</span></p>\n"
        for (index, run) in priced {
            let names = Dictionary(run.programs.map { ($0.id, ($0.name, $0.schoolName)) }, uniquingKeysWith: { a, _ in a })
            let helping = run.seatPrices.filter { $0.students > 0 }
            html += "<p>\(tag(index))\(ReportNumber.count(helping.count)) 个专业每增加 1 个座位可多安置 1 人；其余 \(ReportNumber.count(run.seatPrices.count - helping.count)) 个专业增加座位不会多安置学生。"
            html += "<span class=\"en\">At \(helping.count) programmes one more seat places one more student; at the other \(run.seatPrices.count - helping.count), none.</span></p>\n"
            let shown = run.seatPrices.filter { $0.students > 0 || $0.scoreChange > 0 }.prefix(Self.seatPriceRows)
            guard !shown.isEmpty else { continue }
            html += "<table>\n<thead><tr><th>专业<span class=\"en\">programme</span></th><th>学校<span class=\"en\">school</span></th>"
            html += "<th class=\"num\">每增加 1 个座位<span class=\"en\">one more seat</span></th>"
            html += "<th class=\"num\">总匹配分变化<span class=\"en\">total score change</span></th><th>复核<span class=\"en\">re-solved</span></th></tr></thead>\n<tbody>\n"
            for price in shown {
                let (name, school) = names[price.programID] ?? (price.programID, "")
                let check = price.confirmed.map { $0 ? "✓ 一致 agrees" : "✗ 不一致 differs" } ?? ""
                html += "<tr><td>\(HTMLText.escaped(name))</td><td>\(HTMLText.escaped(school))</td>"
                html += "<td class=\"num\">可多安置 \(price.students) 人<span class=\"en\">+\(price.students) placed</span></td>"
                html += "<td class=\"num\">\(ReportNumber.signed(price.scoreChange))</td><td>\(check)</td></tr>\n"
            }
            html += "</tbody>\n</table>\n"
        }
        return html + "</section>\n"
    }

    // MARK: Distributions

    private func distributions() -> String {
        var html = "<section>\n<h2>距离分布<span class=\"en\">How far placed students travel</span></h2>\n"
        html += "<p class=\"lead\">已分配学生从家到所分配专业的距离（有实测路线时按公路，否则按直线；家庭无法定位的学生不计），每个区间包含左端、不含右端（最后一个区间两端都含）。"
        html += "<span class=\"en\">Straight-line distance from home to the programme; bins include their left edge.</span></p>\n"
        html += legend()
        html += histogram(
            values: figures.map(\.distancesKm), startAtZero: true, xTitle: "距离（公里） distance, km",
            title: "已分配学生的距离分布")
        html += "</section>\n<section>\n<h2>匹配分分布<span class=\"en\">Match scores of placements</span></h2>\n"
        html += "<p class=\"lead\">匹配分综合兴趣、成绩和距离，满分 100。<span class=\"en\">Interest, grades and location combined, out of 100.</span></p>\n"
        html += legend()
        html += histogram(
            values: figures.map(\.scores), startAtZero: false, xTitle: "匹配分 match score (0–100)",
            title: "已分配学生的匹配分分布")
        return html + "</section>\n"
    }

    private func legend() -> String {
        guard comparing else { return "" }
        return "<div class=\"legend\">"
            + series.map { "<span><span class=\"swatch\" style=\"background:\($0.color)\"></span>\(HTMLText.escaped($0.name))</span>" }.joined()
            + "</div>\n"
    }

    private func histogram(values: [[Double]], startAtZero: Bool, xTitle: String, title: String) -> String {
        let histogram = Histogram(series: values, startAtZero: startAtZero)
        guard histogram.binCount > 0 else {
            return "<p class=\"empty\">没有已分配的学生。No placed students.</p>\n"
        }
        let chart = HistogramChart(histogram: histogram, series: series, xTitle: xTitle, title: title)
        return "<figure>\(chart.svg())</figure>\n"
    }

    // MARK: Footer

    private func footer() -> String {
        var html = "<footer>由 Pathway 生成。座位数为生成报告时各专业的座位数。"
        html += "<span class=\"en\">Made by Pathway. Seats are each programme's seats when the report was made.</span></footer>\n"
        return html
    }
}
