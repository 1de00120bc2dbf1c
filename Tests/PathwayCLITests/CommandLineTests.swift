import Foundation
import PathwayCore
import PathwaySpreadsheet
import PathwayWorkflows
import PathwayTestSupport
import PostgresClient
import Testing

@testable import PathwayCLI

/// What one command printed, and how it ended.
struct Ran {
    var status: Int32
    var out: String
    var err: String
}

/// Runs `pathway ARGUMENTS` in-process, speaking `language`, and keeps what it printed.
func pathway(_ arguments: [String], _ language: Language = .chinese) async -> Ran {
    let console = Console.capture()
    let status = await Console.$current.withValue(console) {
        await Words.$language.withValue(language) { await CommandLineRunner.run(arguments) }
    }
    return Ran(status: status, out: console.output, err: console.errors)
}

/// A fresh test database, as the conninfo or URL a person would pass to `--database-url`.
func databaseURL(_ name: String) throws -> String {
    commandLineURL(try TestDatabase.makeDatabase(name))
}

/// `--database-url` for `target`.
func commandLineURL(_ target: ConnectionTarget) -> String {
    guard let database = target.database else { return target.conninfo }
    if target.conninfo.contains("://"), var url = URLComponents(string: target.conninfo) {
        url.path = "/" + database
        return url.string ?? target.conninfo
    }
    // In a conninfo string the last dbname given wins.
    return target.conninfo + " dbname=\(database)"
}

/// `pathway match verify` passes on every run stored in the database `db` names.
func expectEveryRunVerifies(_ db: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws {
    let listed = await pathway(["match", "list", "--json"] + db)
    let runs = try JSONSerialization.jsonObject(with: Data(listed.out.utf8)) as? [[String: Any]] ?? []
    #expect(!runs.isEmpty, sourceLocation: sourceLocation)
    for run in runs {
        let id = "\(run["run_id"] ?? "")"
        let verified = await pathway(["match", "verify", id] + db)
        #expect(verified.status == 0, "run \(id): \(verified.out)", sourceLocation: sourceLocation)
    }
}

/// Writes `text` to `folder/name` and returns its path.
func write(_ text: String, named name: String, in folder: URL) throws -> String {
    let path = folder.appendingPathComponent(name).path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
}

/// `Seeds/` of this checkout.
let seeds = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Seeds")

/// The command line against a real database, in both languages: help, a county's year, errors.
@Suite("The command line")
struct CommandLineTests {
    @Test("help and errors of the command line itself speak Chinese, or English")
    func helpInBothLanguages() async {
        let zh = await pathway(["match", "run", "--help"], .chinese)
        #expect(zh.status == 0)
        #expect(zh.out.contains("概述：把数据库中的学生与专业进行匹配"))
        #expect(zh.out.contains("用法："))
        #expect(zh.out.contains("选项："))
        #expect(zh.out.contains("显示帮助。"))
        #expect(!zh.out.contains("USAGE:"))
        let en = await pathway(["match", "run", "--help"], .english)
        #expect(en.out.contains("OVERVIEW: Match the students in the database to programmes"))
        #expect(en.out.contains("USAGE:"))

        let root = await pathway(["--help"], .chinese)
        #expect(root.out.contains("子命令："))
        #expect(root.out.contains("为不升普高的初中毕业生推荐合适的中职专业"))

        let version = await pathway(["--version"])
        #expect(version.status == 0)
        #expect(version.out == Pathway.version + "\n")

        let badStrategy = await pathway(["match", "run", "--strategy", "fastest"], .chinese)
        #expect(badStrategy.status == 64)
        #expect(badStrategy.err.contains("错误："))
        #expect(badStrategy.err.contains("不接受值 'fastest'"))
        #expect(badStrategy.err.contains("'stable', 'optimal', 'parallel' 或 'ranked'"))
        #expect(!badStrategy.err.contains("See '"))
        let badStrategyEn = await pathway(["match", "run", "--strategy", "fastest"], .english)
        #expect(badStrategyEn.err.contains("The value 'fastest' is invalid for '--strategy <name>'"))

        let badOutcome = await pathway(["referrals", "outcome", "3", "approved"], .chinese)
        #expect(badOutcome.status == 64)
        #expect(badOutcome.err.contains("approved 不是学校报告的结果"))
        let cohort = await pathway(["match", "run", "--cohort", "99999999999"], .chinese)
        #expect(cohort.status == 64)
        #expect(cohort.err.contains("--cohort 必须是 1990 到 2200 之间的年份"))
        let weights = await pathway(["match", "run", "--weights", "interest=1e308"], .english)
        #expect(weights.status == 64)
        #expect(weights.err.contains("must be a number from 0 to 1000"))
        let notANumber = await pathway(["referrals", "show", "abc"], .english)
        #expect(notANumber.status == 64)
        #expect(notANumber.err.contains("The value 'abc' is invalid"))
    }

    @Test("help text joins its lines: no stray backslash at a line's end, in either language")
    func helpHasNoStrayBackslashes() async {
        for command in [["demo"], ["serve"], ["followup", "list"], ["match", "export"], ["match", "report"], ["referrals"],
                        ["referrals", "create"], ["import"], ["export"]] {
            for language in [Language.chinese, .english] {
                let help = await pathway(command + ["--help"], language)
                let text = help.out + help.err
                #expect(!text.contains("\\\n") && !text.isEmpty, "\(command) \(language)")
            }
        }
    }

    @Test("the language is chosen from PATHWAY_LANG, LC_ALL, LC_MESSAGES, LANG, in that order")
    func languageFromEnvironment() {
        #expect(Words.fromEnvironment([:]) == .english)
        #expect(Words.fromEnvironment(["LANG": "zh_CN.UTF-8"]) == .chinese)
        #expect(Words.fromEnvironment(["LANG": "zh_CN.UTF-8", "LC_ALL": "C"]) == .english)
        #expect(Words.fromEnvironment(["LC_ALL": "en_US.UTF-8", "PATHWAY_LANG": "zh"]) == .chinese)
        #expect(Words.fromEnvironment(["LC_MESSAGES": "zh_TW", "LANG": "en"]) == .chinese)
    }

    @Test("control characters in data never reach the terminal raw")
    func controlCharactersAreShownNotObeyed() {
        #expect(Console.visible("张\u{1B}[31m三") == "张\\u{1B}[31m三")
        #expect(Console.visible("abc\u{202E}fed") == "abc\\u{202E}fed")
        #expect(Console.visible("第一行\n\t第二行") == "第一行\n\t第二行")
        let console = Console.capture()
        Console.$current.withValue(console) { console.line("名字：\u{07}\u{1B}]0;x\u{07}") }
        #expect(console.output == "名字：\\u{7}\\u{1B}]0;x\\u{7}\n")
    }

    @Test("times are local, with the offset")
    func timesCarryTheOffset() {
        let text = TimeText.minute(Date(timeIntervalSince1970: 1_790_000_000))
        #expect(text.wholeMatch(of: /\d{4}-\d{2}-\d{2} \d{2}:\d{2} [+-]\d{2}:\d{2}/) != nil)
        #expect(TimeText.iso(Date(timeIntervalSince1970: 0)).wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}/) != nil)
    }

    @Test("the README's demo: the Seeds county end to end, and nobody is due for follow-up the day it runs")
    func theDemo() async throws {
        let server = try TestDatabase.serverTarget()
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let demo = await pathway(["demo", "--seeds", seeds.path, "--out", out.path, "--database-url", commandLineURL(server)])
        #expect(demo.status == 0, "\(demo.err)")
        #expect(demo.out.contains("门户：    pathway serve") && demo.out.contains("登录名 s01，密码 "), "a clerk to try the portal with")
        #expect(demo.err.contains("[8/8]"))
        #expect(demo.out.contains("由第 2 次匹配生成 700 份，已审核并发送"))
        #expect(demo.out.contains("pathway students show QL2027"))
        let letters = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("letters").path)
        #expect(letters.filter { $0.hasSuffix(".zh.html") && $0.hasPrefix("PW-") }.count == 1400)
        let demoDatabase = commandLineURL(server.database(DemoCommand.demoDatabase))
        let ledger = await pathway(["followup", "list", "--json", "--database-url", demoDatabase])
        #expect(ledger.status == 0, "\(ledger.err)")
        let entries = try JSONSerialization.jsonObject(with: Data(ledger.out.utf8)) as? [Any]
        #expect(entries?.isEmpty == true, "\(ledger.out.prefix(300))")
        try await expectEveryRunVerifies(["--database-url", demoDatabase])

        // Every letter on one sheet of A4 as Chromium prints it, in Chinese and in English.
        let english = out.appendingPathComponent("letters-en")
        let rendered = await pathway(
            ["letters", "render", "--run", "2", "--lang", "en", "--out", english.path, "--json", "--database-url", demoDatabase])
        #expect(rendered.status == 0, "\(rendered.err)")
        if Browser.pythonForTest() != nil {
            let printed = try await Browser.printPages([
                out.appendingPathComponent("letters/combined.zh.html"), english.appendingPathComponent("combined.en.html"),
            ])
            for file in printed {
                #expect(file.letters > 1400 && file.pages == file.letters, "\(file.file): \(file.pages) pages, \(file.overflowing)")
            }
        }
        let admin = try server.connect()
        defer { admin.close() }
        try admin.execute("DROP DATABASE IF EXISTS \(DemoCommand.demoDatabase) WITH (FORCE)")
    }

    @Test("the Seeds county's year in Chinese, command by command")
    func aCountyYearInChinese() async throws {
        let url = try databaseURL("cli_year")
        let db = ["--database-url", url]
        let folder = seeds.path
        for kind in ["schools", "programs", "students"] {
            let imported = await pathway(["import", kind, "\(folder)/\(kind).csv"] + db)
            #expect(imported.status == 0, "\(kind): \(imported.err)")
            #expect(imported.out.contains("已导入"))
        }
        // The coming cohort, whose registration is still to close: what expires must not
        // depend on the day the tests run.
        let connection = try PostgresConnection(url)
        try connection.query(
            "UPDATE students SET graduation_year = extract(year FROM now())::integer + 1")
        connection.close()
        let students = await pathway(["students", "list"] + db)
        #expect(students.out.contains("学生编号"))
        #expect(students.out.contains("共 700 名学生"))

        let run = await pathway(["match", "run", "--strategy", "optimal"] + db)
        #expect(run.status == 0, "\(run.err)")
        #expect(run.out.contains("第 1 次匹配：最多安置 optimal，全部学生"))
        #expect(run.out.contains("已安置"))
        #expect(run.out.contains("下一步："))
        let listed = await pathway(["match", "list"] + db)
        #expect(listed.out.contains("策略"))
        #expect(listed.out.firstMatch(of: /\d{4}-\d{2}-\d{2} \d{2}:\d{2} [+-]\d{2}:\d{2}/) != nil)

        let created = await pathway(["referrals", "create", "--run", "1", "--assignee", "王老师"] + db)
        #expect(created.status == 0, "\(created.err)")
        #expect(created.out.contains("第 1 次匹配：安置"))
        let approved = await pathway(["referrals", "approve", "1", "2"] + db)
        #expect(approved.out.contains("现为“已审核”"))
        _ = await pathway(["referrals", "send", "1", "2"] + db)
        let outcome = await pathway(["referrals", "outcome", "1", "declined", "--reason", "路远", "--note", "家长希望就近读书"] + db)
        #expect(outcome.status == 0, "\(outcome.err)")
        #expect(outcome.out.contains("现为“已拒绝”"))
        let shown = await pathway(["referrals", "show", "1"] + db)
        #expect(shown.out.contains("已拒绝"))
        #expect(shown.out.contains("家长希望就近读书"))

        let again = await pathway(["referrals", "approve", "1"] + db)
        #expect(again.status == 1)
        #expect(again.err == "错误：转介 1 不能从“已拒绝”变为“已审核”：“已拒绝”是最终状态\n")

        let explained = await pathway(["match", "explain", "1", "QL202700001"] + db)
        #expect(explained.status == 0, "\(explained.err)")
        #expect(explained.out.contains("第 1 次匹配（最多安置 optimal），学生 QL202700001"))
        #expect(explained.out.contains("候选专业："))

        let ledger = await pathway(["followup", "list"] + db)
        #expect(ledger.out.contains("拒绝了转介"))
        #expect(ledger.out.contains("需要跟进的学生共"))
        let ledgerFile = FileManager.default.temporaryDirectory.appendingPathComponent("跟进名单-\(UUID().uuidString).xlsx")
        let ledgerWorkbook = await pathway(["followup", "list", "--output", ledgerFile.path] + db)
        #expect(ledgerWorkbook.status == 0, "\(ledgerWorkbook.err)")
        let ledgerSheet = try XLSXReader().read(Array(try Data(contentsOf: ledgerFile)))
        #expect(ledgerSheet.rows.first?.cells.prefix(5) == ["学生编号", "姓名", "初中学校", "届别", "原因"])
        #expect(ledgerSheet.rows.contains { $0.cells[4] == "拒绝了转介" })
        #expect(ledgerWorkbook.err.contains("已把需要跟进的"))

        let out = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let exported = await pathway(["export", "--school", "S01", "--output", out.appendingPathComponent("S01.csv").path] + db)
        #expect(exported.status == 0, "\(exported.err)")
        #expect(exported.err.contains("已把学校 S01 的"))
        #expect(try Data(contentsOf: out.appendingPathComponent("S01.csv")).starts(with: Array("\u{FEFF}referral_id,".utf8)))
        // The two sent referrals' schools: their workbooks hold them, in Chinese, ids as text.
        var rows: [SheetRow] = []
        for school in ["S01", "S02", "S03", "S04", "S05"] {
            let workbook = out.appendingPathComponent("\(school)-转介名单.xlsx")
            let xlsx = await pathway(["export", "--school", school, "--output", workbook.path] + db)
            #expect(xlsx.status == 0, "\(xlsx.err)")
            let sheet = try XLSXReader().read(Array(try Data(contentsOf: workbook)))
            #expect(sheet.name == "转介名单")
            #expect(sheet.rows.first?.cells.prefix(4) == ["转介编号", "学生编号", "学籍号", "姓名"])
            rows += sheet.rows.dropFirst()
        }
        #expect(rows.count == 2)
        let english = out.appendingPathComponent("S01-en.xlsx")
        #expect(await pathway(["export", "--school", "S01", "--output", english.path, "--lang", "en"] + db).status == 0)
        #expect(try XLSXReader().read(Array(try Data(contentsOf: english))).rows.first?.cells.first == "Referral")
        #expect(Set(rows.map { $0.cells[12] }) == ["已发送", "已拒绝"])
        #expect(rows.allSatisfy { ["男", "女"].contains($0.cells[4]) && $0.cells[1].hasPrefix("QL2027") })
        let report = await pathway(["match", "report", "1", "--out", out.appendingPathComponent("r.html").path] + db)
        #expect(report.out.contains("匹配报告已写入"))
        let letters = await pathway(
            ["letters", "render", "--referral", "2", "--lang", "zh", "--out", out.appendingPathComponent("letters").path,
             "--counsellor", "王老师", "--counsellor-phone", "0851-5550100", "--office", "青岚县教育局"] + db)
        #expect(letters.status == 0, "\(letters.err)")
        #expect(letters.out.contains("已把 2 封信写入") && letters.out.contains("school_S") && letters.out.contains("（共 4 页）"))
        try await expectEveryRunVerifies(db)
    }

    @Test("the county profile is set once, shown, and a malformed entry is refused in the user's language")
    func countyProfile() async throws {
        let db = ["--database-url", try databaseURL("cli_county")]
        let set = await pathway(
            ["county", "set", "--office", "青岚县教育局", "--counsellor", "青石镇中学=李老师,0851-5550101",
             "--subsidy", "state_grant:2300:2026-09-01", "--subsidy", "tuition:2026-09-01"] + db)
        #expect(set.status == 0, "\(set.err)")
        let shown = await pathway(["county", "show"] + db)
        #expect(shown.out.contains("青岚县教育局") && shown.out.contains("李老师 0851-5550101"))
        let tuition = try #require(shown.out.range(of: "免学费")), grant = try #require(shown.out.range(of: "国家助学金"))
        #expect(tuition.lowerBound < grant.lowerBound && shown.out.contains("每年 2300 元，2026-09-01 起"))
        let bad = await pathway(["county", "set", "--counsellor", "青石镇中学=李老师"] + db)
        #expect(bad.status != 0 && bad.err.contains("--counsellor \"青石镇中学=李老师\" 的格式不对，应为 学校=姓名,电话"))
        let amount = await pathway(["county", "set", "--subsidy", "tuition:300:2026-09-01"] + db, .english)
        #expect(amount.status != 0 && amount.err.contains("tuition:300:2026-09-01 is not KIND:YUAN:FROM[:UNTIL]"), "\(amount.err)")
        let json = await pathway(["county", "show", "--json"] + db)
        #expect(json.out.contains("\"office\" : \"青岚县教育局\"") || json.out.contains("\"office\":\"青岚县教育局\""), "\(json.out)")
    }

    @Test("errors from the work name what is wrong, in each language, and change nothing")
    func errorsInBothLanguages() async throws {
        let url = try databaseURL("cli_errors")
        let db = ["--database-url", url]
        let zh = await pathway(["match", "show", "99"] + db, .chinese)
        #expect(zh.status == 1)
        #expect(zh.err.hasSuffix("\n错误：没有第 99 次匹配；`pathway match list` 列出所有匹配\n"))
        let en = await pathway(["match", "show", "99"] + db, .english)
        #expect(en.err == "Error: there is no match run 99; `pathway match list` shows the runs\n")

        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("cli-fifo-\(UUID().uuidString)").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let fromFIFO = await pathway(["import", "schools", fifo] + db, .chinese)
        #expect(fromFIFO.err == "错误：无法读取 \(fifo)：这不是普通文件\n")
        try? FileManager.default.removeItem(atPath: fifo)
        let missing = await pathway(["import", "schools", "/no/such/学校.csv"] + db, .chinese)
        #expect(missing.status == 1)
        #expect(missing.err == "错误：无法读取 /no/such/学校.csv：没有这个文件\n")

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cli-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let bad = folder.appendingPathComponent("schools.csv")
        try Data("school_id,name,latitude,longitude\nS1,县职校,27.5,109.9\nS2,市技校,abc,109.9\n".utf8).write(to: bad)
        let refused = await pathway(["import", "schools", bad.path] + db, .chinese)
        #expect(refused.status == 1)
        #expect(refused.err.contains("错误：schools.csv 第3行 latitude 列：“abc”不是数字"))
        #expect(refused.err.contains("错误：schools.csv 有 1 处错误，什么也没有导入"))
        let schools = await pathway(["schools", "list"] + db, .english)
        #expect(schools.out.contains("0 schools"))

        let nobody = await pathway(["match", "run", "--only-followup"] + db, .chinese)
        #expect(nobody.status == 1)
        #expect(nobody.err.hasPrefix("错误："))

        let region = await pathway(["students", "list", "--region", "a b"] + db, .english)
        #expect(region.status == 64)
    }

    @Test("a county's own list: a gazetteer, then students by township and village with wish and subject columns")
    func aCountysOwnList() async throws {
        let url = try databaseURL("cli_county_layout")
        let db = ["--database-url", url]
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cli-county-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        func file(_ name: String, _ text: String) throws -> String { try write(text, named: name, in: folder) }
        for kind in ["schools", "programs"] {
            let ran = await pathway(["import", kind, seeds.appendingPathComponent("\(kind).csv").path] + db)
            #expect(ran.status == 0, "\(ran.err)")
        }
        let students = try file(
            "名单.csv",
            """
            青岚县2026届初中毕业生名单
            学籍号,姓名,乡镇,村,语文,数学,第一志愿,第二志愿
            G522623201009150016,王小明,云台乡,石门村,88,96,汽车运用与维修,医药卫生
            G52262320110302004X,李芳,马场镇,,91,70,P007,
            """)
        let early = await pathway(["import", "students", students] + db)
        #expect(early.status == 1)
        #expect(early.err.contains("无法定位：还没有导入地名表"))
        #expect(early.err.contains("另有 1 处同样的问题：第4行"))
        #expect(await pathway(["students", "list"] + db).out.contains("共 0 名学生"))

        let places = try file("地名表.csv", "乡镇,村,纬度,经度\n云台乡,,27.58,107.27\n云台乡,石门村,27.6,107.3\n马场镇,,27.2,107.0\n")
        let gazetteer = await pathway(["import", "places", places] + db)
        #expect(gazetteer.status == 0, "\(gazetteer.err)")
        #expect(gazetteer.out.contains("已导入 3 条地名"))
        let imported = await pathway(["import", "students", students, "--json"] + db)
        #expect(imported.status == 0, "\(imported.err)")
        #expect(imported.out.contains("\"inserted\" : 2"))
        let headerOnly = try file("空名单.csv", "学籍号,姓名,乡镇,村\n")
        let emptied = await pathway(["import", "students", headerOnly, "--prune"] + db)
        #expect(emptied.status == 1)
        #expect(emptied.err.contains("--prune 将删除现有 2 条学生中的最多 2 条（文件只有 0 行）"), "\(emptied.err)")
        #expect(await pathway(["students", "list"] + db).out.contains("共 2 名学生"))
        let shown = await pathway(["students", "show", "G522623201009150016", "--json"] + db, .english)
        #expect(shown.out.contains("\"village\" : \"石门村\""), "\(shown.out)")
        #expect(shown.out.contains("\"home_placement\" : \"village\""))
        #expect(shown.out.contains("\"status_number\" : \"G522623201009150016\""))
        #expect(shown.out.contains("\"72\""))
        let second = await pathway(["students", "show", "G52262320110302004X"] + db)
        #expect(second.out.contains("（地名表中所在乡镇的位置）"))

        // Measured roads: a place the gazetteer lacks is refused and nothing is written; then
        // every school is 60 km by road from 云台乡, which scoring and the explanation use.
        let badRoads = try file("路线.csv", "乡镇,村,学校代码,公里\n龙溪镇,,S01,12\n云台乡,石门村,S99,3\n")
        let refusedRoads = await pathway(["import", "travel", badRoads] + db)
        #expect(refusedRoads.status == 1)
        #expect(refusedRoads.err.contains("“龙溪镇”不在地名表中"))
        #expect(refusedRoads.err.contains("“S99”不是已导入的学校"))
        let roads = try file(
            "路线.xlsx.csv", "乡镇,学校代码,公里,分钟\n" + ["S01", "S02", "S03", "S04", "S05"].map { "云台乡,\($0),60,\n" }.joined())
        let importedRoads = await pathway(["import", "travel", roads] + db)
        #expect(importedRoads.status == 0, "\(importedRoads.err)")
        #expect(importedRoads.out.contains("已导入 5 条路线"))
        let run = await pathway(["match", "run"] + db)
        #expect(run.status == 0, "\(run.err)")
        let explained = await pathway(["match", "explain", "1", "G522623201009150016"] + db)
        #expect(explained.out.contains("公里（公路里程）"), "\(explained.out)")

        // A home nobody can place: refused, or with --allow-unplaced-homes imported and matched
        // without location, which the explanation and the story say.
        let unplaced = try file("补录.csv", "学号,姓名,乡镇\nQL9,赵丽,龙溪镇\n")
        let refusedHome = await pathway(["import", "students", unplaced] + db)
        #expect(refusedHome.status == 1)
        let allowed = await pathway(["import", "students", unplaced, "--allow-unplaced-homes"] + db)
        #expect(allowed.status == 0, "\(allowed.err)")
        #expect(allowed.err.contains("警告：补录.csv 第2行 township 列：“龙溪镇”不在地名表中"))
        #expect(await pathway(["students", "show", "QL9"] + db).out.contains("无法定位：匹配时不计距离"))
        let rerun = await pathway(["match", "run", "--strategy", "optimal"] + db)
        #expect(rerun.status == 0, "\(rerun.err)")
        let homeless = await pathway(["match", "explain", "2", "QL9"] + db)
        #expect(homeless.out.contains("家庭住址无法定位"), "\(homeless.out) \(homeless.err)")
        #expect(!(homeless.out + homeless.err).contains("匹配之后记录有改动"), "an unknown distance is not a change")
        let report = await pathway(["match", "report", "2", "--out", folder.appendingPathComponent("r.html").path] + db)
        #expect(report.status == 0, "\(report.err)")
        #expect(try String(contentsOf: folder.appendingPathComponent("r.html"), encoding: .utf8).contains("NaN") == false)
    }

    @Test("db backup and db restore: a round trip, and a restore over data needs --yes")
    func backupAndRestore() async throws {
        let url = try databaseURL("cli_backup")
        let db = ["--database-url", url]
        for kind in ["schools", "programs", "students"] {
            let ran = await pathway(["import", kind, seeds.appendingPathComponent("\(kind).csv").path] + db)
            #expect(ran.status == 0, "\(ran.err)")
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("备份-\(UUID().uuidString).dump")
        defer { try? FileManager.default.removeItem(at: file) }
        let backup = await pathway(["db", "backup", file.path] + db)
        #expect(backup.status == 0, "\(backup.err)")
        #expect(backup.out.hasPrefix("已把数据库写入"))

        // A mistake: every student but one pruned away.
        let one = FileManager.default.temporaryDirectory.appendingPathComponent("one-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: one) }
        try Data("student_id,name,latitude,longitude\nQL202700001,杨安洁,27.58,107.27\n".utf8).write(to: one)
        #expect(await pathway(["import", "students", one.path, "--prune", "--yes"] + db).status == 0)
        #expect(await pathway(["students", "list"] + db).out.contains("共 1 名学生"))

        let refused = await pathway(["db", "restore", file.path] + db)
        #expect(refused.status == 1)
        #expect(refused.err.contains("数据库中已有数据（1 名学生），什么也没有改变"))
        let restored = await pathway(["db", "restore", file.path, "--yes"] + db)
        #expect(restored.status == 0, "\(restored.err)")
        #expect(await pathway(["students", "list"] + db).out.contains("共 700 名学生"))
        let audit = await pathway(["students", "show", "QL202700002"] + db)
        #expect(audit.status == 0)
        let missing = await pathway(["db", "restore", "/no/such.dump", "--yes"] + db, .english)
        #expect(missing.err == "Error: cannot read the backup /no/such.dump\n")
    }

    @Test("each region sees only its own students")
    func regions() async throws {
        let url = try databaseURL("cli_regions")
        let db = ["--database-url", url]
        for kind in ["schools", "programs", "students"] {
            let imported = await pathway(["import", kind, seeds.appendingPathComponent("\(kind).csv").path, "--region", "qinglan"] + db)
            #expect(imported.status == 0, "\(imported.err)")
        }
        let own = await pathway(["students", "list", "--region", "qinglan"] + db, .english)
        #expect(own.out.contains("700 students"))
        let local = await pathway(["students", "list"] + db, .english)
        #expect(local.out.contains("0 students"))
    }
}

@Suite("平行志愿 on the command line")
struct ParallelCommandLineTests {
    @Test("批次 and 服从调剂 from the county's files, a parallel run with a seed, reproduced and explained")
    func parallelRun() async throws {
        let url = try databaseURL("cli_parallel")
        let db = ["--database-url", url]
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cli-parallel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func file(_ name: String, _ text: String) throws -> String { try write(text, named: name, in: folder) }
        let schools = await pathway(["import", "schools", seeds.appendingPathComponent("schools.csv").path] + db)
        #expect(schools.status == 0, "\(schools.err)")
        let badBatch = try file("bad.csv", "专业代码,学校代码,专业名称,专业大类,招生人数,批次\nX1,S01,汽修,70,1,第十批\n")
        let refused = await pathway(["import", "programs", badBatch] + db)
        #expect(refused.status != 0)
        #expect(refused.err.contains("不是 1 到 9 的录取批次"))
        let programs = try file(
            "专业.csv", "专业代码,学校代码,专业名称,专业大类,招生人数,批次\nP1,S01,汽车运用与维修,70,1,第一批\nP2,S01,护理,72,5,2\n")
        let imported = await pathway(["import", "programs", programs] + db)
        #expect(imported.status == 0, "\(imported.err)")
        let students = try file(
            "学生.csv",
            """
            学号,姓名,纬度,经度,总分,志愿,服从调剂
            A1,甲,27.38,106.93,500,P1,否
            B1,乙,27.38,106.93,400,P1,是
            C1,丙,27.38,106.93,300,P1,否
            """)
        let loaded = await pathway(["import", "students", students] + db)
        #expect(loaded.status == 0, "\(loaded.err)")

        let run = await pathway(["match", "run", "--strategy", "parallel", "--seed", "20260701"] + db)
        #expect(run.status == 0, "\(run.err)")
        #expect(run.out.contains("平行志愿 parallel"))
        #expect(run.out.contains("抽签种子 20260701"))
        #expect(run.out.contains("总分相同时依次比较数学、语文、英语"))
        let again = await pathway(["match", "run", "--strategy", "parallel", "--seed", "20260701", "--json"] + db)
        #expect(again.out.contains("\"seed\" : 20260701"))
        let first = await pathway(["match", "export", "1", "--what", "assignments"] + db)
        let second = await pathway(["match", "export", "2", "--what", "assignments"] + db)
        #expect(first.status == 0, "\(first.err)")
        #expect(first.out == second.out)
        // A takes the one batch-1 seat; B agrees to reassignment and gets the batch-2 seat; C does not.
        #expect(first.out.contains("A1,P1"))
        #expect(first.out.contains("B1,P2"))
        #expect(!first.out.contains("C1,P"))

        let explained = await pathway(["match", "explain", "1", "B1"] + db)
        #expect(explained.status == 0, "\(explained.err)")
        #expect(explained.out.contains("平行志愿（分数优先、遵循志愿）"))
        #expect(explained.out.contains("在3名学生中第2个录取"))
        #expect(explained.out.contains("服从调剂，调剂到护理"))
        let c = await pathway(["match", "explain", "1", "C1"] + db)
        #expect(c.out.contains("没有选择服从调剂"))

        let drawn = await pathway(["match", "run", "--json"] + db)
        #expect(drawn.status == 0, "\(drawn.err)")
        #expect(drawn.out.contains("\"seed\" : "))
        let badSeed = await pathway(["match", "run", "--seed", "9007199254740992"] + db)
        #expect(badSeed.status != 0)
        #expect(badSeed.err.contains("抽签种子 9007199254740992 不可用"))
        let badChain = await pathway(["match", "run", "--strategy", "parallel", "--tie-break", "数学,math"] + db)
        #expect(badChain.err.contains("同分比较科目 math 写了两次"))
    }
}

@Suite("match verify on the command line")
struct MatchVerifyCommandLineTests {
    @Test("every strategy's run of the Seeds county verifies; runs changed by hand in the database fail, naming what changed")
    func verifyRuns() async throws {
        let url = try databaseURL("cli_verify")
        let db = ["--database-url", url]
        for kind in ["schools", "programs", "students"] {
            let imported = await pathway(["import", kind, seeds.appendingPathComponent("\(kind).csv").path] + db)
            #expect(imported.status == 0, "\(kind): \(imported.err)")
        }
        for (run, strategy) in ["stable", "optimal", "parallel", "ranked"].enumerated() {
            let made = await pathway(["match", "run", "--strategy", strategy, "--seed", "\(run + 1)"] + db)
            #expect(made.status == 0, "\(strategy): \(made.err)")
            let verified = await pathway(["match", "verify", "\(run + 1)"] + db)
            #expect(verified.status == 0, "\(strategy): \(verified.out) \(verified.err)")
            #expect(verified.out.contains("符合规则"), "\(strategy)")
        }
        // The price of a seat, from the optimal run's certificate, its first entries re-solved.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cli-verify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let reportFile = folder.appendingPathComponent("report.html").path
        let report = await pathway(["match", "report", "2", "--out", reportFile] + db)
        #expect(report.status == 0, "\(report.err)")
        let html = try String(contentsOfFile: reportFile, encoding: .utf8)
        #expect(html.contains("座位的价值"))
        #expect(html.firstMatch(of: /\d+ 个专业每增加 1 个座位可多安置 1 人/) != nil)
        #expect(html.contains("✓ 一致"))
        #expect(!html.contains("✗ 不一致"))
        // 平行志愿 beside stable: placed on a wish, in the comparison and the report.
        let compared = await pathway(["match", "compare", "1", "3"] + db)
        #expect(compared.status == 0, "\(compared.err)")
        #expect(compared.out.contains("按第一志愿录取") && compared.out.contains("按任一志愿录取"))
        let side = folder.appendingPathComponent("side.html").path
        #expect(await pathway(["match", "report", "3", "--compare", "1", "--out", side] + db).status == 0)
        let sideBySide = try String(contentsOfFile: side, encoding: .utf8)
        #expect(sideBySide.contains("按志愿录取") && sideBySide.contains("平行志愿"))
        let json = await pathway(["match", "verify", "2", "--json"] + db, .english)
        #expect(json.out.contains("\"certificate\""))
        #expect(json.out.contains("\"sound\" : true"))

        let connection = try PostgresConnection(url)
        defer { connection.close() }
        // Stable: one placed student moved by hand into another of their candidates.
        let moved = try connection.query(
            """
            UPDATE assignments a SET program_id = c.program_id, student_rank = c.student_rank,
                   school_id = (SELECT school_id FROM programs p WHERE p.program_id = c.program_id)
            FROM candidates c
            WHERE a.run_id = 1 AND c.run_id = 1 AND c.student_id = a.student_id AND c.program_id <> a.program_id
              AND a.student_id = (SELECT min(student_id) FROM assignments WHERE run_id = 1 AND student_rank = 2)
              AND c.student_rank = 1
            RETURNING a.student_id
            """)
        let student = try moved.decode(String.self, row: 0, column: 0)
        let stable = await pathway(["match", "verify", "1"] + db)
        #expect(stable.status == 1)
        #expect(stable.out.contains(student) || stable.out.contains("学位"), "\(stable.out)")
        #expect(stable.err.contains("处不符合规则"))
        // Optimal: a price lowered.
        try connection.query(
            "UPDATE assignments SET price = price - 1 WHERE run_id = 2 AND student_id = (SELECT min(student_id) FROM assignments WHERE run_id = 2 AND price > 0)")
        let optimal = await pathway(["match", "verify", "2"] + db, .english)
        #expect(optimal.status == 1)
        #expect(optimal.out.contains("sum to less than the pair is worth") || optimal.out.contains("sum to more"), "\(optimal.out)")
        // Parallel: a student without a seat given a free one by hand.
        try connection.query(
            """
            UPDATE assignments a SET program_id = c.program_id, student_rank = c.student_rank,
                   school_id = (SELECT school_id FROM programs p WHERE p.program_id = c.program_id)
            FROM candidates c
            WHERE a.run_id = 3 AND c.run_id = 3 AND c.student_id = a.student_id AND a.program_id IS NULL
              AND c.student_rank = 1
              AND a.student_id = (SELECT min(a2.student_id) FROM assignments a2 JOIN candidates c2
                                  ON c2.run_id = 3 AND c2.student_id = a2.student_id WHERE a2.run_id = 3 AND a2.program_id IS NULL)
            """)
        let parallel = await pathway(["match", "verify", "3"] + db)
        #expect(parallel.status == 1, "\(parallel.out)")
        let unknown = await pathway(["match", "verify", "99"] + db)
        #expect(unknown.status == 1)
    }
}
