import Foundation

/// Values counted into equal, round-numbered bins shared by every series, so that two runs'
/// distributions are drawn against the same bins.
struct Histogram {
    /// Left edge of the first bin.
    let lower: Double
    let step: Double
    let binCount: Int
    /// counts[series][bin].
    let counts: [[Int]]

    /// - Parameters:
    ///   - startAtZero: the first bin starts at 0 (distances); otherwise at a round number at or
    ///     below the smallest value (scores, which cluster well above 0).
    init(series: [[Double]], startAtZero: Bool, maxBins: Int = 12) {
        let values = series.flatMap { $0 }.filter(\.isFinite)
        guard let smallest = values.min(), let largest = values.max() else {
            lower = 0
            step = 1
            binCount = 0
            counts = series.map { _ in [] }
            return
        }
        let low = startAtZero ? min(0, smallest) : smallest
        let span = max(largest - low, 1e-9)
        let magnitude = pow(10, floor(log10(span / Double(maxBins))))
        var chosenStep = 10 * magnitude
        var chosenLower = 0.0
        var chosenCount = 1
        for candidate in [1.0, 2, 2.5, 5, 10, 20].map({ $0 * magnitude }) {
            let start = (low / candidate).rounded(.down) * candidate
            let count = max(1, Int(((largest - start) / candidate).rounded(.up)))
            if count <= maxBins {
                chosenStep = candidate
                chosenLower = start
                chosenCount = count
                break
            }
        }
        lower = chosenLower
        step = chosenStep
        binCount = chosenCount
        counts = series.map { values in
            var bins = Array(repeating: 0, count: chosenCount)
            for value in values where value.isFinite {
                // The largest value may sit on the last edge: it belongs to the last bin.
                let index = min(chosenCount - 1, max(0, Int(((value - chosenLower) / chosenStep).rounded(.down))))
                bins[index] += 1
            }
            return bins
        }
    }

    /// The edge between bin `index - 1` and bin `index`.
    func edge(_ index: Int) -> Double { lower + Double(index) * step }

    func edgeLabel(_ index: Int) -> String {
        let value = edge(index)
        return step == step.rounded() ? ReportNumber.plain(value.rounded()) : String(format: "%.1f", value)
    }
}
