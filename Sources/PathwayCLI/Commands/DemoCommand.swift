import ArgumentParser
import Foundation
import PathwayCore
import PathwayLetters
import PathwaySeeds
import PathwayStorage
import PathwayWorkflows

/// `pathway demo`: the whole of Pathway on the fictional Seeds county, with no configuration:
/// import, two matches side by side, referrals, letters, the schools' files and the report.
/// Every step is the same job the other commands run.
struct DemoCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "demo",
            abstract: L("Run all of Pathway on the fictional Seeds county, in a database of its own.",
                        "在一个单独的数据库里，用虚构的 Seeds 县把 Pathway 的全过程走一遍。"),
            discussion: L(
                """
                It never touches your data: it starts afresh each time in the database 'pathway_demo' \
                on the configured server, or on Pathway's own local PostgreSQL when nothing is \
                configured. It imports Seeds/, matches the students twice (stable, then placing as \
                many as possible), refers the second run's students, and writes the letters, each \
                school's file and the match report into --out.

                Example: pathway demo --out ~/pathway-demo
                """,
                """
                它不会碰您的数据：每次都在配置的服务器（什么都没配置时是 Pathway 自己的本机 PostgreSQL）\
                上的 'pathway_demo' 数据库中从头开始。它导入 Seeds/，把学生匹配两次（先 stable，再尽量多\
                安置），为第二次匹配的学生生成转介，并把信件、每所学校的文件和匹配报告写入 --out。

                示例：pathway demo --out ~/pathway-demo
                """)
        )
    }

    @Option(help: ArgumentHelp(L("Folder for the demo's letters, school files and report.", "存放演示的信件、学校文件和报告的文件夹。"), valueName: "dir"))
    var out = "pathway-demo"

    @Option(help: ArgumentHelp(L("Folder with schools.csv, programs.csv and students.csv (default: Seeds).",
                                 "含 schools.csv、programs.csv 和 students.csv 的文件夹（默认：Seeds）。"), valueName: "dir"))
    var seeds: String?

    @OptionGroup var database: DatabaseOptions

    static let demoDatabase = "pathway_demo"
    static let steps = 8

    func run() throws {
        let start = ContinuousClock.now
        // The seeds first: nothing is dropped for a demo that cannot run.
        let folder = try seedsFolder()
        // The county's own workbooks, as an office would import them: the gazetteer first.
        let county = URL(fileURLWithPath: folder).appendingPathComponent(CountyWorkbooks.folder)
        let imports = try [
            (ImportJob.Kind.places, CountyWorkbooks.placesFile), (.schools, CountyWorkbooks.schoolsFile),
            (.programs, CountyWorkbooks.programsFile), (.students, CountyWorkbooks.studentsFile),
        ].map { kind, name in try ImportJob(kind: kind, path: county.appendingPathComponent(name).path) }
        step(1, L("preparing a fresh database '\(Self.demoDatabase)'", "准备一个新的数据库“\(Self.demoDatabase)”"))
        let workspace = try database.locator.freshDatabase(
            named: Self.demoDatabase, region: try database.chosenRegion(), actor: AuditLog.currentUser)
        defer { workspace.close() }

        step(2, L("importing the fictional county's workbooks in \(county.path)", "导入 \(county.path) 中虚构县的工作簿"))
        var counts: [ImportJob.Kind: Int] = [:]
        for job in imports { counts[job.kind] = try job.run(in: workspace).rows }

        let students = counts[.students] ?? 0, programs = counts[.programs] ?? 0
        step(3, L("matching \(students) students to \(programs) programmes, twice", "把 \(students) 名学生与 \(programs) 个专业匹配两次"))
        let stable = try MatchRunJob(settings: try MatchSettings(strategy: .stable)).run(in: workspace)
        let optimal = try MatchRunJob(settings: try MatchSettings(strategy: .optimal)).run(in: workspace)

        step(4, L("referring the students of run \(optimal.runID) (\(optimal.strategy.rawValue)), approved and sent",
                  "为第 \(optimal.runID) 次匹配（\(Messages.strategy(optimal.strategy))）的学生生成转介，审核并发送"))
        let creation = try ReferralCreationJob(runID: optimal.runID, assignee: "王老师").run(in: workspace)
        try ReferralMoveJob(referralIDs: creation.referralIDs, to: .approved).run(in: workspace)
        try ReferralMoveJob(referralIDs: creation.referralIDs, to: .sent).run(in: workspace)

        // The county's profile, as an office sets it once: who signs, whom to call, what it costs.
        let term = CalendarDate(year: 2026, month: 9, day: 1)
        try CountyProfileJob(
            office: "青岚县教育局", signatory: "学生资助与职业指导办公室", officePhone: "0851-555-0100",
            subsidies: term.map { from in
                [Subsidy(kind: .tuition, yuanPerYear: nil, effectiveFrom: from),
                 Subsidy(kind: .stateGrant, yuanPerYear: 2300, effectiveFrom: from),
                 Subsidy(kind: .yulu, yuanPerYear: 3000, effectiveFrom: from)]
            } ?? []
        ).run(in: workspace)

        let output = URL(fileURLWithPath: out, isDirectory: true)
        let lettersFolder = output.appendingPathComponent("letters", isDirectory: true)
        step(5, L("writing \(creation.created * 2) letters (Chinese, to schools and to families)",
                  "写 \(creation.created * 2) 封信（中文，给学校和家长）"))
        let letters = try LetterJob(
            selection: .run(optimal.runID), language: .chinese, format: .html, kinds: LetterKind.allCases,
            issuedOn: try CalendarDate.today(), folder: lettersFolder
        ).run(in: workspace, renderer: try LetterRenderer())

        step(6, L("writing each vocational school's file of its referrals (.xlsx for Excel and WPS)",
                  "为每所中职学校写出它的转介文件（供 Excel 和 WPS 使用的 .xlsx）"))
        let exportsFolder = output.appendingPathComponent("exports", isDirectory: true)
        try FileManager.default.createDirectory(at: exportsFolder, withIntermediateDirectories: true)
        var exported: [(school: School, rows: Int, file: URL)] = []
        for school in try workspace.directory.schools() {
            let file = exportsFolder.appendingPathComponent("\(school.id)-referrals.xlsx")
            let job = SchoolExportJob.file(
                schoolID: school.id, format: .xlsx, output: file.path, endpoint: "pathway demo", actor: workspace.actor)
            let page = try job.run(in: workspace, checkSchool: false) { page in
                try Data(SchoolFileFormat.xlsx.render(page.rows, language: Words.language)).write(to: file, options: .atomic)
            }
            exported.append((school, page.rows.count, file))
        }

        // A clerk of the first school, so that the portal can be tried at once.
        let clerkPassword = Password.generate()
        let clerk = try workspace.accounts.create(
            username: "s01", displayName: "S01 招生办", role: .school_clerk, schoolID: "S01", region: workspace.region,
            password: clerkPassword, actor: workspace.actor)

        step(7, L("writing the match report (run \(optimal.runID) beside run \(stable.runID))",
                  "写匹配报告（第 \(optimal.runID) 次与第 \(stable.runID) 次并排）"))
        let report = output.appendingPathComponent("report.html")
        _ = try MatchReportJob(runID: optimal.runID, compare: stable.runID, file: report).run(in: workspace)

        step(8, L("done in \(String(format: "%.1f", (ContinuousClock.now - start).seconds)) s",
                  "完成，用时 \(String(format: "%.1f", (ContinuousClock.now - start).seconds)) 秒"))
        console.line(comparison(stable, optimal))
        console.line()
        console.line(L("Referrals: \(creation.created) made from run \(optimal.runID), approved and sent.",
                       "转介：由第 \(optimal.runID) 次匹配生成 \(creation.created) 份，已审核并发送。"))
        console.line(L("Letters:   \(letters.batch.letters.count) files in \(lettersFolder.path)/",
                       "信件：    \(letters.batch.letters.count) 个文件，在 \(lettersFolder.path)/"))
        if let combined = letters.batch.combined {
            console.line(L("           all of them to print, behind a cover sheet per school and class: \(combined.path)",
                           "          全部打印用（每所学校、每个班一张封面）：\(combined.path)"))
        }
        console.line(L("Schools:   \(exportsFolder.path)/", "学校：    \(exportsFolder.path)/"))
        for entry in exported {
            console.line(L("           \(entry.file.lastPathComponent)  \(entry.rows) students  \(entry.school.name)",
                           "          \(entry.file.lastPathComponent)  \(entry.rows) 名学生  \(entry.school.name)"))
        }
        console.line(L("Report:    \(report.path)", "报告：    \(report.path)"))
        let option = demoDatabaseOption
        console.line(L("Portal:    pathway serve\(option), then http://127.0.0.1:8080/ as \(clerk.username), password \(clerkPassword)",
                       "门户：    pathway serve\(option)，然后打开 http://127.0.0.1:8080/，登录名 \(clerk.username)，密码 \(clerkPassword)"))
        console.line()
        console.line(L("Try next, on the demo's database:", "接下来可以在演示数据库上试试："))
        if let student = letters.batch.letters.first?.studentID {
            console.line("  pathway match explain \(optimal.runID) \(student)\(option)")
            console.line("  pathway students show \(student)\(option)")
        }
        console.line("  pathway followup list\(option)")
        console.line("  pathway referrals list --school S01\(option)")
        console.line(L("and on your own county (the database 'pathway'):", "在您自己的县（数据库“pathway”）上："))
        console.line(L("  pathway import schools schools.csv   (the formats: docs/data-formats.md)",
                       "  pathway import schools schools.csv   （文件格式见 docs/data-formats.md）"))
    }

    private func step(_ number: Int, _ message: String) {
        console.note("[\(number)/\(Self.steps)] \(message)")
    }

    /// How to point other commands at the demo's database, when that can be said without
    /// printing a password.
    private var demoDatabaseOption: String {
        guard let server = try? database.locator.target(),
              !server.conninfo.contains("://"), !server.conninfo.contains("password")
        else { return "" }
        let others = server.conninfo.split(separator: " ").filter { !$0.hasPrefix("dbname=") }
        return " --database-url \"\((others + ["dbname=\(Self.demoDatabase)"]).joined(separator: " "))\""
    }

    private func seedsFolder() throws -> String {
        let candidates = [seeds, "Seeds", "/usr/share/pathway/Seeds"].compactMap { $0 }
        for folder in candidates
        where FileManager.default.fileExists(atPath: "\(folder)/\(CountyWorkbooks.folder)/\(CountyWorkbooks.studentsFile)") {
            return folder
        }
        throw WorkflowError.noSeeds(searched: candidates)
    }

    /// The two runs side by side.
    private func comparison(_ a: MatchRunRecord, _ b: MatchRunRecord) -> String {
        var table = TextTable(
            ["", L("run \(a.runID): \(a.strategy.rawValue)", "第 \(a.runID) 次：\(a.strategy.rawValue)"),
             L("run \(b.runID): \(b.strategy.rawValue)", "第 \(b.runID) 次：\(b.strategy.rawValue)")],
            rightAligned: [1, 2])
        func row(_ label: String, _ value: (MatchRunRecord) -> String) { table.append([label, value(a), value(b)]) }
        row(L("placed", "已安置")) { String($0.placedCount) }
        row(L("unplaced", "未安置")) { String($0.unplacedCount) }
        row(L("mean score", "平均得分")) { $0.meanScore.map { String(format: "%.1f", $0) } ?? "-" }
        row(L("mean distance", "平均距离")) { $0.meanDistanceKm.map { String(format: L("%.1f km", "%.1f 公里"), $0) } ?? "-" }
        return "\n" + table.text
    }
}
