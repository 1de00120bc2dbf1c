/// How the interest component of one pair came about.
public struct InterestDetail: Sendable, Hashable, Codable {
    /// The component, 0 to 1.
    public let value: Double
    /// The best wish naming the programme or its category, if any.
    public let wish: WishMatch?
    /// The wish part actually used: the wish's value, 0 when no wish fits, the neutral value when
    /// the student listed no wishes.
    public let wishPart: Double
    /// The student's Holland code, if recorded.
    public let studentHollandCode: HollandCode?
    /// The programme's Holland code, if recorded.
    public let programHollandCode: HollandCode?
    /// Iachan's M index, when both codes are recorded.
    public let iachanM: Int?
    /// The congruence part actually used (normalised M, or the neutral value).
    public let congruence: Double
    /// What was missing, in a fixed order.
    public let missing: [MissingEvidence]

    /// Share of the interest evidence that was present: the wish share when wishes were recorded
    /// plus the Holland share when both codes were. 1 means nothing was guessed.
    public var confidence: Double {
        (missing.contains(.wishes) ? 0 : InterestComponent.wishShare)
            + (iachanM == nil ? 0 : InterestComponent.hollandShare)
    }
}
