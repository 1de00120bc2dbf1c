import PathwayCore

/// Horizontal bars of seats and filled seats, one row per programme or school: the light bar is
/// every seat, the dark bar inside it the seats the run filled, so an empty seat shows as the
/// light part left over.
struct CapacityChart {
    struct Row {
        var label: String
        /// Per series (run).
        var seats: [Int]
        var filled: [Int]
    }

    var rows: [Row]
    var series: [ReportSeries]
    /// Shared by every chart of the same kind, so that bars in two charts compare.
    var scale: AxisScale
    /// What the chart shows, for screen readers.
    var title: String
    /// The label column's width; nil: as wide as this chart's longest label needs.
    var labelWidth: Double? = nil

    static let width = 760.0
    private static let labelFont = 13.0
    private static let valueFont = 11.0
    private static let barHeight = 14.0
    private static let seriesGap = 3.0
    private static let rowGap = 10.0
    private static let valueWidth = 150.0

    /// Room for the longest of `labels`, within limits (a longer label is shortened).
    static func labelWidth(for labels: [String]) -> Double {
        let longest = labels.map { TextWidth.estimate($0, fontSize: labelFont) }.max() ?? 0
        return min(230, max(60, longest)) + 12
    }

    func svg() -> String {
        let width = Self.width
        let labelWidth = self.labelWidth ?? Self.labelWidth(for: rows.map(\.label))
        let plotX = labelWidth
        let plotWidth = width - labelWidth - Self.valueWidth
        let perSeries = Double(series.count)
        let barsHeight = perSeries * Self.barHeight + (perSeries - 1) * Self.seriesGap
        let rowHeight = barsHeight + Self.rowGap
        let top = 6.0
        let plotBottom = top + Double(rows.count) * rowHeight
        let height = plotBottom + 40

        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" aria-label=\"\(HTMLText.escaped(title))\">"
        for tick in scale.ticks {
            let x = plotX + scale.position(tick, length: plotWidth)
            svg += "<line x1=\"\(f(x))\" y1=\"\(f(top - 4))\" x2=\"\(f(x))\" y2=\"\(f(plotBottom))\" stroke=\"#e2e6ec\"/>"
            svg += "<text x=\"\(f(x))\" y=\"\(f(plotBottom + 14))\" font-size=\"11\" text-anchor=\"middle\" fill=\"#5b6675\">\(scale.label(tick))</text>"
        }
        svg += "<line x1=\"\(f(plotX))\" y1=\"\(f(plotBottom))\" x2=\"\(f(plotX + plotWidth))\" y2=\"\(f(plotBottom))\" stroke=\"#5b6675\"/>"
        svg += "<text x=\"\(f(plotX + plotWidth / 2))\" y=\"\(f(plotBottom + 32))\" font-size=\"12\" text-anchor=\"middle\" fill=\"#5b6675\">座位数 seats</text>"

        for (index, row) in rows.enumerated() {
            let rowTop = top + Double(index) * rowHeight
            let shown = TextWidth.fitted(row.label, width: labelWidth - 12, fontSize: Self.labelFont)
            svg += "<text x=\"\(f(labelWidth - 10))\" y=\"\(f(rowTop + barsHeight / 2 + 4.5))\" font-size=\"\(f(Self.labelFont))\" text-anchor=\"end\">"
            svg += "<title>\(HTMLText.escaped(row.label))</title>\(HTMLText.escaped(shown))</text>"
            for (position, run) in series.enumerated() {
                let seats = position < row.seats.count ? row.seats[position] : 0
                let filled = position < row.filled.count ? row.filled[position] : 0
                let y = rowTop + Double(position) * (Self.barHeight + Self.seriesGap)
                let seatWidth = scale.position(Double(seats), length: plotWidth)
                let filledWidth = scale.position(Double(filled), length: plotWidth)
                let tip = HTMLText.escaped("\(row.label)\(run.name.isEmpty ? "" : " · " + run.name): \(filled) / \(seats)")
                svg += "<rect x=\"\(f(plotX))\" y=\"\(f(y))\" width=\"\(f(seatWidth))\" height=\"\(f(Self.barHeight))\" fill=\"#e6ebf2\" stroke=\"#aab4c3\" stroke-width=\"1\"/>"
                svg += "<rect x=\"\(f(plotX))\" y=\"\(f(y))\" width=\"\(f(filledWidth))\" height=\"\(f(Self.barHeight))\" fill=\"\(run.color)\"><title>\(tip)</title></rect>"
                let rate = seats > 0 ? " · " + ReportNumber.percent(Double(filled) / Double(seats)) : ""
                let prefix = run.name.isEmpty ? "" : String(run.name.prefix(1)) + "  "
                svg += "<text x=\"\(f(plotX + plotWidth + 8))\" y=\"\(f(y + Self.barHeight - 3))\" font-size=\"\(f(Self.valueFont))\">"
                svg += "\(HTMLText.escaped(prefix))\(ReportNumber.count(filled)) / \(ReportNumber.count(seats))\(rate)</text>"
            }
        }
        return svg + "</svg>"
    }
}

/// SVG coordinates with at most one decimal: smaller files, same picture.
func f(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
}
