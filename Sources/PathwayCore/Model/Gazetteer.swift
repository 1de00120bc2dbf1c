/// A county's places (乡镇 and 村) with their coordinates, so that homes and campuses can be
/// given as places, the way county lists give them, instead of as latitude and longitude.
///
/// A township's own point is the row without a village when the gazetteer has one, else the
/// centre of its villages. Names are compared as written after trimming; a village name is
/// looked up within its township, or alone when it names one village in the whole county.
public struct Gazetteer: Sendable, Hashable {
    /// One row of the gazetteer.
    public struct Place: Sendable, Hashable, Codable {
        public var township: String
        /// `nil` for the township's own point.
        public var village: String?
        public var location: Coordinate

        public init(township: String, village: String? = nil, location: Coordinate) {
            self.township = township
            self.village = village
            self.location = location
        }
    }

    /// What a lookup found: the point, and whether it is the village's or only the township's.
    public struct Found: Sendable, Hashable {
        public var location: Coordinate
        public var placement: Student.HomePlacement

        public init(location: Coordinate, placement: Student.HomePlacement) {
            self.location = location
            self.placement = placement
        }
    }

    private let townships: [String: Coordinate]
    private let villages: [VillageKey: Coordinate]
    /// Villages by name alone, for a row that gives no township; `nil` for a name two townships share.
    private let villagesByName: [String: Coordinate?]

    private struct VillageKey: Hashable {
        var township: String
        var village: String
    }

    public init(_ places: [Place]) {
        var own: [String: Coordinate] = [:]
        var sums: [String: (latitude: Double, longitude: Double, count: Int)] = [:]
        var villages: [VillageKey: Coordinate] = [:]
        var byName: [String: Coordinate?] = [:]
        for place in places {
            guard let village = place.village else {
                own[place.township] = place.location
                continue
            }
            villages[VillageKey(township: place.township, village: village)] = place.location
            byName[village] = byName[village] == nil ? place.location : .some(nil)
            var sum = sums[place.township] ?? (0, 0, 0)
            sum.latitude += place.location.latitude
            sum.longitude += place.location.longitude
            sum.count += 1
            sums[place.township] = sum
        }
        for (township, sum) in sums where own[township] == nil {
            let count = Double(sum.count)
            own[township] = Coordinate(latitude: sum.latitude / count, longitude: sum.longitude / count)
        }
        townships = own
        self.villages = villages
        villagesByName = byName
    }

    public static let empty = Gazetteer([])

    public var isEmpty: Bool { townships.isEmpty && villages.isEmpty }

    /// The village's point when the gazetteer has it, else the township's, else `nil`.
    public func locate(township: String?, village: String?) -> Found? {
        if let village {
            if let township, let location = villages[VillageKey(township: township, village: village)] {
                return Found(location: location, placement: .village)
            }
            if township == nil, let entry = villagesByName[village], let location = entry {
                return Found(location: location, placement: .village)
            }
        }
        if let township, let location = townships[township] {
            return Found(location: location, placement: .township)
        }
        return nil
    }
}

extension Gazetteer.Place: Identifiable {
    /// The place's key: the township, and the village after a unit separator (U+001F, which
    /// no place name may contain).
    public var id: String { village.map { "\(township)\u{1F}\($0)" } ?? township }
}
