/// Road distances a county has measured from its townships and villages to campuses.
///
/// Mountain roads make the straight line a poor guide: two villages 8 km apart as the crow flies
/// may be an hour's drive apart. Where a route is known, scoring and the daily-commute rule use
/// it instead of the great-circle distance (`docs/scoring.md`). A route given only in minutes
/// counts as the distance covered at `assumedSpeedKmPerHour`. A road is never shorter than the
/// straight line: a shorter figure (a typo, a rounded one) counts as the straight line, which
/// also keeps the scorer's distance bounds exact.
public struct TravelTable: Sendable, Hashable {
    /// Where a route goes: a whole school (every programme on its campus) or one programme.
    public enum Destination: Sendable, Hashable, Codable {
        case school(String)
        case program(String)
    }

    /// One measured route.
    public struct Route: Sendable, Hashable, Codable, Identifiable {
        public var township: String
        /// `nil` for a route from the township as a whole.
        public var village: String?
        public var destination: Destination
        public var km: Double?
        public var minutes: Double?

        public init(township: String, village: String? = nil, destination: Destination, km: Double?, minutes: Double?) {
            self.township = township
            self.village = village
            self.destination = destination
            self.km = km
            self.minutes = minutes
        }

        /// The distance scoring uses: the kilometres, else the minutes at the assumed speed.
        public var effectiveKm: Double? {
            km ?? minutes.map { $0 / 60 * TravelTable.assumedSpeedKmPerHour }
        }

        /// The route's key: place, then destination, with unit separators (no name holds one).
        public var id: String {
            let target = switch destination {
            case .school(let id): "school\u{1F}\(id)"
            case .program(let id): "program\u{1F}\(id)"
            }
            return "\(township)\u{1F}\(village ?? "")\u{1F}\(target)"
        }
    }

    /// The speed a route known only in minutes is converted at: county roads in the hills.
    public static let assumedSpeedKmPerHour = 30.0

    private struct Place: Hashable {
        var township: String
        var village: String?
    }

    private let byPlace: [Place: [Destination: Route]]

    public init(_ routes: [Route]) {
        var byPlace: [Place: [Destination: Route]] = [:]
        for route in routes {
            byPlace[Place(township: route.township, village: route.village), default: [:]][route.destination] = route
        }
        self.byPlace = byPlace
    }

    public static let none = TravelTable([])

    public var isEmpty: Bool { byPlace.isEmpty }

    /// The route from a home to a programme's campus, the most specific first: from the village
    /// to the programme, the village to its school, the township to the programme, the township
    /// to the school.
    public func route(township: String?, village: String?, programID: String, schoolID: String) -> Route? {
        guard let township, !byPlace.isEmpty else { return nil }
        for place in [village.map { Place(township: township, village: $0) }, Place(township: township, village: nil)] {
            guard let place, let destinations = byPlace[place] else { continue }
            if let route = destinations[.program(programID)] ?? destinations[.school(schoolID)] { return route }
        }
        return nil
    }

    /// The routes that start at a home's township and at its village, least specific first:
    /// township then village, each with its routes to whole schools before those to single
    /// programmes. Applying them in this order, each overwriting the last, gives `route`'s
    /// precedence for every programme at once.
    public func routesLeastSpecificFirst(township: String, village: String?) -> [Route] {
        var routes: [Route] = []
        for place in [Place(township: township, village: nil), village.map { Place(township: township, village: $0) }] {
            guard let place, let destinations = byPlace[place] else { continue }
            let sorted = destinations.values.sorted { $0.id < $1.id }
            routes += sorted.filter { if case .school = $0.destination { true } else { false } }
            routes += sorted.filter { if case .program = $0.destination { true } else { false } }
        }
        return routes
    }
}
