import ArgumentParser
import Foundation
import PathwayCore
import PathwayWorkflows

extension PeriodReportJob.Format: ExpressibleByArgument {}

/// `pathway report period`: the follow-up figures the county reports monthly and quarterly.
struct ReportCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "report",
            abstract: L("Reports in the county's rhythm: the follow-up figures of a month or a quarter.", "按县里的报送节奏出报告：一个月或一个季度的跟进数据。"),
            subcommands: [Period.self]
        )
    }

    struct Period: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("Referred, acknowledged, enrolled, declined by reason, no-show, expired, open, overdue, on the ledger, contacts.",
                            "转介、确认、报到、按原因的拒绝、未报到、过期、进行中、逾期、跟进名单、联系次数。"),
                discussion: L(
                    """
                    Changes are counted on the days from --from to --to (both included); open, overdue and \
                    on-the-ledger as they stand at the end of --to. Per vocational school, junior school and \
                    township; each breakdown adds up to the total. The file's extension chooses HTML or \
                    xlsx; aggregates only, no student's name or id.

                    Examples:
                      pathway report period --from 2026-11-01 --to 2026-11-30 --output 11月跟进.xlsx
                      pathway report period --from 2026-09-01 --to 2026-11-30 --output 第三季度.html
                    """,
                    """
                    变化按 --from 到 --to（含两端）的日期统计；进行中、逾期和跟进名单按 --to 当天结束时统计。\
                    分中职学校、初中学校和乡镇，每个分表相加等于合计。按文件扩展名写成 HTML 或 xlsx；只有汇总\
                    数字，没有学生姓名或编号。

                    示例：
                      pathway report period --from 2026-11-01 --to 2026-11-30 --output 11月跟进.xlsx
                      pathway report period --from 2026-09-01 --to 2026-11-30 --output 第三季度.html
                    """))
        }
        @Option(help: ArgumentHelp(L("The first day.", "第一天。"), valueName: "YYYY-MM-DD"))
        var from: CalendarDate
        @Option(help: ArgumentHelp(L("The last day.", "最后一天。"), valueName: "YYYY-MM-DD"))
        var to: CalendarDate
        @Option(help: ArgumentHelp(L("Only this cohort.", "只统计这一届。"), valueName: "year"))
        var cohort: Int?
        @Option(name: .customLong("output"), help: ArgumentHelp(L("The .html or .xlsx file to write (replaced whole).", "要写入的 .html 或 .xlsx 文件（整个替换）。"), valueName: "file"))
        var outputFile: String?
        @Option(help: ArgumentHelp(L("Language of the workbook: zh or en; default the command line's.", "工作簿的语言：zh 或 en；默认与命令行相同。"), valueName: "zh|en"))
        var lang: Language?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        var format: PeriodReportJob.Format? {
            guard let outputFile else { return nil }
            return outputFile.lowercased().hasSuffix(".xlsx") ? .xlsx : outputFile.lowercased().hasSuffix(".html") ? .html : nil
        }

        func validate() throws {
            try checkCohort(cohort)
            guard from <= to else {
                throw ValidationError(L("--from \(from) is after --to \(to)", "--from \(from) 晚于 --to \(to)"))
            }
            if outputFile != nil, format == nil {
                throw ValidationError(L("--output must end in .html or .xlsx", "--output 的文件名应以 .html 或 .xlsx 结尾"))
            }
            if outputFile == nil, !output.json {
                throw ValidationError(L("give --output FILE.html or FILE.xlsx (or --json for the figures)",
                                        "请用 --output 给出 .html 或 .xlsx 文件（或用 --json 输出数字）"))
            }
        }

        func run() throws {
            let workspace = try database.workspace()
            defer { workspace.close() }
            let job = PeriodReportJob(from: from, to: to, cohort: cohort, format: format ?? .html, language: lang ?? Words.language)
            guard let outputFile else { return try console.json(try job.figures(in: workspace).0) }
            let figures = try job.run(in: workspace, to: outputFile)
            let t = figures.total
            console.note(L("wrote \(outputFile): \(t.referred) referred, \(t.enrolled) enrolled, \(t.declined) declined, \(t.onLedger) on the ledger",
                           "已写入 \(outputFile)：转介 \(t.referred)，报到 \(t.enrolled)，拒绝 \(t.declined)，跟进名单 \(t.onLedger)"))
        }
    }
}
