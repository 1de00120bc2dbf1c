/// Formats numbers for Seeds with a fixed number of decimals, without Foundation's
/// locale-dependent `String(format:)`, so that the files are byte-identical everywhere.
enum DecimalText {
    /// `value` rounded half away from zero to `places` decimals, trailing zeros kept
    /// (`27.380000`).
    static func fixed(_ value: Double, places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = Int((abs(value) * scale).rounded())
        let sign = value < 0 && scaled != 0 ? "-" : ""
        guard places > 0 else { return sign + String(scaled) }
        let digits = String(scaled)
        let padded = String(repeating: "0", count: max(0, places + 1 - digits.count)) + digits
        let cut = padded.index(padded.endIndex, offsetBy: -places)
        return sign + padded[..<cut] + "." + padded[cut...]
    }

    /// A score as an exam sheet writes it: `78`, or `78.5` for a half mark.
    static func score(_ value: Double) -> String {
        let halves = Int((value * 2).rounded())
        return halves % 2 == 0 ? String(halves / 2) : String(halves / 2) + ".5"
    }
}
