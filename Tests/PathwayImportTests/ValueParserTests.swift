import PathwayCore
import Testing

@testable import PathwayImport

@Suite("ValueParser")
struct ValueParserTests {
    private func value<T>(_ result: Result<T, ValueError>) -> T? {
        try? result.get()
    }

    private func message<T>(_ result: Result<T, ValueError>) -> String? {
        if case .failure(let error) = result { return error.message }
        return nil
    }

    private func chineseMessage<T>(_ result: Result<T, ValueError>) -> String? {
        if case .failure(let error) = result { return error.chineseMessage }
        return nil
    }

    private func failure<T>(_ result: Result<T, ValueError>) -> ValueError? {
        if case .failure(let error) = result { return error }
        return nil
    }

    @Test("an admission batch is 1 to 9, written as a number or as 第一批")
    func batch() {
        for (text, expected) in [("1", 1), ("2", 2), ("第一批", 1), ("第2批", 2), ("三批", 3), ("９", 9), ("第二批次", 2)] {
            #expect(value(ValueParser.batch(text)) == expected, "\(text)")
        }
        for text in ["0", "10", "第十批", "提前批", "-1", "1.5"] {
            #expect(value(ValueParser.batch(text)) == nil, "\(text)")
        }
    }

    @Test(arguments: [
        ("true", true), ("TRUE", true), ("1", true), ("yes", true), ("Y", true), ("是", true),
        ("false", false), ("False", false), ("0", false), ("no", false), ("n", false), ("否", false),
        ("１", true),
    ])
    func booleansAccepted(_ text: String, _ expected: Bool) {
        #expect(value(ValueParser.boolean(text)) == expected)
    }

    @Test(arguments: ["2", "t", "ok", "对", "yes please", "-1"])
    func booleansRejected(_ text: String) {
        #expect(message(ValueParser.boolean(text))?.hasPrefix("is not a yes/no value") == true)
    }

    @Test(arguments: [
        ("78", 78.0), ("78.5", 78.5), ("-3", -3.0), ("+4", 4.0), (".5", 0.5), ("5.", 5.0),
        ("1.5e2", 150.0), ("1E-1", 0.1), ("９２", 92.0), ("0", 0.0),
    ])
    func numbersAccepted(_ text: String, _ expected: Double) {
        #expect(value(ValueParser.number(text)) == expected)
    }

    @Test(arguments: ["abc", "NaN", "nan", "inf", "-Infinity", "0x1p3", "1,234", "12 3", "", ".", "1e", "e5", "--1", "78分"])
    func numbersRejected(_ text: String) {
        #expect(message(ValueParser.number(text)) == "is not a number")
    }

    @Test func failuresAreExplainedInChinese() {
        #expect(chineseMessage(ValueParser.number("abc")) == "不是数字")
        #expect(chineseMessage(ValueParser.integer("abc")) == "不是整数")
        #expect(chineseMessage(ValueParser.identifier("")) == "为空；应填写编号")
        #expect(chineseMessage(ValueParser.latitude("106.9")) == "超出了纬度的范围（-90 到 90）；是不是把纬度和经度填反了？")
        #expect(chineseMessage(ValueParser.latitude("200")) == "超出了纬度的范围（-90 到 90）")
        #expect(chineseMessage(ValueParser.date("yesterday")) == "不是日期（应写成 YYYY-MM-DD 或 YYYY/M/D）")
        #expect(chineseMessage(ValueParser.date("40432"))?.hasSuffix("看起来是 Excel 的日期序号：请把这一列设置为日期格式") == true)
        #expect(chineseMessage(ValueParser.subjectScores("math:70;数学:71")) == "中 math 出现了两次")
        #expect(chineseMessage(ValueParser.wishes("P003 P004")) == "中的“P003 P004”被当成了一个志愿；志愿之间请用 ; 分隔")
        #expect(chineseMessage(ValueParser.wishes("P1;99")) == "中的 99 不是 2021 年专业目录中的专业大类（61 到 79）")
    }

    @Test func everyFailureHasAChineseMessage() {
        let failures: [ValueError?] = [
            failure(ValueParser.boolean("ok")), failure(ValueParser.number("1e400")),
            failure(ValueParser.nonNegativeNumber("-1")), failure(ValueParser.integer("99999999999999999999")),
            failure(ValueParser.nonNegativeInteger("-5")), failure(ValueParser.seats("100001")),
            failure(ValueParser.graduationYear("1900")), failure(ValueParser.longitude("181")),
            failure(ValueParser.date("2011-02-29")), failure(ValueParser.gender("X")),
            failure(ValueParser.hollandCode("RR")), failure(ValueParser.catalogueCategory("60")),
            failure(ValueParser.subjectScores("math 78")), failure(ValueParser.subjectScores("math:abc")),
            failure(ValueParser.subjectScores("math:-2")),
            failure(ValueParser.wishes("P1;" + String(repeating: "x", count: 65))),
            failure(ValueParser.programIdentifier("71")), failure(ValueParser.identifier("5.22701E+17")),
            failure(ValueParser.identifier("a\nb")), failure(ValueParser.identifier(String(repeating: "x", count: 65))),
        ]
        for (index, error) in failures.enumerated() {
            guard let error else {
                Issue.record("case \(index) did not fail")
                continue
            }
            let isChinese = error.chineseMessage.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }
            #expect(isChinese, "case \(index): \(error.chineseMessage)")
            #expect(error.description == error.message)
        }
    }

    @Test func hugeNumbersAreNotFinite() {
        #expect(message(ValueParser.number("1e400")) == "is not a finite number")
    }

    @Test func nonNegativeNumbers() {
        #expect(value(ValueParser.nonNegativeNumber("0")) == 0)
        #expect(message(ValueParser.nonNegativeNumber("-0.5"))?.hasPrefix("is negative") == true)
    }

    @Test(arguments: [("30", 30), ("-2", -2), ("+7", 7), ("30.0", 30), ("30.", 30), ("０３", 3)])
    func integersAccepted(_ text: String, _ expected: Int) {
        #expect(value(ValueParser.integer(text)) == expected)
    }

    @Test(arguments: ["30.5", "3e2", "abc", "", "-", "1 000"])
    func integersRejected(_ text: String) {
        #expect(message(ValueParser.integer(text)) == "is not a whole number")
    }

    @Test func integerLimits() {
        #expect(message(ValueParser.integer("99999999999999999999")) == "is too large a number")
        #expect(value(ValueParser.nonNegativeInteger("0")) == 0)
        #expect(message(ValueParser.nonNegativeInteger("-5")) == "is negative; expected a whole number ≥ 0")
    }

    @Test func coordinates() {
        #expect(value(ValueParser.latitude("27.38")) == 27.38)
        #expect(value(ValueParser.latitude("-90")) == -90)
        #expect(message(ValueParser.latitude("106.9")) == "is out of range for a latitude (-90 to 90); are latitude and longitude swapped?")
        #expect(message(ValueParser.latitude("200")) == "is out of range for a latitude (-90 to 90)")
        #expect(value(ValueParser.longitude("106.92")) == 106.92)
        #expect(message(ValueParser.longitude("180.5")) == "is out of range for a longitude (-180 to 180)")
        #expect(message(ValueParser.longitude("东经106")) == "is not a number")
    }

    @Test(arguments: [
        ("2010-09-01", 2010, 9, 1), ("2010/9/1", 2010, 9, 1), ("2010/09/01", 2010, 9, 1),
        ("2012-2-29", 2012, 2, 29), ("2010.3.5", 2010, 3, 5), ("2010年3月5日", 2010, 3, 5),
        ("２０１０－０９－０１", 2010, 9, 1),
    ])
    func datesAccepted(_ text: String, _ year: Int, _ month: Int, _ day: Int) {
        #expect(value(ValueParser.date(text)) == CalendarDate(year: year, month: month, day: day))
    }

    @Test(arguments: [
        "2010-9/1", "10-09-01", "2010-009-01", "2010--09-01", "2010-+9-01", "2010-09", "09/01/2010",
        "2010-09-01 08:00", "yesterday", "2010/9/1/",
    ])
    func datesRejected(_ text: String) {
        #expect(message(ValueParser.date(text)) == "is not a date (expected YYYY-MM-DD or YYYY/M/D)")
    }

    @Test func impossibleDaysAndExcelDayNumbers() {
        #expect(message(ValueParser.date("2011-02-29")) == "is not a day of the calendar")
        #expect(message(ValueParser.date("2010-13-01")) == "is not a day of the calendar")
        #expect(message(ValueParser.date("40432"))?.contains("Excel day number") == true)
    }

    @Test func modelDateParserIsLooserThanTheImport() {
        // Why `ValueParser.date` does its own tokenising.
        #expect(CalendarDate(parsing: "2010--09-01") != nil)
        #expect(value(ValueParser.date("2010--09-01")) == nil)
    }

    @Test(arguments: [("M", Gender.male), ("m", .male), ("男", .male), ("Male", .male),
                      ("F", .female), ("女", .female), ("f", .female), ("Ｆ", .female)])
    func gendersAccepted(_ text: String, _ expected: Gender) {
        #expect(value(ValueParser.gender(text)) == expected)
    }

    @Test(arguments: ["X", "男性", "1", "boy"])
    func gendersRejected(_ text: String) {
        #expect(message(ValueParser.gender(text)) == "is not a gender (expected M/F or 男/女)")
    }

    @Test func hollandCodes() {
        #expect(value(ValueParser.hollandCode("RIC"))?.description == "RIC")
        #expect(value(ValueParser.hollandCode("sea"))?.description == "SEA")
        #expect(value(ValueParser.hollandCode("A"))?.description == "A")
        for bad in ["RR", "RICE", "XYZ", "R I"] {
            #expect(message(ValueParser.hollandCode(bad))?.hasPrefix("is not a Holland code") == true, "\(bad)")
        }
    }

    @Test func catalogueCategories() {
        #expect(value(ValueParser.catalogueCategory("71")) == "71")
        #expect(value(ValueParser.catalogueCategory("71 电子与信息")) == "71")
        #expect(value(ValueParser.catalogueCategory("医药卫生")) == "72")
        #expect(value(ValueParser.catalogueCategory("交通运输大类")) == "70")
        for bad in ["60", "80", "7", "710201", "71 医药卫生", "计算机"] {
            #expect(message(ValueParser.catalogueCategory(bad))?.hasPrefix("is not a category") == true, "\(bad)")
        }
        #expect(CatalogueCategory.all.count == 19)
        #expect(CatalogueCategory(code: "79")?.description == "79 公共管理与服务")
    }

    @Test func subjectScoresAndWeights() throws {
        let scores = try ValueParser.subjectScores("chinese:92;math:78.5; 英语 ： 60 ；").get()
        #expect(scores == [
            SubjectScore(subject: "chinese", score: 92), SubjectScore(subject: "math", score: 78.5),
            SubjectScore(subject: "english", score: 60),
        ])
        let weights = try ValueParser.subjectWeights("Math:2;physics:1").get()
        #expect(weights == [SubjectWeight(subject: "math", weight: 2), SubjectWeight(subject: "physics", weight: 1)])
        #expect(try ValueParser.subjectScores("music:88").get() == [SubjectScore(subject: "music", score: 88)])
    }

    @Test func subjectListsRejected() {
        #expect(message(ValueParser.subjectScores("math 78"))?.hasPrefix("is not a list of subject:number pairs") == true)
        #expect(message(ValueParser.subjectScores(":78"))?.hasPrefix("is not a list") == true)
        #expect(message(ValueParser.subjectScores(";;")) != nil)
        #expect(message(ValueParser.subjectScores("math:abc")) == "has no number for math (expected subject:number pairs, e.g. math:78)")
        #expect(message(ValueParser.subjectScores("math:")) != nil)
        #expect(message(ValueParser.subjectScores("math:-2")) == "has a negative number for math")
        #expect(message(ValueParser.subjectScores("math:70;数学:71")) == "names math twice")
        #expect(message(ValueParser.subjectScores("math:70,chinese:80")) != nil)
    }

    @Test func wishLists() throws {
        #expect(try ValueParser.wishes("P003;71;P010").get() == [.program("P003"), .category("71"), .program("P010")])
        #expect(try ValueParser.wishes("P003；72； ；P003").get() == [.program("P003"), .category("72")])
        #expect(try ValueParser.wishes(";").get() == [])
        #expect(message(ValueParser.wishes("P003 P004"))?.contains("separate wishes with ;") == true)
        #expect(message(ValueParser.wishes("P003、P004"))?.contains("separate wishes with ;") == true)
        #expect(message(ValueParser.wishes("P1;99")) == "has 99, which is not a category of the 2021 catalogue (61 to 79)")
    }

    @Test func programIdentifiersAreNotCategoryCodes() {
        #expect(value(ValueParser.programIdentifier("P001")) == "P001")
        #expect(value(ValueParser.programIdentifier("710201")) == "710201")
        #expect(message(ValueParser.programIdentifier("71"))?.hasPrefix("is a two-digit number") == true)
    }

    @Test func identifiers() {
        #expect(value(ValueParser.identifier("G522701201009010011")) == "G522701201009010011")
        #expect(value(ValueParser.identifier("QL202600001")) == "QL202600001")
        #expect(message(ValueParser.identifier("5.22701E+17"))?.contains("scientific notation") == true)
        #expect(message(ValueParser.identifier("a\nb"))?.contains("line break") == true)
        #expect(message(ValueParser.identifier(String(repeating: "x", count: 65)))?.contains("longer than 64") == true)
    }
}
