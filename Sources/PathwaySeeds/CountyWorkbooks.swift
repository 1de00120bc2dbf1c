import PathwayCore
import PathwayImport
import PathwaySpreadsheet

/// The Seeds county as a county office keeps it: `.xlsx` workbooks with Chinese headers, a
/// gazetteer of townships and villages, and a student list with a title row, 乡镇 and 村 instead
/// of coordinates, one column per subject and 第N志愿 columns holding 学校+专业 or a category's
/// name. The demo imports these, so that it goes the way a county's own files go.
///
/// Made from the generated CSV files: each student lives in the gazetteer's village nearest to
/// the CSV home, so the workbooks describe the same county, with homes at village points.
public struct CountyWorkbooks: Sendable {
    /// The folder of `Seeds/` they are written to.
    public static let folder = "county"
    public static let placesFile = "地名表.xlsx"
    public static let schoolsFile = "中职学校.xlsx"
    public static let programsFile = "专业.xlsx"
    public static let studentsFile = "学生名单.xlsx"

    /// File names and contents, in import order.
    public let files: [(name: String, bytes: [UInt8])]

    /// Villages a township of the Seeds county has, by name; each township has eight.
    static let villageNames = [
        "石门村", "红岩村", "新寨村", "大坪村", "龙井村", "杨柳村", "长冲村", "白岩村", "桃园村", "高坡村", "水口村", "茶山村",
    ]

    /// The gazetteer: each township's own point, then its eight villages around it.
    static var gazetteer: [Gazetteer.Place] {
        var places: [Gazetteer.Place] = []
        for (townshipIndex, township) in FictionalCounty.townships.enumerated() {
            func place(_ village: String?, east: Double, north: Double) -> Gazetteer.Place? {
                guard let latitude = Double(SeedGenerator.latitude(north)),
                      let longitude = Double(SeedGenerator.longitude(east)),
                      let location = Coordinate(latitude: latitude, longitude: longitude)
                else { return nil }
                return Gazetteer.Place(township: township.name, village: village, location: location)
            }
            if let own = place(nil, east: township.east, north: township.north) { places.append(own) }
            // The eight compass directions, near and far in turn (no C-library maths, so the
            // workbooks are the same bytes on every machine).
            let diagonal = 0.7071067811865476
            let directions: [(east: Double, north: Double)] = [
                (1, 0), (diagonal, diagonal), (0, 1), (-diagonal, diagonal), (-1, 0), (-diagonal, -diagonal), (0, -1),
                (diagonal, -diagonal),
            ]
            for (index, direction) in directions.enumerated() {
                let reach = township.radius * ((index + townshipIndex).isMultiple(of: 2) ? 0.35 : 0.75)
                let name = villageNames[(townshipIndex * 3 + index) % villageNames.count]
                if let village = place(
                    name, east: township.east + reach * direction.east, north: township.north + reach * direction.north) {
                    places.append(village)
                }
            }
        }
        return places
    }

    /// The workbooks of a generated county.
    ///
    /// - Throws: `SpreadsheetError` when a workbook cannot be written (not for the Seeds sizes).
    public init(_ seeds: SeedFiles, cohort: Int) throws {
        let county = ImportedCounty(
            schools: Array(seeds.schools.utf8), programs: Array(seeds.programs.utf8), students: Array(seeds.students.utf8))
        let places = Self.gazetteer
        let writer = XLSXWriter()
        func book(_ name: String, _ headers: [String], _ rows: [[XLSXWriter.Cell]], titles: [String] = []) throws -> [UInt8] {
            try writer.workbook([
                XLSXWriter.SheetContent(
                    name: name, columns: headers.map { XLSXWriter.Column(header: $0) }, rows: rows, titles: titles),
            ])
        }
        let schoolNames = Dictionary(county.schools.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        files = [
            (Self.placesFile, try book("地名表", ["乡镇", "村", "纬度", "经度"], places.map { place in
                [.text(place.township), .text(orEmpty: place.village),
                 .number(place.location.latitude, decimals: nil), .number(place.location.longitude, decimals: nil)]
            })),
            (Self.schoolsFile, try book(
                "中职学校", ["学校代码", "学校名称", "区县", "地址", "纬度", "经度", "联系人", "联系电话", "邮箱"],
                county.schools.map { school in
                    [.text(school.id), .text(school.name), .text(orEmpty: school.county), .text(orEmpty: school.address),
                     .number(school.location.latitude, decimals: nil), .number(school.location.longitude, decimals: nil),
                     .text(orEmpty: school.contactName), .text(orEmpty: school.contactPhone), .text(orEmpty: school.contactEmail)]
                })),
            (Self.programsFile, try book(
                "专业", ["专业代码", "学校代码", "专业名称", "专业大类", "霍兰德代码", "招生人数", "最低总分", "重点科目", "住宿", "开学日期", "专业简介"],
                county.programs.map { program in
                    [.text(program.id), .text(program.schoolID), .text(program.name), .text(program.category),
                     .text(orEmpty: program.hollandCode?.description), .number(Double(program.seats), decimals: 0),
                     program.minTotalScore.map { .number($0, decimals: nil) } ?? .empty,
                     .text(orEmpty: program.keySubjects.isEmpty ? nil : program.keySubjects.map { "\(Self.chineseSubject($0.subject)):\(DecimalText.score($0.weight))" }.joined(separator: ";")),
                     .text(program.boarding ? "是" : "否"),
                     program.startDate.map { .date(year: $0.year, month: $0.month, day: $0.day) } ?? .empty,
                     .text(orEmpty: program.description)]
                })),
            (Self.studentsFile, try Self.students(
                county, programs: county.programs, schoolNames: schoolNames, places: places, cohort: cohort, writer: writer)),
        ]
    }

    /// The subjects in the order a county list gives them.
    static let subjects = ["chinese", "math", "english", "physics", "chemistry", "politics", "history", "biology", "geography"]

    private static func students(
        _ county: ImportedCounty, programs: [Program], schoolNames: [String: String], places: [Gazetteer.Place], cohort: Int,
        writer: XLSXWriter
    ) throws -> [UInt8] {
        let programsByID = Dictionary(programs.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        // 学校+专业 where it names one programme; a large generated county repeats names at a school.
        let sameName = Dictionary(grouping: programs) { "\($0.schoolID)\u{1F}\($0.name)" }.mapValues(\.count)
        let wishColumns = max(1, county.students.map(\.wishes.count).max() ?? 1)
        let ordinals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
        let headers = ["学号", "姓名", "性别", "出生日期", "毕业学校", "届别", "乡镇", "村"]
            + subjects.map(chineseSubject) + ["总分", "霍兰德代码"]
            + (0..<wishColumns).map { "第\($0 < ordinals.count ? ordinals[$0] : String($0 + 1))志愿" }
            + ["需要住宿", "家庭困难", "留守儿童", "监护人", "监护人电话", "备注"]
        let villages = places.filter { $0.village != nil }
        let rows: [[XLSXWriter.Cell]] = county.students.map { student in
            let village = student.home.flatMap { home in
                villages.filter { $0.township == student.township }.min { a, b in
                    squaredDistance(a.location, home) < squaredDistance(b.location, home)
                }?.village
            }
            var row: [XLSXWriter.Cell] = [
                .text(student.id), .text(student.name),
                .text(orEmpty: student.gender?.name(in: .chinese)),
                student.birthDate.map { .date(year: $0.year, month: $0.month, day: $0.day) } ?? .empty,
                .text(orEmpty: student.juniorSchool), student.graduationYear.map { .number(Double($0), decimals: 0) } ?? .empty,
                .text(orEmpty: student.township), .text(orEmpty: village),
            ]
            row += subjects.map { subject in student.score(in: subject).map { .number($0, decimals: nil) } ?? .empty }
            row += [student.totalScore.map { .number($0, decimals: nil) } ?? .empty, .text(orEmpty: student.hollandCode?.description)]
            row += (0..<wishColumns).map { index -> XLSXWriter.Cell in
                guard index < student.wishes.count else { return .empty }
                switch student.wishes[index] {
                case .program(let id):
                    guard let program = programsByID[id], sameName["\(program.schoolID)\u{1F}\(program.name)"] == 1
                    else { return .text(id) }
                    return .text("\(schoolNames[program.schoolID] ?? program.schoolID)+\(program.name)")
                case .category(let code):
                    return .text(CatalogueCategory(code: code).map { "\($0.name)类" } ?? code)
                }
            }
            row += [
                .text(student.needsBoarding ? "是" : "否"), .text(student.hardship ? "是" : "否"),
                .text(student.leftBehind ? "是" : "否"), .text(orEmpty: student.guardianName), .text(orEmpty: student.guardianPhone),
                .text(orEmpty: student.notes),
            ]
            return row
        }
        return try writer.workbook([
            XLSXWriter.SheetContent(
                name: "毕业生名单", columns: headers.map { XLSXWriter.Column(header: $0) }, rows: rows,
                titles: ["青岚县\(cohort)届初中毕业生名单（虚构数据）"]),
        ])
    }

    /// A subject's name as a county list heads its column.
    static func chineseSubject(_ subject: String) -> String { SubjectNames.name(subject, in: .chinese) }

    private static func squaredDistance(_ a: Coordinate, _ b: Coordinate) -> Double {
        let north = a.latitude - b.latitude
        let east = (a.longitude - b.longitude) * 0.89  // cos 27.4°
        return north * north + east * east
    }
}
