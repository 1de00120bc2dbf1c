import Foundation

/// How the report writes numbers: one decimal for rates and distances, thousands grouped, and
/// a dash where there is nothing to measure (never a misleading 0 or NaN).
enum ReportNumber {
    static let missing = "—"

    /// 1234567 → "1,234,567".
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped += "," }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    /// 0.7843 → "78.4%".
    static func percent(_ rate: Double?) -> String {
        guard let rate, rate.isFinite else { return missing }
        return String(format: "%.1f%%", rate * 100)
    }

    /// 12.345 → "12.3 km".
    static func km(_ value: Double?) -> String {
        guard let value, value.isFinite else { return missing }
        return String(format: "%.1f km", value)
    }

    /// 71.25 → "71.3".
    static func oneDecimal(_ value: Double?) -> String {
        guard let value, value.isFinite else { return missing }
        return String(format: "%.1f", value)
    }

    /// A difference with its sign: "+3.2", "−1.0", "0.0".
    static func signed(_ value: Double?) -> String {
        guard let value, value.isFinite else { return missing }
        let rounded = (value * 10).rounded() / 10
        if rounded == 0 { return "0.0" }
        return (rounded > 0 ? "+" : "\u{2212}") + String(format: "%.1f", abs(rounded))
    }

    /// A signed difference of two counts: "+12", "−3", "0".
    static func signedCount(_ value: Int) -> String {
        value > 0 ? "+" + count(value) : value < 0 ? "\u{2212}" + count(-value) : "0"
    }

    /// Shortest plain form: 0.5 → "0.5", 30 → "30".
    static func plain(_ value: Double) -> String {
        guard value.isFinite else { return missing }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(format: "%g", value)
    }
}
