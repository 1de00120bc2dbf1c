/// A point on the earth in WGS 84 degrees.
///
/// Construction validates the range so that a coordinate that exists is always usable for
/// distance computations; importers report the offending value before one is ever built.
public struct Coordinate: Sendable, Hashable, Codable {
    public let latitude: Double
    public let longitude: Double

    /// Returns `nil` when either value is out of range or not finite.
    public init?(latitude: Double, longitude: Double) {
        guard latitude.isFinite, longitude.isFinite,
              (-90.0...90.0).contains(latitude), (-180.0...180.0).contains(longitude)
        else { return nil }
        self.latitude = latitude
        self.longitude = longitude
    }
}

extension Coordinate {
    /// 0° N, 0° E: a placeholder where a point is needed but none is known (never shown).
    static let origin = Coordinate(uncheckedLatitude: 0, longitude: 0)

    private init(uncheckedLatitude latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }
}
