/// Great-circle distance on a spherical earth (the haversine formula).
///
/// A sphere is off by at most about 0.5 % against the WGS 84 ellipsoid, far below what a home
/// address geocoded to a village centre is off by; the haversine form stays accurate for the short
/// distances that matter most here, where the spherical law of cosines loses digits.
public enum GreatCircle {
    /// Mean earth radius (IUGG), in kilometres.
    public static let earthRadiusKm = 6371.0088

    /// Distance in kilometres between two coordinates.
    public static func distanceKm(from a: Coordinate, to b: Coordinate) -> Double {
        distanceKm(from: Point(a), to: Point(b))
    }

    /// A coordinate with its radians and cosine worked out once, because the scorer measures each
    /// home against thousands of campuses.
    struct Point: Sendable {
        let latitude: Double
        let longitude: Double
        let cosLatitude: Double

        init(_ coordinate: Coordinate) {
            latitude = coordinate.latitude * (Double.pi / 180)
            longitude = coordinate.longitude * (Double.pi / 180)
            cosLatitude = Math.cos(latitude)
        }
    }

    /// The one implementation; the public entry point and the scorer both come here, so the
    /// distance in an explanation is the same bits as the exported `distance_km`.
    @inline(__always)
    static func distanceKm(from a: Point, to b: Point) -> Double {
        let sinHalfLat = Math.sin((b.latitude - a.latitude) / 2)
        let sinHalfLon = Math.sin((b.longitude - a.longitude) / 2)
        let h = sinHalfLat * sinHalfLat + a.cosLatitude * b.cosLatitude * sinHalfLon * sinHalfLon
        return 2 * earthRadiusKm * Math.asin(min(1, h).squareRoot())
    }
}
