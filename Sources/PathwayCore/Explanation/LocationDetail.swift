/// How the location component of one pair came about.
public struct LocationDetail: Sendable, Hashable, Codable {
    /// The component, 0 to 1.
    public let value: Double
    /// Distance from home to campus: by road where the county measured the route, else the
    /// great circle.
    public let distanceKm: Double
    /// The measured route the distance comes from, or nil for the straight line.
    public let route: TravelTable.Route?
    /// Whether the programme offers boarding (slower decay).
    public let boarding: Bool
    /// Distance over which the component halves for this programme.
    public let halfLifeKm: Double
}
