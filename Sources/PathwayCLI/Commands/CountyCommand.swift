import ArgumentParser
import Foundation
import PathwayCore
import PathwayWorkflows

/// `pathway county show|set`: the region's own settings (the follow-up deadlines).
struct CountyCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "county",
            abstract: L("Show or change the county's settings: the follow-up deadlines and the profile every letter uses.",
                        "查看或修改本县的设置：跟进期限，以及每封信都用到的本县资料。"),
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
            let profile = try workspace.profile.profile()
            if output.json { return try console.json(Settings(deadlines: current.deadlines, profile: profile.profile)) }
            CountyCommand.print(current.deadlines)
            CountyCommand.print(profile.profile)
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
                abstract: L("Change the county's follow-up deadlines and its profile for letters.", "修改本县的跟进期限和信件用的本县资料。"),
                discussion: L(
                    """
                    --acknowledge-days N: a sent referral the school has not acknowledged after N days \
                    (1 to 365, standard 14) is overdue. --registration-closes MM-DD: the last day of 中职 \
                    registration in the cohort's year (standard 11-20); open referrals expire the day after \
                    and their students return to the follow-up ledger.

                    The profile every letter uses: --office (who signs), --signatory (printed under it), \
                    --office-phone (the number for a responsible person without one of their own), \
                    --counsellor "JUNIOR SCHOOL=NAME,PHONE" (each junior school's counsellor; repeat it), \
                    --subsidy KIND:YUAN:FROM[:UNTIL] with KIND tuition (no amount: tuition:2026-09-01), \
                    state_grant or yulu (a sum per year; told to families in hardship only). An empty value \
                    clears a text; --remove-counsellor and --remove-subsidy KIND take entries away. Every \
                    change is recorded in the audit log.

                    Examples:
                      pathway county set --acknowledge-days 10 --registration-closes 11-30
                      pathway county set --office 青岚县教育局 --office-phone 0851-5550100 \\
                        --counsellor "青石镇中学=李老师,0851-5550101" --subsidy state_grant:2300:2026-09-01
                    """,
                    """
                    --acknowledge-days N：已发送的转介超过 N 天（1 到 365，标准为 14）学校仍未确认，即为逾期。\
                    --registration-closes MM-DD：当届中职报名的最后一天（标准为 11-20）；第二天起进行中的\
                    转介过期，学生回到跟进名单。

                    每封信都用到的本县资料：--office（落款单位）、--signatory（印在单位下面）、\
                    --office-phone（负责人没有自己的电话时用这个号码）、\
                    --counsellor "初中学校=姓名,电话"（每所初中的联络员，可重复）、\
                    --subsidy 类别:金额:起始日期[:截止日期]，类别为 tuition（免学费，不写金额：tuition:2026-09-01）、\
                    state_grant（国家助学金）或 yulu（雨露计划），金额为每年的元数，只告诉家庭困难的学生。\
                    空值清除一项文字；--remove-counsellor 和 --remove-subsidy 类别 删除条目。每次修改都记入审计日志。

                    示例：
                      pathway county set --acknowledge-days 10 --registration-closes 11-30
                      pathway county set --office 青岚县教育局 --office-phone 0851-5550100 \\
                        --counsellor "青石镇中学=李老师,0851-5550101" --subsidy state_grant:2300:2026-09-01
                    """))
        }
        @Option(name: .customLong("acknowledge-days"), help: ArgumentHelp(L("Days a school has to acknowledge a sent referral.", "学校确认已发送转介的天数。"), valueName: "N"))
        var acknowledgeDays: Int?
        @Option(name: .customLong("registration-closes"), help: ArgumentHelp(L("The last day of registration, MM-DD.", "报名的最后一天，MM-DD。"), valueName: "MM-DD"))
        var registrationCloses: String?
        @Option(help: ArgumentHelp(L("The office that signs the letters.", "信件的落款单位。"), valueName: "name"))
        var office: String?
        @Option(help: ArgumentHelp(L("Who signs for the office, printed under it.", "代表单位签发的部门或负责人，印在单位下面。"), valueName: "text"))
        var signatory: String?
        @Option(name: .customLong("office-phone"), help: ArgumentHelp(L("The office's telephone number.", "单位的电话号码。"), valueName: "phone"))
        var officePhone: String?
        @Option(help: ArgumentHelp(L("A junior school's counsellor: \"SCHOOL=NAME,PHONE\" (repeatable).", "一所初中的联络员：\"学校=姓名,电话\"（可重复）。"), valueName: "entry"))
        var counsellor: [String] = []
        @Option(name: .customLong("remove-counsellor"), help: ArgumentHelp(L("Remove a junior school's counsellor.", "删除一所初中的联络员。"), valueName: "school"))
        var removeCounsellor: [String] = []
        @Option(help: ArgumentHelp(L("A subsidy: KIND:YUAN:FROM[:UNTIL] (repeatable).", "一项资助：类别:金额:起始日期[:截止日期]（可重复）。"), valueName: "spec"))
        var subsidy: [String] = []
        @Option(name: .customLong("remove-subsidy"), help: ArgumentHelp(L("Remove every entry of a subsidy kind.", "删除某类资助的全部条目。"), valueName: "kind"))
        var removeSubsidy: [Subsidy.Kind] = []
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            let profileChanges = try profileJob().changesSomething
            guard acknowledgeDays != nil || registrationCloses != nil || profileChanges else {
                throw ValidationError(L("give a setting to change; `pathway county set --help` lists them",
                                        "请给出要修改的设置；`pathway county set --help` 列出全部"))
            }
            if let days = acknowledgeDays, !FollowupDeadlines.acknowledgeDayRange.contains(days) {
                throw ValidationError(L("--acknowledge-days must be 1 to 365, not \(days)", "--acknowledge-days 应为 1 到 365，而不是 \(days)"))
            }
            if let text = registrationCloses, FollowupDeadlines.registrationDay(parsing: text) == nil {
                throw ValidationError(L("--registration-closes \(text) is not a day of the year; write it as 11-20",
                                        "--registration-closes \(text) 不是一年中的某一天；请写成 11-20 这样"))
            }
        }

        /// The profile changes given, checked.
        func profileJob() throws -> CountyProfileJob {
            let counsellors = try counsellor.map { entry -> (juniorSchool: String, person: CountyProfile.Person) in
                let parts = entry.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                let person = parts.count == 2
                    ? parts[1].split(separator: ",", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) } : []
                guard parts.count == 2, !parts[0].isEmpty, person.count == 2, !person[0].isEmpty, !person[1].isEmpty else {
                    throw ValidationError(L("--counsellor \"\(entry)\" is not SCHOOL=NAME,PHONE",
                                            "--counsellor \"\(entry)\" 的格式不对，应为 学校=姓名,电话"))
                }
                return (parts[0], CountyProfile.Person(name: person[0], phone: person[1]))
            }
            let subsidies = try subsidy.map { spec in
                do throws(SubsidyError) {
                    return try Subsidy.parsing(spec)
                } catch {
                    throw ValidationError(Messages.subsidy(error, spec: spec))
                }
            }
            return CountyProfileJob(
                office: office, signatory: signatory, officePhone: officePhone, counsellors: counsellors,
                removedCounsellors: removeCounsellor, subsidies: subsidies, removedSubsidies: removeSubsidy)
        }

        func run() throws {
            let workspace = try database.workspace()
            defer { workspace.close() }
            let profileJob = try profileJob()
            let deadlines = try CountySettingsJob(
                acknowledgeDays: acknowledgeDays, registrationCloses: registrationCloses.flatMap(FollowupDeadlines.registrationDay(parsing:))
            ).run(in: workspace)
            let profile = try profileJob.run(in: workspace)
            if output.json { return try console.json(Settings(deadlines: deadlines, profile: profile)) }
            CountyCommand.print(deadlines)
            CountyCommand.print(profile)
        }
    }

    /// `county show --json`.
    struct Settings: Encodable {
        var deadlines: FollowupDeadlines
        var profile: CountyProfile
    }

    static func print(_ profile: CountyProfile) {
        var table = TextTable(["", ""])
        let unset = L("(not set)", "（未设置）")
        table.append([L("office that signs", "落款单位"), profile.office ?? unset])
        table.append([L("signatory", "签发"), profile.signatory ?? unset])
        table.append([L("office telephone", "单位电话"), profile.officePhone ?? unset])
        for school in profile.counsellors.keys.sorted() {
            guard let person = profile.counsellors[school] else { continue }
            table.append([L("counsellor, \(school)", "联络员（\(school)）"), "\(person.name) \(person.phone)"])
        }
        let kinds = Subsidy.Kind.allCases
        let subsidies = profile.subsidies.sorted {
            ($0.kind == $1.kind) ? $0.effectiveFrom < $1.effectiveFrom
                : (kinds.firstIndex(of: $0.kind) ?? 0) < (kinds.firstIndex(of: $1.kind) ?? 0)
        }
        for subsidy in subsidies {
            let amount = subsidy.yuanPerYear.map { L("¥\($0) a year", "每年 \($0) 元") } ?? L("free", "免除")
            let until = subsidy.effectiveUntil.map { " – \($0)" } ?? L(" onwards", " 起")
            table.append([Messages.subsidyKind(subsidy.kind), amount + L(", ", "，") + "\(subsidy.effectiveFrom)\(until)"])
        }
        console.line(table.bodyText)
    }

    static func print(_ deadlines: FollowupDeadlines) {
        var table = TextTable(["", ""])
        table.append([L("days a school has to acknowledge", "学校确认期限"), L("\(deadlines.acknowledgeDays) days", "\(deadlines.acknowledgeDays) 天")])
        table.append([L("registration closes", "报名截止"), deadlines.registrationText])
        console.line(table.bodyText)
    }
}
