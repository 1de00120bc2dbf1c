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
                "Import schools, programmes or students from a CSV file saved by Excel, WPS or the student-status system.",
                "从 Excel、WPS 或学籍系统导出的 CSV 文件导入学校、专业或学生。"),
            discussion: L(
                """
                Import schools first, then programmes (each names its school), then students (whose \
                wishes name programmes). Each file is checked whole before anything is written: if any \
                row is wrong, nothing is imported and every problem is listed as file:row: column: value \
                and what was expected. Importing the same or a corrected file again updates records by \
                id and never duplicates them. The formats are in docs/data-formats.md.

                Examples:
                  pathway import schools Seeds/schools.csv
                  pathway import students 学生名单.csv --dry-run
                  pathway import students students.csv --encoding gbk --json
                """,
                """
                先导入学校，再导入专业（每个专业写明所属学校），最后导入学生（志愿写的是专业）。\
                写入之前先检查整个文件：只要有一行有错，就什么也不导入，并逐条列出每个问题所在的\
                文件、行、列、值和应当填写的内容。再次导入同一个或改正后的文件，会按编号更新记录，\
                不会重复。文件格式见 docs/data-formats.md。

                示例：
                  pathway import schools Seeds/schools.csv
                  pathway import students 学生名单.csv --dry-run
                  pathway import students students.csv --encoding gbk --json
                """),
            subcommands: [Schools.self, Programs.self, Students.self]
        )
    }

    struct Schools: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("Import schools.csv (vocational schools).", "导入 schools.csv（中职学校）。")
            )
        }
        @OptionGroup var file: ImportFileOptions
        func run() throws { try file.run(.schools) }
    }

    struct Programs: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("Import programs.csv (each programme's school must already be imported).",
                            "导入 programs.csv（专业所属的学校须已导入）。")
            )
        }
        @OptionGroup var file: ImportFileOptions
        func run() throws { try file.run(.programs) }
    }

    struct Students: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("Import students.csv (the programmes their wishes name must already be imported).",
                            "导入 students.csv（志愿中的专业须已导入）。")
            )
        }
        @OptionGroup var file: ImportFileOptions
        func run() throws { try file.run(.students) }
    }
}

/// What every `pathway import` subcommand accepts, and how it reports.
struct ImportFileOptions: ParsableArguments {
    @Argument(help: ArgumentHelp(L("The CSV file.", "CSV 文件。"), valueName: "file"))
    var path: String

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

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func run(_ kind: ImportJob.Kind) throws {
        let job = try ImportJob(kind: kind, path: path, encoding: encoding, dryRun: dryRun, prune: prune)
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
                    issues: diagnostics.sorted.map(\.description)))
            }
            throw WorkflowError.refusedFile(fileName: name, diagnostics: diagnostics)
        }
        if output.json { return try console.json(summary) }
        report(summary)
    }

    /// Every error and warning, one per line, as the file's reader should look for them.
    private func listIssues(_ diagnostics: ImportDiagnostics) {
        for issue in diagnostics.sorted { console.note(Messages.issue(issue)) }
        if diagnostics.omittedCount > 0 {
            console.note(L("... and \(diagnostics.omittedCount) more", "……另有 \(diagnostics.omittedCount) 处"))
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
}
