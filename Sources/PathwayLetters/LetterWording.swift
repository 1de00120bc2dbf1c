import PathwayCore

/// The few words a letter takes from data rather than from its template: dates, numbers, gender
/// and subject names, written as a reader of each language expects them.
///
/// Locale-free on purpose: the same letter prints the same characters on every machine.
struct LetterWording {
    let language: Language

    /// `2026年11月29日` or `29 November 2026`: the forms a Chinese and an English letter are dated in.
    func date(_ date: CalendarDate) -> String {
        switch language {
        case .chinese:
            return "\(date.year)年\(date.month)月\(date.day)日"
        case .english:
            return "\(date.day) \(Self.monthNames[date.month - 1]) \(date.year)"
        }
    }

    private static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    func gender(_ gender: Gender) -> String { gender.name(in: language) }

    /// A mark as a teacher writes it: `86`, `37.5`.
    func mark(_ x: Double) -> String { Self.decimal(x, maxPlaces: 1) }

    /// A distance to one decimal: `12.3`; under 1 km still shows one decimal (`0.4`).
    func kilometres(_ x: Double) -> String {
        guard x.isFinite, x >= 0 else { return "?" }
        return Self.fixed(x, places: 1)
    }

    /// The subject's name in the letter's language; subjects the import does not know are printed
    /// as the records have them.
    func subject(_ code: String) -> String { SubjectNames.name(code, in: language) }

    /// `x` rounded half away from zero to `places` decimals.
    static func fixed(_ x: Double, places: Int) -> String {
        guard x.isFinite else { return String(describing: x) }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(x) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9e15 else { return String(describing: x) }
        let units = Int64(scaled)
        let divisor = Int64(scale)
        let sign = x < 0 && units != 0 ? "-" : ""
        guard places > 0 else { return sign + String(units) }
        let fraction = String(units % divisor)
        return sign + String(units / divisor) + "." + String(repeating: "0", count: places - fraction.count) + fraction
    }

    /// Like `fixed`, without trailing zeros: `86`, `37.5`.
    static func decimal(_ x: Double, maxPlaces: Int) -> String {
        var text = fixed(x, places: maxPlaces)
        guard text.contains(".") else { return text }
        while text.last == "0" { text.removeLast() }
        if text.last == "." { text.removeLast() }
        return text
    }
}
