/// The number of a stored record of one kind (a match run, a referral), as the commands print it.
///
/// One type per kind, from the database to every front end, so that a run id is never an
/// `Int64` in one place, an `Int` in another and a `String` in a third, and a referral id
/// cannot be passed where a run id is expected. Only positive numbers are ids.
public struct NumberedID<Kind: NumberedKind>: RawRepresentable, Sendable, Hashable, Comparable, Codable,
    CustomStringConvertible, ExpressibleByIntegerLiteral
{
    public let rawValue: Int64

    public init(rawValue: Int64) { self.rawValue = rawValue }
    public init(_ value: Int64) { rawValue = value }
    public init(integerLiteral value: Int64) { rawValue = value }

    /// A number typed by a person: a positive whole number, else nil.
    public init?(_ text: some StringProtocol) {
        guard let value = Int64(text), value > 0 else { return nil }
        rawValue = value
    }

    public var description: String { String(rawValue) }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(Int64.self) }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// What a `NumberedID` numbers; the kinds are empty enums that exist only as names.
public protocol NumberedKind: Sendable {}

/// Match runs (`match_runs.run_id`).
public enum MatchRunKind: NumberedKind {}
/// Referrals (`referrals.referral_id`).
public enum ReferralKind: NumberedKind {}

/// A stored match run's number.
public typealias RunID = NumberedID<MatchRunKind>
/// A referral's number.
public typealias ReferralID = NumberedID<ReferralKind>
