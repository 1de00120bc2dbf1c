/// The columns of `students.csv`: junior-school leavers to refer, one row each.
public enum StudentColumn: Int, CSVColumn {
    case studentID
    case statusNumber
    case name
    case gender
    case birthDate
    case school
    case graduationYear
    case township
    case village
    case latitude
    case longitude
    case totalScore
    case scores
    case hollandCode
    case wishes
    case needsBoarding
    case hardship
    case leftBehind
    case guardianName
    case guardianPhone
    case notes
    case responsible
    case acceptsReassignment

    public var canonicalName: String {
        switch self {
        case .studentID: "student_id"
        case .statusNumber: "status_number"
        case .name: "name"
        case .gender: "gender"
        case .birthDate: "birth_date"
        case .school: "school"
        case .graduationYear: "graduation_year"
        case .township: "township"
        case .village: "village"
        case .latitude: "latitude"
        case .longitude: "longitude"
        case .totalScore: "total_score"
        case .scores: "scores"
        case .hollandCode: "holland_code"
        case .wishes: "wishes"
        case .needsBoarding: "needs_boarding"
        case .hardship: "hardship"
        case .leftBehind: "left_behind"
        case .guardianName: "guardian_name"
        case .guardianPhone: "guardian_phone"
        case .notes: "notes"
        case .responsible: "responsible"
        case .acceptsReassignment: "accepts_reassignment"
        }
    }

    public var isRequired: Bool {
        switch self {
        case .studentID, .name, .latitude, .longitude: true
        default: false
        }
    }

    /// A file may name students by their 学籍号 alone, and place homes by township and village
    /// (through the gazetteer) instead of coordinates.
    public var alternatives: [StudentColumn] {
        switch self {
        case .studentID: [.statusNumber]
        case .latitude, .longitude: [.township, .village]
        default: []
        }
    }

    public var aliases: [String] {
        switch self {
        case .studentID: ["学号", "学生编号", "考号", "中考考号"]
        case .statusNumber: ["学籍号", "全国学籍号", "学籍编号", "student_status_number"]
        case .name: ["姓名", "学生姓名"]
        case .gender: ["性别"]
        case .birthDate: ["出生日期", "生日"]
        case .school: ["毕业学校", "初中学校", "就读学校"]
        case .graduationYear: ["届别", "毕业年份", "毕业年度"]
        case .township: ["乡镇", "所在乡镇", "乡镇街道", "乡镇（街道）", "乡（镇）", "乡镇名称"]
        case .village: ["村", "村居", "行政村", "所在村", "村（社区）", "村社区", "村名"]
        case .latitude: ["纬度", "lat"]
        case .longitude: ["经度", "lng", "lon"]
        case .totalScore: ["总分", "中考总分"]
        case .scores: ["各科成绩", "成绩"]
        case .hollandCode: ["霍兰德代码", "霍兰德", "holland"]
        case .wishes: ["志愿", "志愿专业", "志愿列表"]
        case .needsBoarding: ["需要住宿", "住宿", "住校"]
        case .hardship: ["困难", "家庭困难"]
        case .leftBehind: ["留守", "留守儿童"]
        case .guardianName: ["监护人", "监护人姓名"]
        case .guardianPhone: ["监护人电话", "联系电话"]
        case .notes: ["备注"]
        case .responsible: ["班主任", "负责人", "包保责任人", "责任人", "包保人", "homeroom_teacher"]
        case .acceptsReassignment: ["服从调剂", "是否服从调剂", "调剂"]
        }
    }
}
