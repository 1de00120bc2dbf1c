/// One run as a chart draws it: its name in the legend and its colour.
///
/// Blue and orange stay apart for readers with the common colour-vision deficiencies and in
/// greyscale print (different lightness).
struct ReportSeries {
    var name: String
    var color: String

    static let single = [ReportSeries(name: "", color: "#1f5fa8")]

    static func compared(_ a: MatchReportRun, _ b: MatchReportRun) -> [ReportSeries] {
        [ReportSeries(name: "A #\(a.runID)", color: "#1f5fa8"), ReportSeries(name: "B #\(b.runID)", color: "#e08a2c")]
    }
}
