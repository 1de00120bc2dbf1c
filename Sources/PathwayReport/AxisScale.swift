import Foundation

/// A value axis that starts at zero and ends on a round number, with about five ticks.
///
/// Bars always start at zero so that their lengths compare honestly.
struct AxisScale {
    /// The value at the far end of the axis.
    let maximum: Double
    let step: Double

    /// - Parameter integral: ticks fall on whole numbers (students, seats).
    init(covering value: Double, integral: Bool, targetTicks: Int = 5) {
        guard value.isFinite, value > 0 else {
            maximum = 1
            step = integral ? 1 : 0.2
            return
        }
        let raw = value / Double(targetTicks)
        let magnitude = pow(10, floor(log10(raw)))
        var chosen = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        if integral {
            chosen = max(1, chosen.rounded(.up))
        }
        step = chosen
        maximum = (value / chosen).rounded(.up) * chosen
    }

    var ticks: [Double] {
        let count = Int((maximum / step).rounded())
        return (0...count).map { Double($0) * step }
    }

    /// Where `value` falls along an axis `length` long.
    func position(_ value: Double, length: Double) -> Double {
        max(0, value) / maximum * length
    }

    func label(_ value: Double) -> String {
        step == step.rounded() ? ReportNumber.count(Int(value.rounded())) : ReportNumber.plain((value * 100).rounded() / 100)
    }
}
