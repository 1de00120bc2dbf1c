import PathwayCore
import Testing

@testable import PathwayImport

@Suite("ProgramCatalogue")
struct ProgramCatalogueTests {
    private static let s01 = "青岚县中等职业学校"
    private static let s02 = "青岚县卫生职业学校"
    private static let s03 = "石门县职业技术学校"

    private let catalogue = ProgramCatalogue([
        .init(id: "P001", name: "汽车运用与维修", schoolID: "S01", schoolName: ProgramCatalogueTests.s01, category: "70"),
        .init(id: "P002", name: "计算机应用", schoolID: "S01", schoolName: ProgramCatalogueTests.s01, category: "71"),
        .init(id: "P003", name: "护理", schoolID: "S02", schoolName: ProgramCatalogueTests.s02, category: "72"),
        .init(id: "P004", name: "计算机应用", schoolID: "S03", schoolName: ProgramCatalogueTests.s03, category: "71"),
        .init(id: "P005", name: "护理(3+2)", schoolID: "S02", schoolName: ProgramCatalogueTests.s02, category: "72"),
        .init(id: "P006", name: "电子商务", schoolID: "S03", schoolName: ProgramCatalogueTests.s03, category: "73"),
        .init(id: "P007", name: "UI设计", schoolID: "S03", schoolName: ProgramCatalogueTests.s03, category: "71"),
        .init(id: "P008", name: "旅游服务与管理专业", schoolID: "S01", schoolName: ProgramCatalogueTests.s01, category: "74"),
    ])

    private func wish(_ text: String) -> Wish? {
        try? catalogue.resolve(text).get()
    }

    private func failure(_ result: Result<Wish, ValueError>) -> ValueError? {
        if case .failure(let error) = result { return error }
        return nil
    }

    private func message(_ text: String) -> String? {
        failure(catalogue.resolve(text))?.message
    }

    private func chineseMessage(_ text: String) -> String? {
        failure(catalogue.resolve(text))?.chineseMessage
    }

    @Test func ids() {
        #expect(catalogue.ids == ["P001", "P002", "P003", "P004", "P005", "P006", "P007", "P008"])
        let repeated = ProgramCatalogue([
            .init(id: "P1", name: "护理", schoolID: "S1", schoolName: "甲校", category: "72"),
            .init(id: "P1", name: "护理", schoolID: "S1", schoolName: "甲校", category: "72"),
        ])
        #expect(repeated.ids == ["P1"])
        // A repeated entry is one programme, not two of the same name.
        #expect((try? repeated.resolve("护理").get()) == .program("P1"))
    }

    @Test(arguments: [("P001", "P001"), (" P003 ", "P003"), ("Ｐ００２", "P002"), ("P008\u{3000}", "P008")])
    func programmeIDs(_ text: String, _ id: String) {
        #expect(wish(text) == .program(id))
    }

    @Test func categoryCodes() {
        #expect(wish("71") == .category("71"))
        #expect(wish("７２") == .category("72"))
        #expect(message("99") == "is not a category of the 2021 catalogue (61 to 79)")
        #expect(chineseMessage("60") == "不是 2021 年专业目录中的专业大类（61 到 79）")
    }

    @Test(arguments: [
        ("青岚县中等职业学校+汽车运用与维修", "P001"),
        ("S01+计算机应用", "P002"),
        ("S01＋P002", "P002"),
        ("石门+计算机应用", "P004"),
        ("卫生／护理", "P003"),
        ("青岚县卫生职业学校·护理专业", "P003"),
        ("中等职业 | 计算机应用", "P002"),
        ("石门县职业技术学校｜电子商务", "P006"),
        ("青岚县卫生职业学校+护理(3+2)", "P005"),
    ])
    func schoolAndProgrammeWithAMark(_ text: String, _ id: String) {
        #expect(wish(text) == .program(id))
    }

    @Test(arguments: [
        ("青岚县中等职业学校 计算机应用", "P002"),
        ("石门县职业技术学校 计算机应用专业", "P004"),
        ("石门县职业技术学校—电子商务", "P006"),
        ("石门县职业技术学校——电子商务", "P006"),
        ("石门县职业技术学校-电子商务", "P006"),
        ("石门县职业技术学校 - 电子商务", "P006"),
        ("S03 UI设计", "P007"),
        ("石门 ui设计", "P007"),
        ("青岚县中等职业学校\u{3000}旅游服务与管理", "P008"),
    ])
    func schoolAndProgrammeWithADashOrBlank(_ text: String, _ id: String) {
        #expect(wish(text) == .program(id))
    }

    @Test func aSchoolPartNamingSeveralSchools() {
        #expect(
            message("青岚+计算机应用")
                == "is not clear about the school: \"青岚\" is part of the names of 2 schools (\(Self.s01), \(Self.s02)); "
                + "write the school's full name or id")
        #expect(
            chineseMessage("青岚+计算机应用")
                == "中的学校不明确：“青岚”是 2 所学校名称的一部分（\(Self.s01)、\(Self.s02)）；请写学校全称或学校编号")
        // A dash or blank splits only when both sides resolve, so there is nothing to explain.
        #expect(message("青岚 计算机应用")?.hasPrefix("is not a programme id") == true)
    }

    @Test func aSchoolWithoutTheProgramme() {
        #expect(
            message("青岚县卫生职业学校+护里")
                == "is not a programme of \(Self.s02): the school has none called \"护里\"")
        #expect(chineseMessage("S02/护里") == "不是\(Self.s02)的专业：该校没有名为“护里”的专业")
        #expect(message("青岚县卫生职业学校+计算机应用")?.hasPrefix("is not a programme of \(Self.s02)") == true)
    }

    @Test func aMarkThatIsPartOfAName() {
        #expect(wish("护理(3+2)") == .program("P005"))
        #expect(wish("护理（3＋2）") == .program("P005"))
        #expect(wish("护理(3+2)专业") == .program("P005"))
    }

    @Test(arguments: [
        ("汽车运用与维修", "P001"), ("汽车运用与维修专业", "P001"), ("汽车 运用与维修", "P001"), ("护理", "P003"),
        ("护理专业", "P003"), ("ui设计", "P007"), ("ＵＩ设计", "P007"), ("旅游服务与管理", "P008"),
        ("旅游服务与管理专业", "P008"),
    ])
    func programmeNames(_ text: String, _ id: String) {
        #expect(wish(text) == .program(id))
    }

    @Test func aNameOfSeveralProgrammes() {
        #expect(
            message("计算机应用")
                == "is the name of 2 programmes (P002 at \(Self.s01), P004 at \(Self.s03)); "
                + "write school+programme (学校+专业) or the programme id")
        #expect(
            chineseMessage("计算机应用专业")
                == "是 2 个专业的名称（\(Self.s01)的 P002、\(Self.s03)的 P004）；请写成“学校+专业”或填写专业编号")
    }

    @Test func aLongListOfProgrammesIsCut() {
        let many = ProgramCatalogue(
            (1...7).map { ProgramCatalogue.Entry(id: "P\($0)", name: "护理", schoolID: "S\($0)", schoolName: "第\($0)卫校", category: "72") })
        let error = failure(many.resolve("护理"))
        #expect(error?.message.hasPrefix("is the name of 7 programmes (P1 at 第1卫校, P2 at 第2卫校") == true)
        #expect(error?.message.contains("P5 at 第5卫校, …)") == true)
        #expect(error?.message.contains("P6") == false)
        #expect(error?.chineseMessage.contains("第5卫校的 P5等）") == true)
    }

    @Test(arguments: [
        ("医药卫生", "72"), ("电子与信息大类", "71"), ("71 电子与信息", "71"), ("交通运输类专业", "70"),
        ("财经商贸类", "73"),
    ])
    func categoryNames(_ text: String, _ code: String) {
        #expect(wish(text) == .category(code))
    }

    @Test func unknownWishes() {
        let expected = "is not a programme id, programme name or category of the imported programmes"
        #expect(message("烹饪") == expected)
        #expect(message("P999") == expected)
        #expect(message("7") == expected)
        #expect(message("计算机") == expected)
        #expect(chineseMessage("烹饪") == "不是已导入专业的编号、名称或专业大类")
        #expect(message("") == "is empty; expected a programme or a category")
        #expect(chineseMessage("\u{3000} ") == "为空；应填写专业或专业大类")
    }

    @Test func catalogueOfIDsOnly() {
        let byID = ProgramCatalogue(ids: ["P1", "P2"])
        #expect(byID.ids == ["P1", "P2"])
        #expect((try? byID.resolve("P1").get()) == .program("P1"))
        #expect((try? byID.resolve("72").get()) == .category("72"))
        #expect((try? byID.resolve("医药卫生").get()) == .category("72"))
        #expect(failure(byID.resolve("护理"))?.message.hasPrefix("is not a programme id") == true)
        #expect(failure(byID.resolve("S1+P1"))?.message.hasPrefix("is not a programme id") == true)
    }

    @Test func aSchoolPartLongerThanTheIndexedOnes() {
        let long = ProgramCatalogue([
            .init(id: "P1", name: "护理", schoolID: "S1", schoolName: "贵州省黔东南州青岚县中等职业技术学校第二校区", category: "72"),
            .init(id: "P2", name: "护理", schoolID: "S2", schoolName: "石门县卫校", category: "72"),
        ])
        #expect((try? long.resolve("黔东南州青岚县中等职业技术学校第二校区+护理").get()) == .program("P1"))
        #expect((try? long.resolve("第二校区+护理").get()) == .program("P1"))
        #expect((try? long.resolve("石门县卫校 护理").get()) == .program("P2"))
        #expect(failure(long.resolve("黔东南州青岚县中等职业技术学校第三校区+护理")) != nil)
    }
}
