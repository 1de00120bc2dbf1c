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
            subcommands: [List.self, Assign.self, Contact.self]
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
                    declined, no_show, withdrawn, expired (registration closed first), and overdue (a \
                    referral the school has not acknowledged in time: it still holds the seat). The \
                    responsible person is the one named for the student (the list's 班主任 column, or \
                    `pathway followup assign`), else the assignee of their latest referral. Days are \
                    counted from the event behind the reason; --as-of shows a given day. \
                    `pathway match run --only-followup` matches these students (but the overdue) into \
                    the seats still free.

                    --output FILE.xlsx writes the list as a workbook for Excel and WPS (recorded in \
                    the audit log).

                    Examples:
                      pathway followup list --cohort 2026
                      pathway followup list --assignee "王老师" --as-of 2026-11-30
                      pathway followup list --output 跟进名单.xlsx
                    """,
                    """
                    原因：从未参加匹配、最近一次匹配没有学位、已安置但尚未转介、拒绝了转介、未报到、\
                    转介已撤回、报名截止前未报到（过期），以及学校逾期未确认（转介仍占着学位）。负责人是\
                    为学生指定的人（名单中的班主任列，或 `pathway followup assign`），否则是学生最近一份\
                    转介的负责人。天数从导致这个原因的事件算起；--as-of 查看某一天的情况。\
                    `pathway match run --only-followup` 把这些学生（逾期未确认的除外）匹配到还空着的学位。

                    --output FILE.xlsx 把名单写成供 Excel 和 WPS 使用的工作簿（记入审计日志）。

                    示例：
                      pathway followup list --cohort 2026
                      pathway followup list --assignee "王老师" --as-of 2026-11-30
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
        @Option(help: ArgumentHelp(L("Only the students this person follows.", "只列这个人负责的学生。"), valueName: "name"))
        var assignee: String?
        @Option(name: .customLong("as-of"), help: ArgumentHelp(L("The ledger as it stands on this day (default today).", "这一天的跟进名单（默认今天）。"), valueName: "YYYY-MM-DD"))
        var asOf: CalendarDate?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func validate() throws { try checkCohort(cohort) }

        func run() throws {
            let workspace = try database.workspace()
            defer { workspace.close() }
            let job = FollowupListJob(cohort: cohort, asOf: asOf, assignee: assignee)
            if let outputFile {
                let entries = try FollowupExportJob(list: job, language: lang ?? Words.language).run(in: workspace, to: outputFile)
                return console.note(L("wrote \(entries.count) students to follow up to \(outputFile)",
                                      "已把需要跟进的 \(entries.count) 名学生写入 \(outputFile)"))
            }
            let entries = try job.run(in: workspace).entries
            if output.json { return try console.json(entries) }
            var table = TextTable(
                [L("student_id", "学生编号"), L("name", "姓名"), L("junior school", "初中学校"), L("reason", "原因"),
                 L("responsible", "负责人"), L("days", "天数"), L("run", "匹配"), L("referral", "转介号")],
                rightAligned: [5])
            for e in entries {
                var reason = Messages.followupReason(e.reason)
                if let given = e.outcomeReason { reason += L(" (\(given.name(in: .english)))", "（\(given.name(in: .chinese))）") }
                if let late = e.overdueDays { reason += L(" +\(late)d", "（逾期\(late)天）") }
                table.append([
                    e.studentID, e.studentName, e.juniorSchool ?? "", reason,
                    e.responsible ?? L("(nobody named: pathway followup assign)", "（未指定：pathway followup assign）"),
                    String(e.waitingDays), e.runID?.description ?? "", e.referenceNumber ?? "",
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

    struct Assign: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("Name the person who follows students until they enrol (四级包保).", "指定跟进学生直到报到的负责人（四级包保）。"),
                discussion: L(
                    """
                    Choose the students by id, or by --junior-school, --township and --cohort (together \
                    they narrow down). Their open referrals, and the letters made from them, name the \
                    person too. A name, not an account: the person families and schools can call.

                    Examples:
                      pathway followup assign --junior-school 城关中学 --to "王老师"
                      pathway followup assign S2026001 S2026002 --to "李主任"
                    """,
                    """
                    按学生编号，或按 --junior-school、--township、--cohort（可以组合）选择学生。他们进行中的\
                    转介以及据此生成的转介信也会写上这个人。写人名而不是账号：家长和学校能打电话找到的人。

                    示例：
                      pathway followup assign --junior-school 城关中学 --to "王老师"
                      pathway followup assign S2026001 S2026002 --to "李主任"
                    """))
        }
        @Argument(help: ArgumentHelp(L("Student ids.", "学生编号。"), valueName: "student_id"))
        var studentIDs: [String] = []
        @Option(name: .customLong("junior-school"), help: ArgumentHelp(L("Every student of this junior school.", "这所初中的所有学生。"), valueName: "name"))
        var juniorSchool: String?
        @Option(help: ArgumentHelp(L("Every student of this township.", "这个乡镇的所有学生。"), valueName: "name"))
        var township: String?
        @Option(help: ArgumentHelp(L("Only this cohort.", "只选这一届。"), valueName: "year"))
        var cohort: Int?
        @Option(help: ArgumentHelp(L("The person's name, e.g. \"王老师\".", "负责人的姓名，例如“王老师”。"), valueName: "name"))
        var to: String
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func validate() throws { try checkCohort(cohort) }

        func run() throws {
            let workspace = try database.workspace()
            defer { workspace.close() }
            let selection = FollowupStore.Selection(
                studentIDs: studentIDs.isEmpty ? nil : studentIDs, juniorSchool: juniorSchool, township: township, cohort: cohort)
            let done = try AssignJob(selection: selection, person: to).run(in: workspace)
            if output.json { return try console.json(done) }
            console.line(L("\(done.students) students are now followed by \(to); \(done.openReferrals) open referrals name them",
                           "\(done.students) 名学生的负责人现为 \(to)；\(done.openReferrals) 份进行中的转介已改为写明此人"))
        }
    }

    struct Contact: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("Record a call, visit or message to a student's family (劝返/家访).", "记录一次与学生家庭的联系（劝返/家访）。"),
                discussion: L(
                    """
                    Kinds: \(ContactKind.allCases.map(\.rawValue).joined(separator: ", ")). Outcomes: \
                    \(ContactOutcome.allCases.map(\.rawValue).joined(separator: ", ")). --by defaults to the \
                    student's responsible person; --at to now. The contact is shown in \
                    `pathway students show` and counted in `pathway report period`.

                    Example: pathway followup contact S2026001 --kind home_visit --outcome agreed --by "王老师" --note "奶奶同意送去报到"
                    """,
                    """
                    方式：\(ContactKind.allCases.map { "\($0.rawValue)（\($0.name(in: .chinese))）" }.joined(separator: "、"))。\
                    结果：\(ContactOutcome.allCases.map { "\($0.rawValue)（\($0.name(in: .chinese))）" }.joined(separator: "、"))。\
                    --by 默认为学生的负责人；--at 默认为现在。记录会显示在 `pathway students show` 中，并计入 \
                    `pathway report period`。

                    示例：pathway followup contact S2026001 --kind home_visit --outcome agreed --by "王老师" --note "奶奶同意送去报到"
                    """))
        }
        @Argument(help: ArgumentHelp(L("The student's id.", "学生编号。"), valueName: "student_id"))
        var studentID: String
        @Option(help: ArgumentHelp(L("How: phone, home_visit, school_visit or message.", "方式：phone、home_visit、school_visit 或 message。"), valueName: "kind"))
        var kind: ContactKind
        @Option(help: ArgumentHelp(L("What came of it.", "结果。"), valueName: "outcome"))
        var outcome: ContactOutcome
        @Option(help: ArgumentHelp(L("What was said or agreed.", "谈了什么、商定了什么。"), valueName: "text"))
        var note: String?
        @Option(help: ArgumentHelp(L("Who made the contact (default: the student's responsible person).", "联系人（默认：学生的负责人）。"), valueName: "name"))
        var by: String?
        @Option(help: ArgumentHelp(L("When: YYYY-MM-DD or \"YYYY-MM-DD HH:MM\", local time (default now).",
                                     "时间：YYYY-MM-DD 或 \"YYYY-MM-DD HH:MM\"，本地时间（默认现在）。"), valueName: "time"))
        var at: String?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if let at, TimeText.parse(at) == nil {
                throw ValidationError(L("--at \(at) is not a time; write 2026-11-03 or \"2026-11-03 15:30\"",
                                        "--at \(at) 不是有效的时间；请写成 2026-11-03 或 \"2026-11-03 15:30\""))
            }
        }

        func run() throws {
            let workspace = try database.workspace()
            defer { workspace.close() }
            let contact = try ContactJob(
                studentID: studentID, kind: kind, outcome: outcome, note: note, contactedBy: by, at: at.flatMap(TimeText.parse)
            ).run(in: workspace)
            if output.json { return try console.json(contact) }
            console.line(L(
                "recorded: \(contact.kind.name(in: .english)) by \(contact.contactedBy) on \(TimeText.minute(contact.contactedAt)): \(contact.outcome.name(in: .english))",
                "已记录：\(contact.contactedBy) 于 \(TimeText.minute(contact.contactedAt)) \(contact.kind.name(in: .chinese))，结果：\(contact.outcome.name(in: .chinese))"))
        }
    }
}
