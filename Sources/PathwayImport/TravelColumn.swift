/// The columns of a travel file: measured road distances from a township or village to a
/// school's campus or one programme's, in km and/or minutes.
public enum TravelColumn: Int, CSVColumn {
    case township
    case village
    case schoolID
    case programID
    case km
    case minutes

    public var canonicalName: String {
        switch self {
        case .township: "township"
        case .village: "village"
        case .schoolID: "school_id"
        case .programID: "program_id"
        case .km: "km"
        case .minutes: "minutes"
        }
    }

    /// A route starts at a township and leads to a school or a programme, measured in km,
    /// minutes or both.
    public var isRequired: Bool { self == .township || self == .schoolID || self == .km }

    public var alternatives: [TravelColumn] {
        switch self {
        case .schoolID: [.programID]
        case .km: [.minutes]
        default: []
        }
    }

    public var aliases: [String] {
        switch self {
        case .township: StudentColumn.township.aliases
        case .village: StudentColumn.village.aliases
        case .schoolID: SchoolColumn.schoolID.aliases
        case .programID: ProgramColumn.programID.aliases
        case .km: ["公里", "里程", "公路里程", "距离", "距离（公里）", "distance_km"]
        case .minutes: ["分钟", "车程", "车程（分钟）", "时间（分钟）", "travel_minutes"]
        }
    }
}
