import ArgumentParser
import Foundation
import PathwayCore
import PathwayLetters
import PathwayStorage
import PathwayWorkflows

/// `pathway letters templates|render`: the letters a school and a family hold in their hands.
struct LettersCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "letters",
            abstract: L("Write referral letters to schools and families, in Chinese or English, to print or send.",
                        "给学校和家长写转介信（中文或英文），用于打印或发送。"),
            discussion: L(
                """
                Each referral gives two letters: one asking the vocational school to admit the student, \
                one telling the family where, how far, what it costs (tuition is free) and whom to call. \
                The letters are Mustache templates; `pathway letters templates` writes them to a folder \
                you can edit, and `--templates DIR` uses that folder.

                Examples:
                  pathway letters render --run 12 --lang zh --format html --out letters/
                  pathway letters templates --out my-templates/
                """,
                """
                每份转介有两封信：一封请中职学校录取这名学生，一封告诉家长去哪里上学、有多远、要花多少钱\
                （学费全免）以及找谁联系。信是 Mustache 模板；`pathway letters templates` 会把模板写到一个\
                可以修改的文件夹，`--templates 文件夹` 使用那个文件夹里的模板。

                示例：
                  pathway letters render --run 12 --lang zh --format html --out letters/
                  pathway letters templates --out my-templates/
                """),
            subcommands: [Render.self, Templates.self]
        )
    }

    struct Templates: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("Write the default letter templates to a folder, to edit and use with --templates.",
                            "把默认的信件模板写到一个文件夹，修改后用 --templates 使用。"),
                discussion: L(
                    """
                    Writes the nine templates and a README.md that lists every name a template can use. \
                    Files already there are kept (they may be your edits) unless --force is given.

                    Example: pathway letters templates --out my-templates/
                    """,
                    """
                    写出九个模板和一个 README.md（列出模板中可用的全部名称）。文件夹中已有的文件会保留\
                    （可能是您改过的），除非加上 --force。

                    示例：pathway letters templates --out my-templates/
                    """)
            )
        }

        @Option(help: ArgumentHelp(L("Folder to write the templates into (created if missing).", "写入模板的文件夹（不存在则创建）。"), valueName: "dir"))
        var out: String

        @Flag(help: ArgumentHelp(L("Replace templates that are already in the folder.", "替换文件夹中已有的模板。")))
        var force = false

        @OptionGroup var output: OutputOptions

        func run() throws {
            let folder = URL(fileURLWithPath: out, isDirectory: true)
            let written: [URL]
            do {
                written = try LetterTemplates.writeDefaults(to: folder, overwrite: force)
            } catch let error as LetterTemplateFolderError {
                switch error {
                case .wouldOverwrite(let paths):
                    throw CommandFailure(L(error.description,
                                           "不覆盖已有的模板（加 --force 才替换）：\(paths.joined(separator: "、"))"))
                }
            }
            if output.json {
                try console.json(["files": written.map(\.path)])
            } else {
                for file in written { console.line(L("wrote \(file.path)", "已写入 \(file.path)")) }
                console.note(L("edit them, then: pathway letters render ... --templates \(out)",
                               "修改后：pathway letters render ... --templates \(out)"))
            }
        }
    }

    struct Render: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("Render the letters of a match run's referrals, or of chosen referrals, into a folder.",
                            "把一次匹配的转介信，或指定转介的信，写入一个文件夹。"),
                discussion: L(
                    """
                    Letters are for approved referrals (and those sent on), unless --include-proposed. \
                    Writes one file per letter, named reference_kind_student.lang.format (safe whatever \
                    a name holds), and print files in the order letters are handed out, each letter on \
                    its own A4 page: school_<id>.<lang>.html per vocational school, family_<junior \
                    school>_<teacher>.<lang>.html per class (names in pinyin order), each behind a cover \
                    sheet, and combined.<lang>.html with them all. Open one in a browser and print, or save \
                    as PDF. --format txt writes no HTML. Rendering again replaces the files.

                    Each letter names the student's responsible person (`pathway followup assign`) at the \
                    number the county profile has for them, is signed by the profile's office, and tells \
                    the family of the subsidies in force: set them once with `pathway county set`. \
                    --counsellor, --counsellor-phone and --office replace them for one batch.

                    Examples:
                      pathway letters render --run 12 --lang zh --format html --out letters/
                      pathway letters render --referral 41 42 --lang en --format txt \\
                        --kind family --out out/ --counsellor "Li Ming" \\
                        --counsellor-phone 0851-1234567 --office "Qinglan Education Bureau"
                    """,
                    """
                    只为已审核（及已发送）的转介写信，除非加 --include-proposed。\
                    每封信写成一个文件，文件名为 转介号_类别_学生.语言.格式（无论姓名里有什么字符都安全），\
                    另按发信的顺序写出打印文件，每封信占一页 A4：每所中职学校一个 school_<编号>.<语言>.html，\
                    每个班一个 family_<初中>_<班主任>.<语言>.html（按姓名拼音排序），每叠前有一张封面；\
                    combined.<语言>.html 包含全部。用浏览器打开后打印，或另存为 PDF。--format txt 不写 HTML。\
                    再写一次会替换这些文件。

                    每封信写明学生的负责人（`pathway followup assign`）及本县资料中此人的电话，由本县资料中的\
                    单位落款，并告诉家长现行的资助政策：用 `pathway county set` 设置一次即可。\
                    --counsellor、--counsellor-phone 和 --office 可为这一批信临时替换。

                    示例：
                      pathway letters render --run 12 --lang zh --format html --out letters/
                      pathway letters render --referral 41 42 --lang en --format txt \\
                        --kind family --out out/ --counsellor "Li Ming" \\
                        --counsellor-phone 0851-1234567 --office "Qinglan Education Bureau"
                    """)
            )
        }

        @Option(name: .customLong("run"), help: ArgumentHelp(L("Every referral of this match run.", "这次匹配的全部转介。"), valueName: "run"))
        var runID: RunID?

        @Option(
            name: .customLong("referral"), parsing: .upToNextOption,
            help: ArgumentHelp(L("These referrals (one or more ids).", "这些转介（一个或多个编号）。"), valueName: "id"))
        var referralIDs: [ReferralID] = []

        @Option(help: ArgumentHelp(L("Only the referrals to this vocational school (its id).", "只写给这所中职学校的转介（学校编号）。"), valueName: "id"))
        var school: String?

        @Option(name: .customLong("junior-school"), help: ArgumentHelp(L("Only the students of this junior school.", "只写这所初中的学生。"), valueName: "name"))
        var juniorSchool: String?

        @Flag(name: .customLong("include-proposed"), help: ArgumentHelp(
            L("Write letters for proposed referrals too, as drafts (by default only approved ones).", "也为“拟转介”写信，作为草稿（默认只写已审核的）。")))
        var includeProposed = false

        @Option(help: ArgumentHelp(L("Language of the letters.", "信的语言。"), valueName: "zh|en"))
        var lang: Language

        @Option(help: ArgumentHelp(L("html (to print) or txt (plain text).", "html（用于打印）或 txt（纯文本）。"), valueName: "html|txt"))
        var format: LetterFormat = .html

        @Option(help: ArgumentHelp(L("Folder to write the letters into (created if missing).", "写入信件的文件夹（不存在则创建）。"), valueName: "dir"))
        var out: String

        @Option(help: ArgumentHelp(L("Which letters.", "写哪些信。"), valueName: "school|family|both"))
        var kind: LetterKindChoice = .both

        @Option(help: ArgumentHelp(L("Folder of templates to use instead of the defaults.", "使用这个文件夹里的模板，而不是默认模板。"), valueName: "dir"))
        var templates: String?

        @Option(help: ArgumentHelp(
            L("Name every letter's contact as this person, instead of each student's responsible person.",
              "每封信的联系人都写这个人，而不是每个学生的负责人。"), valueName: "name"))
        var counsellor: String?

        @Option(name: .customLong("counsellor-phone"), help: ArgumentHelp(
            L("Print this number in every letter, instead of the county profile's.", "每封信都印这个电话，而不是本县资料中的电话。"),
            valueName: "phone"))
        var counsellorPhone: String?

        @Option(help: ArgumentHelp(
            L("The office that signs, instead of the county profile's (青岚县教育局).", "落款单位，代替本县资料中的（例如 青岚县教育局）。"),
            valueName: "name"))
        var office: String?

        @Option(help: ArgumentHelp(L("Date printed on the letters, YYYY-MM-DD (default today).", "信上的日期，YYYY-MM-DD（默认今天）。"), valueName: "date"))
        var date: CalendarDate?

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            switch (runID, referralIDs.isEmpty) {
            case (nil, true): throw ValidationError(L("give --run RUN or --referral ID...", "请给出 --run 匹配编号 或 --referral 转介编号……"))
            case (.some, false): throw ValidationError(L("give either --run or --referral, not both", "--run 和 --referral 只能给一个"))
            default: break
            }
            for (name, value) in [("--counsellor", counsellor), ("--counsellor-phone", counsellorPhone), ("--office", office)]
            where value?.trimmingCharacters(in: .whitespaces).isEmpty == true {
                throw ValidationError(L("\(name) must not be empty: families need a person and a number to call",
                                        "\(name) 不能为空：家长需要知道找谁、打哪个电话"))
            }
        }

        func run() throws {
            // Templates first: a broken template is reported before the database is touched.
            let renderer = try templates.map { try LetterRenderer(templatesFolder: URL(fileURLWithPath: $0, isDirectory: true)) }
                ?? LetterRenderer()
            let job = LetterJob(
                selection: runID.map { .run($0) } ?? .referrals(referralIDs), school: school, juniorSchool: juniorSchool,
                includeProposed: includeProposed, language: lang, format: format, kinds: kind.kinds,
                sender: LetterSender(counsellorName: counsellor, counsellorPhone: counsellorPhone, office: office),
                issuedOn: try date ?? CalendarDate.today(), folder: URL(fileURLWithPath: out, isDirectory: true))
            let workspace = try database.workspace()
            defer { workspace.close() }
            // One line, rewritten a few times a second, rather than a line per file.
            var shown: ContinuousClock.Instant?
            let outcome = Result {
                try job.run(in: workspace, renderer: renderer) { done, total in
                    if let shown, done < total, ContinuousClock.now - shown < .milliseconds(250) { return }
                    shown = .now
                    console.progress(L("writing letters: \(done) of \(total)", "正在写信：\(done) / \(total) 封"))
                }
            }
            if shown != nil { console.endProgress() }
            let written = try outcome.get()
            if !written.missing.isEmpty {
                let ids = written.missing.map(\.description).joined(separator: ", ")
                console.note(L("warning: no letter for referral \(ids): its student, programme or school is no longer in the database",
                               "警告：转介 \(ids) 没有写信：它的学生、专业或学校已不在数据库中"))
            }
            let batch = written.batch
            if output.json { return try console.json(batch) }
            console.line(L("wrote \(batch.letters.count) letters to \(out)", "已把 \(batch.letters.count) 封信写入 \(out)"))
            guard let combined = batch.combined else { return }
            var table = TextTable([L("print file", "打印文件"), L("for", "交给"), L("letters", "封数")], rightAligned: [2])
            for print in batch.prints.dropLast() {
                table.append([print.file.lastPathComponent, print.recipient ?? "", String(print.letters)])
            }
            console.line(table.text)
            console.line(L("all of them, each bundle behind its cover sheet: \(combined.path) (\(batch.pageCount) pages)",
                           "全部（每叠信前有一张封面）：\(combined.path)（共 \(batch.pageCount) 页）"))
        }
    }
}
