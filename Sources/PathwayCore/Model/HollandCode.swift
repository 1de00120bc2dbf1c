/// One of the six RIASEC interest types of Holland's theory of vocational choice.
public enum HollandType: Character, Sendable, Hashable, Codable, CaseIterable {
    case realistic = "R"
    case investigative = "I"
    case artistic = "A"
    case social = "S"
    case enterprising = "E"
    case conventional = "C"

    /// Position on Holland's hexagon (R I A S E C); adjacent types are one step apart.
    public var hexagonIndex: Int {
        switch self {
        case .realistic: 0
        case .investigative: 1
        case .artistic: 2
        case .social: 3
        case .enterprising: 4
        case .conventional: 5
        }
    }
}

/// A Holland code of one to three distinct RIASEC letters, most dominant first (`RIC`).
///
/// Interest inventories given in Chinese junior schools report the top three letters; programmes
/// in the catalogue are described the same way, so congruence between the two is meaningful.
public struct HollandCode: Sendable, Hashable, Codable, CustomStringConvertible {
    public let types: [HollandType]

    /// Returns `nil` unless `text` is 1 to 3 distinct letters of `RIASEC` (case-insensitive).
    public init?(_ text: some StringProtocol) {
        let letters = text.uppercased()
        guard (1...3).contains(letters.count) else { return nil }
        var seen: [HollandType] = []
        for letter in letters {
            guard let type = HollandType(rawValue: letter), !seen.contains(type) else { return nil }
            seen.append(type)
        }
        types = seen
    }

    public var description: String { String(types.map(\.rawValue)) }
}
