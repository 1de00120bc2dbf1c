/// Fixed-decimal formatting that does not depend on a locale or on Foundation, so that the same
/// explanation prints the same characters on every machine.
enum NumberText {
    /// `x` rounded half away from zero to `places` decimals: `decimal(0.825, places: 2)` is `0.83`.
    static func decimal(_ x: Double, places: Int) -> String {
        guard x.isFinite else { return String(describing: x) }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(x) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9e15 else { return String(describing: x) }
        let units = Int64(scaled)
        let divisor = Int64(scale)
        let whole = units / divisor
        let fraction = units % divisor
        let sign = x < 0 && units != 0 ? "-" : ""
        guard places > 0 else { return sign + String(whole) }
        let digits = String(fraction)
        return sign + String(whole) + "." + String(repeating: "0", count: places - digits.count) + digits
    }

    /// A share in [0, 1] as a whole percentage without the sign: `0.834` is `83`.
    static func percent(_ share: Double) -> String { decimal(share * 100, places: 0) }
}
