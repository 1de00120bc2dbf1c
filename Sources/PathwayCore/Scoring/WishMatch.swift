/// The wish that ties a student to a programme: which kind, where in the list, what it is worth.
public struct WishMatch: Sendable, Hashable, Codable {
    /// Whether the wish named the programme itself or its catalogue category.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The wish named this programme.
        case program
        /// The wish named the programme's category.
        case category
    }

    /// What the wish named.
    public let kind: Kind
    /// Position in the student's wish list, 1 for the first (most wanted).
    public let position: Int
    /// The wish part of the interest component this wish gives, in (0, 1].
    public let value: Double

    /// Builds a match; the value is derived so that it cannot disagree with the rules.
    public init(kind: Kind, position: Int) {
        self.kind = kind
        self.position = position
        self.value = InterestComponent.wishValue(kind: kind, position: position)
    }
}
