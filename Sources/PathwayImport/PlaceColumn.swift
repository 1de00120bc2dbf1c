/// The columns of a gazetteer file (`places.csv` or `.xlsx`): the county's townships and
/// villages with their coordinates, imported once so that lists can give places instead.
public enum PlaceColumn: Int, CSVColumn {
    case township
    case village
    case latitude
    case longitude

    public var canonicalName: String {
        switch self {
        case .township: "township"
        case .village: "village"
        case .latitude: "latitude"
        case .longitude: "longitude"
        }
    }

    public var isRequired: Bool { self != .village }

    public var aliases: [String] {
        switch self {
        case .township: StudentColumn.township.aliases
        case .village: StudentColumn.village.aliases
        case .latitude: StudentColumn.latitude.aliases
        case .longitude: StudentColumn.longitude.aliases
        }
    }
}
