import Foundation
import PathwayCore
@testable import PathwayReport
import Testing

/// A small county whose figures can be counted by hand: 10 students, 3 programmes in 2 schools.
enum ReportFixture {
    static let hostile = "<script>alert(\"x\")</script> & 'Q'"

    /// Placed: s1-s6 (6 of 10). Left-behind: s1, s7, s8, s9 (1 of 4 placed). Hardship: s2, s7 (1 of 2).
    static func run(id: Int64 = 7, strategy: Strategy = .stable, moveS6: Bool = false) -> MatchReportRun {
        let students: [MatchReportRun.Student] = [
            .init(id: "s1", gender: .female, township: "清水镇", leftBehind: true, programID: "P1", schoolID: "S1", score: 80, distanceKm: 2),
            .init(id: "s2", gender: .male, township: "清水镇", hardship: true, programID: "P1", schoolID: "S1", score: 70, distanceKm: 4),
            .init(id: "s3", gender: .female, township: hostile, programID: "P1", schoolID: "S1", score: 60, distanceKm: 6),
            .init(id: "s4", gender: .male, township: hostile, programID: "P2", schoolID: "S1", score: 90, distanceKm: 8),
            .init(id: "s5", gender: .female, township: "河口乡", programID: "P3", schoolID: "S2", score: 50, distanceKm: 10),
            moveS6
                ? .init(id: "s6", gender: nil, township: nil)
                : .init(id: "s6", gender: nil, township: nil, programID: "P3", schoolID: "S2", score: 40, distanceKm: 30),
            .init(id: "s7", gender: .female, township: "河口乡", leftBehind: true, hardship: true),
            .init(id: "s8", gender: .male, township: "河口乡", leftBehind: true),
            .init(id: "s9", gender: .female, township: "清水镇", leftBehind: true),
            .init(id: "s10", gender: .male, township: "清水镇"),
        ]
        return MatchReportRun(
            runID: RunID(id), strategy: strategy, createdAt: Date(timeIntervalSince1970: 1_795_000_000), cohort: 2026,
            settings: MatchReportRun.Setting.summary(of: .standard),
            students: students,
            programs: [
                .init(id: "P1", name: "数控技术应用", schoolID: "S1", schoolName: "县职业中专", seats: 4, filled: 3),
                .init(id: "P2", name: "汽车运用与维修", schoolID: "S1", schoolName: "县职业中专", seats: 3, filled: 1),
                .init(id: "P3", name: hostile, schoolID: "S2", schoolName: "A&B <技校>", seats: 2, filled: moveS6 ? 1 : 2),
            ],
            schools: [.init(id: "S1", name: "县职业中专"), .init(id: "S2", name: "A&B <技校>"), .init(id: "S3", name: "空学校")])
    }
}

@Suite("The match report")
struct MatchReportTests {
    @Test func figuresAreTheOnesCountedByHand() throws {
        let figures = MatchReportFigures(ReportFixture.run())
        #expect(figures.studentCount == 10)
        #expect(figures.placedCount == 6)
        #expect(figures.unplacedCount == 4)
        #expect(figures.placementRate == 0.6)
        #expect(figures.seats == 9 && figures.filledSeats == 6)
        #expect(figures.meanDistanceKm == 10)  // (2+4+6+8+10+30)/6
        #expect(figures.meanScore == 65)
        #expect(figures.schools.map(\.id) == ["S1", "S2", "S3"])
        #expect(figures.schools.map(\.filled) == [4, 2, 0])
        #expect(figures.schools.map(\.seats) == [7, 2, 0])

        let groups = Dictionary(uniqueKeysWithValues: figures.equity.map { ($0.kind, $0) })
        #expect(figures.equity.first?.kind == .cohort)
        #expect(groups[.leftBehind]?.students == 4 && groups[.leftBehind]?.placed == 1)
        #expect(groups[.leftBehind]?.placementRate == 0.25)
        #expect(groups[.leftBehind]?.meanDistanceKm == 2)
        #expect(groups[.hardship]?.placementRate == 0.5)
        #expect(groups[.gender(.female)]?.students == 5 && groups[.gender(.female)]?.placed == 3)
        #expect(groups[.gender(nil)]?.students == 1)
        #expect(groups[.township("清水镇")]?.students == 4)
        // Townships largest first; "not recorded" after the named ones of its size.
        let townships = figures.equity.compactMap { group -> String? in
            if case .township(let name) = group.kind { return name ?? "(none)" }
            return nil
        }
        #expect(townships == ["清水镇", "河口乡", ReportFixture.hostile, "(none)"])
    }

    @Test func thePageShowsTheHeadlineFiguresInChinese() {
        let html = MatchReport.html(ReportFixture.run())
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<html lang=\"zh-CN\">"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("分配率"))
        #expect(html.contains("60.0%"))
        #expect(html.contains("6 / 10 名学生已分配"))
        #expect(html.contains("10.0 km"))
        #expect(html.contains("留守儿童"))
        #expect(html.contains("25.0%"))  // left-behind placement rate
        #expect(html.contains("▼ 25.0%"), "a group far below the cohort is flagged")
        #expect(html.contains("4 / 7"), "school S1's filled seats")
        #expect(html.contains("稳定匹配"))
        #expect(html.contains("2026-11-18"))
        #expect(html.contains("@media print"))
    }

    @Test func hostileNamesAreEscapedEverywhere() {
        let html = MatchReport.html(ReportFixture.run(), compare: ReportFixture.run(id: 8, moveS6: true))
        #expect(!html.contains("<script"))
        #expect(!html.contains("<技校>"))
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Q&#39;"))
        #expect(html.contains("A&amp;B &lt;技校&gt;"))
        #expect(HTMLText.escaped("a<b>&\"c'\u{0}") == "a&lt;b&gt;&amp;&quot;c&#39;\u{FFFD}")
    }

    @Test func thePageStandsAloneWithChartsInside() {
        for html in [MatchReport.html(ReportFixture.run()), MatchReport.html(ReportFixture.run(), compare: ReportFixture.run(id: 8))] {
            #expect(!html.contains("http://") && !html.contains("https://"))
            #expect(!html.contains("<link") && !html.contains("src=") && !html.contains("url(") && !html.contains("@import"))
            #expect(html.contains("<svg"))
            #expect(html.components(separatedBy: "<svg class=\"chart\"").count - 1 == 5, "schools, 2 schools' programmes, 2 histograms")
            #expect(html.components(separatedBy: "<svg").count == html.components(separatedBy: "</svg>").count)
        }
    }

    @Test func compareModeSetsBothRunsSideBySide() {
        let a = ReportFixture.run(id: 7)
        let b = ReportFixture.run(id: 8, strategy: .optimal, moveS6: true)
        let html = MatchReport.html(a, compare: b)
        #expect(html.contains("运行 #7") && html.contains("运行 #8"))
        #expect(html.contains("最多分配"))
        #expect(html.contains("60.0%") && html.contains("50.0%"))
        #expect(html.contains("B − A：−10.0 个百分点"))
        #expect(html.contains("A #7") && html.contains("B #8"))

        let changes = OutcomeChanges(a, b)
        #expect(changes.inBoth == 10 && changes.unchanged == 9 && changes.lost == 1 && changes.gained == 0)
        #expect(changes.moved == 0 && changes.onlyInA == 0 && changes.onlyInB == 0)
        #expect(html.contains("B 中失去分配"))
    }

    @Test func anEmptyRunStillRendersWithDashesNotNaN() {
        let empty = MatchReportRun(runID: 1, strategy: .ranked, createdAt: Date(timeIntervalSince1970: 0), students: [], programs: [], schools: [])
        let html = MatchReport.html(empty)
        #expect(MatchReportFigures(empty).placementRate == nil)
        #expect(html.contains("—"))
        for bad in ["=\"nan\"", "=\"inf\"", "=\"-inf\"", ">nan", ">inf", "nan%", "inf%", "nan km", "NaN"] {
            #expect(!html.contains(bad), "no \(bad) in an empty report")
        }
        #expect(html.contains("没有已分配的学生"))
        #expect(html.contains("仅排序"))
    }

    @Test func histogramBinsAreRoundAndCountEveryValue() {
        let histogram = Histogram(series: [[0, 4.9, 5, 27.3], [12]], startAtZero: true)
        #expect(histogram.lower == 0 && histogram.step == 2.5 && histogram.binCount == 11)
        #expect(histogram.counts.map { $0.reduce(0, +) } == [4, 1])
        #expect(histogram.counts[0].last == 1, "the largest value is in the last bin")
        let scores = Histogram(series: [[55, 61, 99.5, 100]], startAtZero: false)
        #expect(scores.lower == 55 && scores.step == 5 && scores.binCount == 9)
        #expect(scores.counts[0].last == 2, "100 sits on the last edge and is counted in the last bin")
    }

    @Test func axesEndOnRoundNumbers() {
        #expect(AxisScale(covering: 37, integral: true).maximum == 40)
        #expect(AxisScale(covering: 3, integral: true).ticks == [0, 1, 2, 3])
        #expect(AxisScale(covering: 0, integral: true).maximum == 1)
        #expect(ReportNumber.count(1_234_567) == "1,234,567")
        #expect(ReportNumber.signed(-0.04) == "0.0")
    }
}

@Suite("The match report at a province's scale")
struct MatchReportScaleTests {
    /// 20,000 students, 400 programmes in 40 schools, 60 townships: a large county's run.
    static func largeRun(id: Int64) -> MatchReportRun {
        let programs = (0..<400).map { index in
            MatchReportRun.Program(
                id: String(format: "P%03d", index), name: "专业\(index)", schoolID: "S\(index / 10)",
                schoolName: "第\(index / 10)职业学校", seats: 50, filled: 0)
        }
        var filled = Array(repeating: 0, count: programs.count)
        let students = (0..<20_000).map { index -> MatchReportRun.Student in
            let program = (index * 7 + Int(id)) % 400
            let placed = index % 9 != 0 && filled[program] < 50
            if placed { filled[program] += 1 }
            return MatchReportRun.Student(
                id: String(format: "ST%05d", index), gender: index % 2 == 0 ? .female : .male,
                township: "乡镇\(index % 60)", leftBehind: index % 4 == 0, hardship: index % 6 == 0,
                programID: placed ? programs[program].id : nil, schoolID: placed ? programs[program].schoolID : nil,
                score: placed ? Double(index % 100) : nil, distanceKm: placed ? Double(index % 45) + 0.5 : nil)
        }
        return MatchReportRun(
            runID: RunID(id), strategy: .stable, createdAt: Date(timeIntervalSince1970: 1_795_000_000),
            students: students,
            programs: zip(programs, filled).map { program, count in
                var copy = program
                copy.filled = count
                return copy
            },
            schools: (0..<40).map { MatchReportRun.School(id: "S\($0)", name: "第\($0)职业学校") })
    }

    @Test func twoLargeRunsRenderInSecondsIntoAFileOfModestSize() {
        let a = Self.largeRun(id: 1)
        let b = Self.largeRun(id: 2)
        let clock = ContinuousClock()
        var html = ""
        let elapsed = clock.measure { html = MatchReport.html(a, compare: b) }
        #expect(elapsed < .seconds(5), "rendering took \(elapsed)")
        #expect(html.utf8.count < 1_500_000, "\(html.utf8.count) bytes")
        #expect(html.contains("乡镇59"))
    }
}
