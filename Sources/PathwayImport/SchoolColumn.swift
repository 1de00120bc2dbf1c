/// The columns of `schools.csv`: the county's vocational schools (中职学校).
public enum SchoolColumn: Int, CSVColumn {
    case schoolID
    case name
    case county
    case address
    case township
    case village
    case latitude
    case longitude
    case contactName
    case contactPhone
    case contactEmail

    public var canonicalName: String {
        switch self {
        case .schoolID: "school_id"
        case .name: "name"
        case .county: "county"
        case .address: "address"
        case .township: "township"
        case .village: "village"
        case .latitude: "latitude"
        case .longitude: "longitude"
        case .contactName: "contact_name"
        case .contactPhone: "contact_phone"
        case .contactEmail: "contact_email"
        }
    }

    public var isRequired: Bool {
        switch self {
        case .schoolID, .name, .latitude, .longitude: true
        default: false
        }
    }

    /// A campus may be placed by its township and village (through the gazetteer).
    public var alternatives: [SchoolColumn] {
        switch self {
        case .latitude, .longitude: [.township, .village]
        default: []
        }
    }

    public var aliases: [String] {
        switch self {
        case .schoolID: ["学校代码", "学校编号", "学校标识码"]
        case .name: ["学校名称", "学校", "名称"]
        case .county: ["县", "区县", "县区", "所属县"]
        case .address: ["地址", "学校地址"]
        case .township: StudentColumn.township.aliases
        case .village: StudentColumn.village.aliases
        case .latitude: ["纬度", "lat"]
        case .longitude: ["经度", "lng", "lon"]
        case .contactName: ["联系人"]
        case .contactPhone: ["联系电话", "电话"]
        case .contactEmail: ["邮箱", "电子邮箱", "email"]
        }
    }
}
