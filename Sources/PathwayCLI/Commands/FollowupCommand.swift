import ArgumentParser
import Foundation
import PathwayCore
import PathwayStorage
import PathwayWorkflows

/// `pathway followup list`: the follow-up ledger (一人一案), everyone no referral holds.
struct FollowupCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "followup",
            abstract: L("The follow-up ledger: students without an open or successful referral.",
                        "跟进名单（一人一案）：没有进行中或已报到转介的学生。"),
            subcommands: [List.self]
        )
    }

    struct List: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("List every student no open or enrolled referral holds, why, who follows them, and for how long.",
                            "列出每个没有进行中或已报到转介的学生：原因、谁在跟进、已经多少天。"),
                discussion: L(
                    """
                    Reasons: never_matched (in no match run yet), unplaced (the latest run left them \
                    without a seat), not_referred (placed, but no referral made from that run yet), \
                    declined, no_show, withdrawn. The responsible person is the assignee of the \
                    student's latest referral; without one, whoever made the latest run that included \
                    them (for a student never matched, the region's latest run). Days are counted from \
                    the event behind the reason. `pathway match run --only-followup` matches these \
                    students into the seats still free.

                    --output FILE.xlsx writes the list as a workbook for Excel and WPS (recorded in \
                    the audit log).

                    Examples:
                      pathway followup list --cohort 2026
                      pathway followup list --output 跟进名单.xlsx
                    """,
                    """
                    原因：从未参加匹配、最近一次匹配没有学位、已安置但尚未转介、拒绝了转介、未报到、\
                    转介已撤回。负责人是学生最近一份转介的负责人；没有转介时，是最近一次包含这名学生的\
                    匹配的操作人（从未匹配的学生，是本地区最近一次匹配的操作人）。天数从导致这个原因的\
                    事件算起。`pathway match run --only-followup` 把这些学生匹配到还空着的学位。

                    --output FILE.xlsx 把名单写成供 Excel 和 WPS 使用的工作簿（记入审计日志）。

                    示例：
                      pathway followup list --cohort 2026
                      pathway followup list --output 跟进名单.xlsx
                    """)
            )
        }
        @Option(help: ArgumentHelp(L("Only this cohort (the year they leave junior school).", "只列这一届（初中毕业的年份）。"), valueName: "year"))
        var cohort: Int?
        @Option(name: .customLong("output"), help: ArgumentHelp(L("Write the list to this .xlsx file (replaced whole) instead of the terminal.",
                                     "把名单写入这个 .xlsx 文件（整个替换），而不是显示在终端上。"), valueName: "file"))
        var outputFile: String?
        @Option(help: ArgumentHelp(L("Language of the workbook's headers and words: zh or en; default the command line's.",
                                     "工作簿表头和文字的语言：zh 或 en；默认与命令行相同。"), valueName: "zh|en"))
        var lang: Language?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func validate() throws { try checkCohort(cohort) }

        func run() throws {
            let workspace = try database.workspace()
            defer { workspace.close() }
            if let outputFile {
                let entries = try FollowupExportJob(cohort: cohort, language: lang ?? Words.language).run(in: workspace, to: outputFile)
                return console.note(L("wrote \(entries.count) students to follow up to \(outputFile)",
                                      "已把需要跟进的 \(entries.count) 名学生写入 \(outputFile)"))
            }
            let entries = try workspace.ledger.entries(cohort: cohort)
            if output.json { return try console.json(entries) }
            var table = TextTable(
                [L("student_id", "学生编号"), L("name", "姓名"), L("junior school", "初中学校"), L("reason", "原因"),
                 L("responsible", "负责人"), L("days", "天数"), L("run", "匹配"), L("referral", "转介号")],
                rightAligned: [5])
            for e in entries {
                table.append([
                    e.studentID, e.studentName, e.juniorSchool ?? "", Messages.followupReason(e.reason),
                    e.responsible ?? L("(nobody yet)", "（尚无）"), String(e.waitingDays), e.runID?.description ?? "",
                    e.referenceNumber ?? "",
                ])
            }
            console.line(table.text)
            let counts = Dictionary(grouping: entries, by: \.reason).mapValues(\.count)
            let summary = FollowupReason.allCases.compactMap { reason in
                counts[reason].map { "\($0) " + (Words.chinese ? Messages.followupReason(reason) : reason.rawValue) }
            }
            console.line(L("\(entries.count) students to follow up", "需要跟进的学生共 \(entries.count) 名")
                + (summary.isEmpty ? "" : L(": ", "：") + summary.joined(separator: L(", ", "，"))))
        }
    }
}
