/// How the location component of one pair came about.
public struct LocationDetail: Sendable, Hashable, Codable {
    /// The component, 0 to 1.
    public let value: Double
    /// Great-circle distance from home to campus.
    public let distanceKm: Double
    /// Whether the programme offers boarding (slower decay).
    public let boarding: Bool
    /// Distance over which the component halves for this programme.
    public let halfLifeKm: Double
}
