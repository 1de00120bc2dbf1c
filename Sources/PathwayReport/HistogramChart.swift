import PathwayCore

/// Vertical bars counting students per bin, with both axes labelled and each bar's count
/// written above it; two runs stand side by side in each bin.
struct HistogramChart {
    var histogram: Histogram
    var series: [ReportSeries]
    /// Says what the bins measure, with the unit.
    var xTitle: String
    var title: String

    func svg() -> String {
        let width = 760.0, height = 290.0
        let left = 60.0, right = 14.0, top = 20.0, bottom = 58.0
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        let plotBottom = top + plotHeight
        let largest = histogram.counts.flatMap { $0 }.max() ?? 0
        let scale = AxisScale(covering: Double(largest), integral: true)

        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" aria-label=\"\(HTMLText.escaped(title))\">"
        for tick in scale.ticks {
            let y = plotBottom - scale.position(tick, length: plotHeight)
            svg += "<line x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(y))\" stroke=\"#e2e6ec\"/>"
            svg += "<text x=\"\(f(left - 6))\" y=\"\(f(y + 4))\" font-size=\"11\" text-anchor=\"end\" fill=\"#5b6675\">\(scale.label(tick))</text>"
        }
        svg += "<text transform=\"translate(16 \(f(top + plotHeight / 2))) rotate(-90)\" font-size=\"12\" text-anchor=\"middle\" fill=\"#5b6675\">学生人数 students</text>"

        let bins = max(1, histogram.binCount)
        let slot = plotWidth / Double(bins)
        let padding = slot * 0.12
        let barWidth = (slot - 2 * padding) / Double(max(1, series.count))
        for bin in 0..<histogram.binCount {
            for (position, run) in series.enumerated() {
                let count = position < histogram.counts.count ? histogram.counts[position][bin] : 0
                let barHeight = scale.position(Double(count), length: plotHeight)
                let x = left + Double(bin) * slot + padding + Double(position) * barWidth
                let range = "\(histogram.edgeLabel(bin))–\(histogram.edgeLabel(bin + 1))"
                let tip = HTMLText.escaped("\(run.name.isEmpty ? "" : run.name + " · ")\(range): \(count)")
                svg += "<rect x=\"\(f(x))\" y=\"\(f(plotBottom - barHeight))\" width=\"\(f(barWidth - 1))\" height=\"\(f(barHeight))\" fill=\"\(run.color)\"><title>\(tip)</title></rect>"
                if count > 0 {
                    svg += "<text x=\"\(f(x + barWidth / 2))\" y=\"\(f(plotBottom - barHeight - 3))\" font-size=\"10\" text-anchor=\"middle\">\(ReportNumber.count(count))</text>"
                }
            }
        }
        svg += "<line x1=\"\(f(left))\" y1=\"\(f(plotBottom))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(plotBottom))\" stroke=\"#5b6675\"/>"
        for edge in 0...histogram.binCount {
            let x = left + Double(edge) * slot
            svg += "<line x1=\"\(f(x))\" y1=\"\(f(plotBottom))\" x2=\"\(f(x))\" y2=\"\(f(plotBottom + 4))\" stroke=\"#5b6675\"/>"
            svg += "<text x=\"\(f(x))\" y=\"\(f(plotBottom + 17))\" font-size=\"11\" text-anchor=\"middle\" fill=\"#5b6675\">\(histogram.edgeLabel(edge))</text>"
        }
        svg += "<text x=\"\(f(left + plotWidth / 2))\" y=\"\(f(height - 12))\" font-size=\"12\" text-anchor=\"middle\" fill=\"#5b6675\">\(HTMLText.escaped(xTitle))</text>"
        return svg + "</svg>"
    }
}
