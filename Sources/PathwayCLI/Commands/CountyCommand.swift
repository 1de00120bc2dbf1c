import ArgumentParser
import Foundation
import PathwayCore
import PathwayWorkflows

/// `pathway county show|set`: the region's own settings (the follow-up deadlines).
struct CountyCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "county",
            abstract: L("Show or change the county's settings: the follow-up deadlines.", "查看或修改本县的设置：跟进期限。"),
            subcommands: [Show.self, Set.self]
        )
    }

    struct Show: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Show the county's settings.", "显示本县的设置。"))
        }
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let workspace = try database.workspace()
            defer { workspace.close() }
            let current = try workspace.settings.deadlines()
            if output.json { return try console.json(current.deadlines) }
            CountyCommand.print(current.deadlines)
            if let by = current.changedBy, let at = current.changedAt {
                console.line(L("last changed by \(by) at \(TimeText.minute(at))", "最近由 \(by) 于 \(TimeText.minute(at)) 修改"))
            } else {
                console.line(L("(the standard settings; change them with `pathway county set`)", "（标准设置；可用 `pathway county set` 修改）"))
            }
        }
    }

    struct Set: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("Change the county's follow-up deadlines.", "修改本县的跟进期限。"),
                discussion: L(
                    """
                    --acknowledge-days N: a sent referral the school has not acknowledged after N days \
                    (1 to 365, standard 14) is overdue. --registration-closes MM-DD: the last day of 中职 \
                    registration in the cohort's year (standard 11-20); open referrals expire the day after \
                    and their students return to the follow-up ledger.

                    Example: pathway county set --acknowledge-days 10 --registration-closes 11-30
                    """,
                    """
                    --acknowledge-days N：已发送的转介超过 N 天（1 到 365，标准为 14）学校仍未确认，即为逾期。\
                    --registration-closes MM-DD：当届中职报名的最后一天（标准为 11-20）；第二天起进行中的\
                    转介过期，学生回到跟进名单。

                    示例：pathway county set --acknowledge-days 10 --registration-closes 11-30
                    """))
        }
        @Option(name: .customLong("acknowledge-days"), help: ArgumentHelp(L("Days a school has to acknowledge a sent referral.", "学校确认已发送转介的天数。"), valueName: "N"))
        var acknowledgeDays: Int?
        @Option(name: .customLong("registration-closes"), help: ArgumentHelp(L("The last day of registration, MM-DD.", "报名的最后一天，MM-DD。"), valueName: "MM-DD"))
        var registrationCloses: String?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard acknowledgeDays != nil || registrationCloses != nil else {
                throw ValidationError(L("give --acknowledge-days or --registration-closes", "请给出 --acknowledge-days 或 --registration-closes"))
            }
            if let days = acknowledgeDays, !FollowupDeadlines.acknowledgeDayRange.contains(days) {
                throw ValidationError(L("--acknowledge-days must be 1 to 365, not \(days)", "--acknowledge-days 应为 1 到 365，而不是 \(days)"))
            }
            if let text = registrationCloses, FollowupDeadlines.registrationDay(parsing: text) == nil {
                throw ValidationError(L("--registration-closes \(text) is not a day of the year; write it as 11-20",
                                        "--registration-closes \(text) 不是一年中的某一天；请写成 11-20 这样"))
            }
        }

        func run() throws {
            let workspace = try database.workspace()
            defer { workspace.close() }
            let deadlines = try CountySettingsJob(
                acknowledgeDays: acknowledgeDays, registrationCloses: registrationCloses.flatMap(FollowupDeadlines.registrationDay(parsing:))
            ).run(in: workspace)
            if output.json { return try console.json(deadlines) }
            CountyCommand.print(deadlines)
        }
    }

    static func print(_ deadlines: FollowupDeadlines) {
        var table = TextTable(["", ""])
        table.append([L("days a school has to acknowledge", "学校确认期限"), L("\(deadlines.acknowledgeDays) days", "\(deadlines.acknowledgeDays) 天")])
        table.append([L("registration closes", "报名截止"), deadlines.registrationText])
        console.line(table.bodyText)
    }
}
