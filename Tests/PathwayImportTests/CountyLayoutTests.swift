import PathwayCore
import PathwaySpreadsheet
import Testing

@testable import PathwayImport

/// A county's own student list, as offices keep it: a title above the header, 乡镇 and 村
/// instead of coordinates, one column per subject, 第N志愿 columns holding names, 学籍号.
@Suite("County layouts")
struct CountyLayoutTests {
    static let catalogue = ProgramCatalogue([
        .init(id: "P001", name: "汽车运用与维修", schoolID: "S01", schoolName: "青岚县中等职业学校", category: "70"),
        .init(id: "P002", name: "护理", schoolID: "S02", schoolName: "青岚县卫生职业学校", category: "72"),
        .init(id: "P003", name: "计算机应用", schoolID: "S01", schoolName: "青岚县中等职业学校", category: "71"),
        .init(id: "P004", name: "计算机应用", schoolID: "S02", schoolName: "青岚县卫生职业学校", category: "71"),
    ])

    static func place(_ township: String, _ village: String?, _ latitude: Double, _ longitude: Double) -> Gazetteer.Place {
        Gazetteer.Place(township: township, village: village, location: Coordinate(latitude: latitude, longitude: longitude)!)
    }

    static let gazetteer = Gazetteer([
        place("云台乡", nil, 27.58, 107.27),
        place("云台乡", "石门村", 27.60, 107.30),
        place("马场镇", "红岩村", 27.20, 107.00),
        place("马场镇", "新寨村", 27.22, 107.04),
    ])

    static func read(_ text: String, places: Gazetteer = gazetteer, subjects: Set<String> = []) -> StudentFile {
        StudentFile(
            ImportSource(bytes: Array(text.utf8), fileName: "名单.csv"),
            lookups: StudentFile.Lookups(programs: catalogue, programSource: "programs.csv", places: places, subjects: subjects))
    }

    @Test func aTitleAboveTheHeaderIsSkipped() throws {
        let table = try ImportSource(
            bytes: Array("青岚县2026届初中毕业生名单,,,\n填表日期：2026年6月\n\n学号,姓名,纬度,经度\nQL1,王小明,27.1,107.1\n".utf8),
            fileName: "名单.csv"
        ).read()
        #expect(table.headerRow == 4)
        #expect(table.header == ["学号", "姓名", "纬度", "经度"])
        #expect(table.rows.map(\.number) == [5])
    }

    @Test func aFileOfSingleValuesKeepsItsFirstRowAsTheHeader() throws {
        let table = try ImportSource(bytes: Array("id\n1\n2\n3\n4\n5\n".utf8), fileName: "a.csv").read()
        #expect(table.header == ["id"])
        #expect(table.rows.map(\.fields) == [["1"], ["2"], ["3"], ["4"], ["5"]])
        #expect(table.rows.map(\.number) == [2, 3, 4, 5, 6])
    }

    @Test func theCountyLayoutReadsEveryMarkWishAndPlace() throws {
        let file = Self.read(
            """
            青岚县2026届初中毕业生名单
            学籍号,姓名,性别,乡镇,村,语文,数学(120分),英语成绩,道德与法治,信息科技,第一志愿,第二志愿,第三志愿
            G522623201009150016,王小明,男,云台乡,石门村,88,96.5,70,45,38,汽车运用与维修,青岚县卫生职业学校+护理,交通运输类
            g52262320110302004x,李芳,女,马场镇,,91,,82,,,中等职业学校+计算机应用专业,,72
            G522623201011220028,张伟,男,云台乡,不在表里的村,60,61,62,63,,P004,卫生职业学校/计算机应用,
            """, subjects: ["信息科技"])
        #expect(file.diagnostics.sorted.isEmpty, "\(file.diagnostics.sorted.map(\.description))")
        let students = file.students
        #expect(students.map(\.id) == ["G522623201009150016", "G52262320110302004X", "G522623201011220028"])
        #expect(students.map(\.statusNumber) == students.map(\.id))
        let first = students[0]
        #expect(first.scores == [
            SubjectScore(subject: "chinese", score: 88), SubjectScore(subject: "math", score: 96.5),
            SubjectScore(subject: "english", score: 70), SubjectScore(subject: "politics", score: 45),
            SubjectScore(subject: "信息科技", score: 38),
        ])
        #expect(first.wishes == [.program("P001"), .program("P002"), .category("70")])
        #expect(first.village == "石门村")
        #expect(first.home == Coordinate(latitude: 27.60, longitude: 107.30))
        #expect(first.homePlacement == .village)
        // A township without its own row is placed at the centre of its villages.
        #expect(students[1].homePlacement == .township)
        #expect(abs((students[1].home?.latitude ?? 0) - 27.21) < 1e-9)
        #expect(students[1].wishes.last == .category("72"))
        // A village the gazetteer lacks falls back to its township's own point.
        #expect(students[2].home == Coordinate(latitude: 27.58, longitude: 107.27))
        #expect(students[2].homePlacement == .township)
        #expect(students[2].wishes == [.program("P004")])
    }

    @Test func anUnknownOrAmbiguousWishIsRefusedWithItsRow() {
        let file = Self.read(
            """
            学号,姓名,纬度,经度,第一志愿,第二志愿
            QL1,王小明,27.1,107.1,计算机应用,
            QL2,李芳,27.1,107.1,汽修,护理
            """)
        #expect(file.students.isEmpty)
        let issues = file.diagnostics.sorted
        #expect(issues.map(\.row) == [2, 3])
        #expect(issues.map(\.column) == ["第一志愿", "第一志愿"])
        #expect(issues[0].message.contains("P003"))
        #expect(issues[0].message.contains("P004"))
        #expect(issues[1].value == "汽修")
    }

    @Test func aHomeNobodyCanPlaceIsRefused() {
        let unknown = Self.read("学号,姓名,乡镇,村\nQL1,王小明,龙溪镇,\n")
        #expect(unknown.diagnostics.sorted.map(\.description) == [
            "名单.csv:2: township: \"龙溪镇\" is not a place in the gazetteer; add it there (pathway import places) or give latitude and longitude",
        ])
        let noGazetteer = Self.read("学号,姓名,乡镇,村\nQL1,王小明,云台乡,石门村\n", places: .empty)
        #expect(noGazetteer.diagnostics.sorted.first?.description(in: .chinese)
            == "名单.csv 第2行 township 列：“云台乡 石门村”无法定位：还没有导入地名表；请先导入本县的乡镇和村（pathway import places），或填写纬度和经度")
        let nothing = Self.read("学号,姓名,乡镇,村\nQL1,王小明,,\n")
        #expect(nothing.diagnostics.errorCount == 1)
        let header = Self.read("学号,姓名\nQL1,王小明\n")
        #expect(header.diagnostics.sorted.map(\.column) == ["latitude", "longitude"])
        #expect(header.diagnostics.sorted[0].message.hasSuffix("; or instead: township, village"))
    }

    @Test func aStatusNumberIsChecked() {
        let file = Self.read(
            """
            学号,学籍号,姓名,纬度,经度
            QL1,G522623201009150017,王小明,27.1,107.1
            QL2,,李芳,27.1,107.1
            G52262320100915001,,张伟,27.1,107.1
            """)
        #expect(file.diagnostics.sorted.map(\.row) == [2, 4])
        #expect(file.diagnostics.sorted.map(\.column) == ["status_number", "student_id"])
    }

    @Test func oneProblemOnManyRowsIsOneLine() {
        var text = "学号,姓名,纬度,经度,总分\n"
        for index in 1...40 { text += "QL\(index),学生\(index),27.1,107.1,\(index == 7 ? "12" : "缺考")\n" }
        let file = Self.read(text)
        #expect(file.diagnostics.errorCount == 39)
        let groups = file.diagnostics.groups
        #expect(groups.count == 1)
        #expect(groups[0].count == 39)
        #expect(groups[0].rows == [2, 3, 4, 5, 6])
        #expect(groups[0].description(in: .english)
            == "名单.csv:2: total_score: \"缺考\" is not a number (and 38 more rows like it: 3, 4, 5, 6, …)")
        #expect(groups[0].description(in: .chinese)
            == "名单.csv 第2行 total_score 列：“缺考”不是数字（另有 38 处同样的问题：第3、4、5、6行……）")
    }

    @Test func aSubjectGivenTwiceOrListsGivenBothWaysAreRefused() {
        let twice = Self.read("学号,姓名,纬度,经度,数学,Math\nQL1,王,27.1,107.1,1,2\n")
        #expect(twice.diagnostics.sorted.map(\.column) == ["Math"])
        let both = Self.read("学号,姓名,纬度,经度,志愿,第一志愿\nQL1,王,27.1,107.1,P001,P002\n")
        #expect(both.diagnostics.sorted.map(\.column) == ["wishes"])
    }

    @Test func aGazetteerFileIsChecked() {
        let file = PlaceFile(
            ImportSource(
                bytes: Array("乡镇,村,纬度,经度\n云台乡,,27.58,107.27\n云台乡,石门村,27.6,107.3\n云台乡,石门村,27.6,107.3\n马场镇,红岩村,95,107\n".utf8),
                fileName: "地名表.csv"))
        #expect(file.diagnostics.sorted.map(\.row) == [4, 5])
        #expect(file.places.count == 2)
        #expect(file.places[1].id == "云台乡\u{1F}石门村")
    }

    @Test func wishHeadersAndSubjectHeadersAreRecognised() {
        #expect(WideColumns.wishOrder(of: "第一志愿") == 1)
        #expect(WideColumns.wishOrder(of: "第十二志愿") == 12)
        #expect(WideColumns.wishOrder(of: "志愿3") == 3)
        #expect(WideColumns.wishOrder(of: "第２志愿") == 2)
        #expect(WideColumns.wishOrder(of: "Wish 4") == 4)
        #expect(WideColumns.wishOrder(of: "志愿") == nil)
        #expect(WideColumns.wishOrder(of: "wishes") == nil)
        #expect(WideColumns.subject(of: "数学（120分）", countySubjects: []) == "math")
        #expect(WideColumns.subject(of: "English score", countySubjects: []) == "english")
        #expect(WideColumns.subject(of: "民族", countySubjects: []) == nil)
        #expect(WideColumns.subject(of: "劳动", countySubjects: ["劳动"]) == "劳动")
    }

    @Test func aWorkbookInTheCountyLayoutImportsLikeItsCSV() throws {
        typealias Cell = XLSXWriter.Cell
        let header = ["学籍号", "姓名", "性别", "出生日期", "乡镇", "村", "语文", "数学", "总分", "第一志愿", "第二志愿", "需要住宿"]
        let rows: [[Cell]] = [
            [.text("G522623201009150016"), .text("王小明"), .text("男"), .date(year: 2010, month: 9, day: 15), .text("云台乡"),
             .text("石门村"), .number(88, decimals: nil), .number(96.5, decimals: 1), .number(380.5, decimals: 1),
             .text("汽车运用与维修"), .text("72"), .boolean(true)],
            Array(repeating: .empty, count: header.count),
            [.text("G52262320110302004X"), .text("李芳"), .text("女"), .empty, .text("马场镇"), .empty, .number(91, decimals: 0),
             .empty, .empty, .text("P003"), .empty, .boolean(false)],
        ]
        let bytes = try XLSXWriter().workbook([
            XLSXWriter.SheetContent(
                name: "封面", columns: [XLSXWriter.Column(header: "说明")], rows: [[.text("见第二个工作表")]]),
            XLSXWriter.SheetContent(
                name: "名单", columns: header.map { XLSXWriter.Column(header: $0) }, rows: rows,
                titles: ["青岚县2026届初中毕业生名单"]),
        ])
        let source = ImportSource(bytes: bytes, fileName: "名单.xlsx", sheet: "名单")
        let file = StudentFile(source, lookups: StudentFile.Lookups(programs: Self.catalogue, programSource: "programs", places: Self.gazetteer))
        #expect(file.diagnostics.sorted.isEmpty, "\(file.diagnostics.sorted.map(\.description))")
        #expect(file.table?.encoding == .xlsx)
        #expect(file.table?.headerRow == 2)
        let students = file.students
        #expect(students.map(\.id) == ["G522623201009150016", "G52262320110302004X"])
        #expect(students[0].birthDate == CalendarDate(year: 2010, month: 9, day: 15))
        #expect(students[0].scores.map(\.score) == [88, 96.5])
        #expect(students[0].totalScore == 380.5)
        #expect(students[0].wishes == [.program("P001"), .category("72")])
        #expect(students[0].needsBoarding)
        #expect(students[1].homePlacement == .township)
        #expect(!students[1].needsBoarding)

        let missing = StudentFile(
            ImportSource(bytes: bytes, fileName: "名单.xlsx", sheet: "学生"),
            lookups: StudentFile.Lookups(programs: Self.catalogue, programSource: "programs", places: Self.gazetteer))
        #expect(missing.diagnostics.errorCount == 1)
        #expect(missing.diagnostics.sorted.first?.message.contains("名单") == true)
        let notAWorkbook = StudentFile(
            ImportSource(bytes: [0x50, 0x4B, 0x03, 0x04, 0, 0, 0], fileName: "坏.xlsx"),
            lookups: StudentFile.Lookups(programs: Self.catalogue, programSource: "programs"))
        #expect(notAWorkbook.diagnostics.errorCount == 1)
        #expect(notAWorkbook.students.isEmpty)
    }

    @Test func textThatWouldFloodATerminalOrReorderALetterIsRefusedWithItsRow() {
        let long = String(repeating: "长", count: 51)
        let file = Self.read(
            "学号,姓名,纬度,经度,监护人,备注\n"
                + "QL1,\(long),27.1,107.1,,\n"
                + "QL2,王\u{1B}[31m,27.1,107.1,,\n"
                + "QL3,李芳,27.1,107.1,\u{202E}芳李,\n"
                + "QL4,张伟,27.1,107.1,,\"第一行\n第二行\"\n"
                + "QL5,赵丽,27.1,107.1,,坏\u{0}字\n"
                + "QL6,a\(String(repeating: "\u{0301}", count: 300)),27.1,107.1,,\n"
                + "QL7,Nguyễn Thị Ánh,27.1,107.1,,\n")
        let issues = file.diagnostics.sorted
        #expect(issues.map(\.row) == [2, 3, 4, 6, 7])
        #expect(issues.map(\.column) == ["name", "name", "guardian_name", "notes", "name"])
        #expect(issues[4].chineseMessage == "在一个字上叠加了超过 4 个附加符号")
        #expect(issues[0].message == "is longer than 50 characters (51)")
        #expect(issues[1].chineseMessage == "含有换行符或控制字符")
        #expect(issues[2].message.contains("U+202E"))
        #expect(issues[3].message.contains("NUL"))
        #expect(file.students.isEmpty)
    }

    @Test func withAllowUnplacedHomesAHomeNobodyCanPlaceIsImportedWithAWarning() {
        let text = "学号,姓名,乡镇,村\nQL1,王小明,龙溪镇,\nQL2,李芳,云台乡,石门村\n"
        let refused = Self.read(text)
        #expect(refused.diagnostics.errorCount == 1)
        let file = StudentFile(
            ImportSource(bytes: Array(text.utf8), fileName: "名单.csv"),
            lookups: StudentFile.Lookups(
                programs: Self.catalogue, programSource: "programs.csv", places: Self.gazetteer, allowUnplacedHomes: true))
        #expect(file.diagnostics.errorCount == 0)
        #expect(file.diagnostics.warnings.map(\.row) == [2])
        #expect(file.diagnostics.warnings.first?.chineseMessage.hasSuffix("已导入但没有家庭位置，匹配时不计距离") == true)
        #expect(file.students.map(\.homePlacement) == [.unplaced, .village])
        #expect(file.students.first?.home == nil)
        #expect(file.students.first?.township == "龙溪镇")
    }
}
