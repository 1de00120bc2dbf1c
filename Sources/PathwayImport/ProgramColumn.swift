/// The columns of `programs.csv`: the programmes (专业) each school offers this year.
public enum ProgramColumn: Int, CSVColumn {
    case programID
    case schoolID
    case name
    case category
    case hollandCode
    case seats
    case minTotalScore
    case keySubjects
    case boarding
    case township
    case village
    case latitude
    case longitude
    case startDate
    case description
    case registrationDate
    case registrationPlace
    case registrationItems
    case batch

    public var canonicalName: String {
        switch self {
        case .programID: "program_id"
        case .schoolID: "school_id"
        case .name: "name"
        case .category: "category"
        case .hollandCode: "holland_code"
        case .seats: "seats"
        case .minTotalScore: "min_total_score"
        case .keySubjects: "key_subjects"
        case .boarding: "boarding"
        case .township: "township"
        case .village: "village"
        case .latitude: "latitude"
        case .longitude: "longitude"
        case .startDate: "start_date"
        case .description: "description"
        case .registrationDate: "registration_date"
        case .registrationPlace: "registration_place"
        case .registrationItems: "registration_items"
        case .batch: "batch"
        }
    }

    public var isRequired: Bool {
        switch self {
        case .programID, .schoolID, .name, .category, .seats: true
        default: false
        }
    }

    public var aliases: [String] {
        switch self {
        case .programID: ["专业代码", "专业编号"]
        case .schoolID: ["学校代码", "学校编号"]
        case .name: ["专业名称", "专业"]
        case .category: ["专业大类", "大类", "大类代码"]
        case .hollandCode: ["霍兰德代码", "霍兰德", "holland"]
        case .seats: ["招生人数", "计划数", "招生计划"]
        case .minTotalScore: ["最低分", "最低分数线", "最低总分"]
        case .keySubjects: ["重点科目"]
        case .boarding: ["住宿", "寄宿"]
        case .township: StudentColumn.township.aliases
        case .village: StudentColumn.village.aliases
        case .latitude: ["纬度", "lat"]
        case .longitude: ["经度", "lng", "lon"]
        case .startDate: ["开学日期", "开学时间"]
        case .description: ["简介", "专业简介", "说明"]
        case .registrationDate: ["报到日期", "报到时间"]
        case .registrationPlace: ["报到地点"]
        case .registrationItems: ["报到须带", "报到材料", "携带材料", "需带材料"]
        case .batch: ["批次", "录取批次"]
        }
    }
}
