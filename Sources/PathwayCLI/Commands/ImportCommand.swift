import ArgumentParser
import Foundation
import PathwayImport
import PathwayStorage
import PathwayWorkflows

/// `pathway import schools|programs|students FILE`: spreadsheets into the database, all or
/// nothing per file.
struct ImportCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "import",
            abstract: L(
                "Import the gazetteer, schools, programmes or students from an .xlsx workbook or a CSV file.",
                "从 .xlsx 工作簿或 CSV 文件导入地名表、学校、专业或学生。"),
            discussion: L(
                """
                Files come as Excel or WPS save them: .xlsx (the first sheet, or --sheet), or CSV in \
                UTF-8 or GBK. A title row or two above the header (XX县2026届初中毕业生名单) is skipped; \
                headers may be Chinese or English in any order.

                Import places first if lists give 乡镇 and 村 instead of coordinates, then schools, then \
                programmes (each names its school), then students (whose wishes name programmes). A \
                student list may have one column per subject (语文, 数学, …) and wish columns (第一志愿, \
                第二志愿, …) holding a programme's name, 学校+专业, a category or a code. Each file is \
                checked whole before anything is written: if any row is wrong, nothing is imported and \
                each problem is listed once, with how many rows have it and the first of them. \
                Importing the same or a corrected file again updates records by id and never \
                duplicates them. Measured road distances (pathway import travel) replace the straight \
                line in matching where the county has them. The formats are in docs/data-formats.md.

                Examples:
                  pathway import places 地名表.xlsx
                  pathway import schools Seeds/schools.csv
                  pathway import students 2026届毕业生.xlsx --sheet 名单 --dry-run
                  pathway import students students.csv --encoding gbk --json
                  pathway import travel 路线.xlsx
                """,
                """
                文件按 Excel 或 WPS 保存的样子导入：.xlsx（第一个工作表，或用 --sheet 指定），或 UTF-8、GBK \
                编码的 CSV。表头上方的一两行标题（如“XX县2026届初中毕业生名单”）会自动跳过；表头可以是\
                中文或英文，顺序不限。

                如果名单里写的是乡镇和村而不是经纬度，请先导入地名表；然后导入学校，再导入专业（每个专业\
                写明所属学校），最后导入学生（志愿写的是专业）。学生名单可以每科一列（语文、数学……），\
                志愿可以分列（第一志愿、第二志愿……），写专业名称、“学校+专业”、专业大类或专业代码都可以。\
                写入之前先检查整个文件：只要有一行有错，就什么也不导入；每种问题只列一次，并写明有多少行、\
                是哪几行。再次导入同一个或改正后的文件，会按编号更新记录，不会重复。导入实测的公路距离\
                （pathway import travel）后，匹配时有路线的按公路计算，不再按直线。文件格式见 \
                docs/data-formats.md。

                示例：
                  pathway import places 地名表.xlsx
                  pathway import schools Seeds/schools.csv
                  pathway import students 2026届毕业生.xlsx --sheet 名单 --dry-run
                  pathway import students students.csv --encoding gbk --json
                  pathway import travel 路线.xlsx
                """),
            subcommands: [Places.self, Schools.self, Programs.self, Students.self, Travel.self]
        )
    }

    struct Places: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("Import the county's gazetteer: 乡镇, 村 (optional), latitude, longitude.",
                            "导入本县地名表：乡镇、村（可不填）、纬度、经度。"),
                discussion: L(
                    "A row without a village is the township's own point; without one, a township is placed at the centre of its villages. "
                        + "Students, schools and programmes given by township and village are placed from it when they are imported.",
                    "没有村的一行是乡镇本身的位置；乡镇没有这一行时，取其各村的中心。导入学生、学校和专业时，"
                        + "只写了乡镇和村的，按地名表定位。")
            )
        }
        @OptionGroup var file: ImportFileOptions
        func run() throws { try file.run(.places) }
    }

    struct Travel: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("Import measured road distances: 乡镇, 村 (optional), school_id or program_id, km and/or minutes.",
                            "导入实测的公路距离：乡镇、村（可不填）、学校代码或专业代码、公里数和/或分钟数。"),
                discussion: L(
                    "Where a student's village (else township) has a route to a programme (else its school), match runs score "
                        + "and apply the commute limit with it instead of the straight line; a route given in minutes only counts "
                        + "as the distance at 30 km/h. Import places, schools and programmes first. See docs/scoring.md.",
                    "学生所在村（没有则乡镇）到某专业（没有则其学校）有实测路线时，匹配按路线计算距离得分和通勤上限，"
                        + "而不是直线距离；只给了分钟数的，按每小时 30 公里折算。请先导入地名表、学校和专业。见 docs/scoring.md。")
            )
        }
        @OptionGroup var file: ImportFileOptions
        func run() throws { try file.run(.travel) }
    }

    struct Schools: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("Import the vocational schools (schools.csv or .xlsx).", "导入中职学校（schools.csv 或 .xlsx）。")
            )
        }
        @OptionGroup var file: ImportFileOptions
        func run() throws { try file.run(.schools) }
    }

    struct Programs: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("Import the programmes (programs.csv or .xlsx; each programme's school must already be imported).",
                            "导入专业（programs.csv 或 .xlsx；专业所属的学校须已导入）。")
            )
        }
        @OptionGroup var file: ImportFileOptions
        func run() throws { try file.run(.programs) }
    }

    struct Students: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("Import the students (students.csv or the county's own .xlsx list; the programmes their wishes name must already be imported).",
                            "导入学生（students.csv 或本县自己的 .xlsx 名单；志愿中的专业须已导入）。")
            )
        }
        @Flag(help: ArgumentHelp(
            L("Import students whose homes cannot be placed (no coordinates, a place the gazetteer lacks) with a warning; they are matched without location.",
              "家庭住址无法定位的学生（没有坐标，地名表中也没有其乡镇和村）也导入，并给出警告；匹配时不计距离。")))
        var allowUnplacedHomes = false
        @OptionGroup var file: ImportFileOptions
        func run() throws { try file.run(.students, allowUnplacedHomes: allowUnplacedHomes) }
    }
}

/// What every `pathway import` subcommand accepts, and how it reports.
struct ImportFileOptions: ParsableArguments {
    @Argument(help: ArgumentHelp(L("The .xlsx workbook or CSV file.", ".xlsx 工作簿或 CSV 文件。"), valueName: "file"))
    var path: String

    @Option(help: ArgumentHelp(L("The workbook's sheet to read (default: the first).", "要读取的工作表（默认第一个）。"),
                               valueName: "name"))
    var sheet: String?

    @Option(name: .customLong("subject"), help: ArgumentHelp(
        L("A subject of the county's own whose column holds marks (repeatable); 语文, 数学, English, … are known already.",
          "本县自己的考试科目，其所在列为成绩（可重复）；语文、数学、英语等已能识别。"),
        valueName: "name"))
    var subjects: [String] = []

    @Flag(help: ArgumentHelp(L("Check the file and report what would change, without writing anything.",
                               "只检查文件并报告会有哪些变化，不写入任何内容。")))
    var dryRun = false

    @Option(help: ArgumentHelp(
        L("The file's encoding: auto (UTF-8, else GB18030), utf-8, or gb18030 (also gbk).",
          "文件的编码：auto（先试 UTF-8，不是则按 GB18030）、utf-8 或 gb18030（也可写 gbk）。"),
        valueName: "name"))
    var encoding: CSVReader.Encoding = .auto

    @Flag(help: ArgumentHelp(L("Remove records that are not in this file (those a match run or referral refers to are kept).",
                               "删除文件中没有的记录（匹配或转介用到的记录会保留）。")))
    var prune = false

    @Flag(help: ArgumentHelp(L("Confirm a --prune that would remove every record, or more than a fifth of them.",
                               "确认会删除全部记录或超过五分之一记录的 --prune。")))
    var yes = false

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func run(_ kind: ImportJob.Kind, allowUnplacedHomes: Bool = false) throws {
        var job = try ImportJob(
            kind: kind, path: path, encoding: encoding, sheet: sheet, subjects: Set(subjects), dryRun: dryRun, prune: prune)
        job.allowUnplacedHomes = allowUnplacedHomes
        job.confirmPrune = yes
        let workspace = try database.workspace()
        defer { workspace.close() }
        let large = console.stderrIsTerminal && job.bytes.count > 1 << 20
        if large {
            console.note(L("reading \(job.fileName) (\(job.bytes.count / 1_048_576) MB)",
                           "正在读取 \(job.fileName)（\(job.bytes.count / 1_048_576) MB）"))
        }
        let summary: ImportSummary
        do {
            summary = try job.run(in: workspace, warnings: listIssues) { written in
                if large { console.note(L("written \(written) students", "已写入 \(written) 名学生")) }
            }
        } catch WorkflowError.refusedFile(let name, let diagnostics) {
            if output.json {
                try console.json(ImportRefusal(
                    file: name, errors: diagnostics.errorCount, warnings: diagnostics.warningCount,
                    issues: diagnostics.sorted.map(\.description),
                    problems: diagnostics.groups.map(ImportRefusal.Problem.init)))
            }
            throw WorkflowError.refusedFile(fileName: name, diagnostics: diagnostics)
        }
        if output.json { return try console.json(summary) }
        report(summary)
    }

    /// Every distinct problem once, with how many rows have it and the first of them, in the
    /// order the file's reader meets them.
    private func listIssues(_ diagnostics: ImportDiagnostics) {
        for group in diagnostics.groups { console.note(Messages.issueGroup(group)) }
        if diagnostics.ungroupedCount > 0 {
            console.note(L("... and \(diagnostics.ungroupedCount) more of other kinds",
                           "……另有 \(diagnostics.ungroupedCount) 处其他问题"))
        }
    }

    private func report(_ summary: ImportSummary) {
        let kind = Self.kindName(summary.kind)
        if Words.chinese {
            console.line("\(summary.file)（\(summary.encoding)）：\(summary.dryRun ? "将导入" : "已导入") \(summary.rows) 条\(kind)")
            console.line("  新增      \(summary.inserted)")
            console.line("  更新      \(summary.updated)")
            console.line("  未变      \(summary.unchanged)")
        } else {
            console.line("\(summary.file) (\(summary.encoding)): \(summary.dryRun ? "would import" : "imported") \(summary.rows) \(kind)")
            console.line("  inserted  \(summary.inserted)")
            console.line("  updated   \(summary.updated)")
            console.line("  unchanged \(summary.unchanged)")
        }
        if let pruned = summary.pruned {
            let kept = summary.missing - pruned
            console.line(L(
                "  removed   \(pruned) not in the file" + (kept > 0 ? " (\(kept) kept: match runs or referrals refer to them)" : ""),
                "  删除      \(pruned) 条文件中没有的记录" + (kept > 0 ? "（保留 \(kept) 条：匹配或转介用到它们）" : "")))
        } else if summary.missing > 0 {
            console.line(L("  not in this file: \(summary.missing), kept (--prune removes them)",
                           "  文件中没有的记录：\(summary.missing) 条，已保留（--prune 可删除）"))
        }
        if summary.warnings > 0 {
            console.line(L("  warnings  \(summary.warnings) (listed above)", "  警告      \(summary.warnings) 条（见上方）"))
        }
        if summary.dryRun { console.line(L("nothing was written (--dry-run)", "没有写入任何内容（--dry-run）")) }
    }

    static func kindName(_ kind: String) -> String {
        guard Words.chinese else { return kind }
        return switch kind {
        case "schools": "学校"
        case "programs": "专业"
        case "students": "学生"
        case "places": "地名"
        case "travel_routes": "路线"
        default: kind
        }
    }
}

/// The `--json` answer when a file is refused.
private struct ImportRefusal: Encodable {
    var imported = false
    var file: String
    var errors: Int
    var warnings: Int
    var issues: [String]
    /// Each distinct problem: its first occurrence, how many rows have it, and the first rows.
    var problems: [Problem]

    struct Problem: Encodable {
        var severity: String
        var issue: String
        var count: Int
        var rows: [Int]

        init(_ group: ImportDiagnostics.IssueGroup) {
            severity = group.first.severity.rawValue
            issue = group.first.description
            count = group.count
            rows = group.rows
        }
    }
}
