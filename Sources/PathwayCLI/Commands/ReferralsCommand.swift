import ArgumentParser
import Foundation
import PathwayCore
import PathwayStorage
import PathwayWorkflows

/// `pathway referrals`: turn a match run's placements into referrals and move them through
/// their lifecycle, each step recorded with who did it.
struct ReferralsCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "referrals",
            abstract: L("Make referrals from a match run and follow them until the student enrols.",
                        "根据匹配结果生成转介，并跟进到学生报到。"),
            discussion: L(
                """
                A referral moves: proposed -> approved -> sent -> acknowledged -> enrolled | declined | no_show. \
                A school may report enrolled, declined or no_show straight from sent. Any open referral \
                (proposed, approved, sent, acknowledged) may be withdrawn. Every change is kept in the \
                referral's history and the audit log, with who made it.

                Examples:
                  pathway referrals create --run 3 --assignee "王老师"
                  pathway referrals approve 17 18 19
                  pathway referrals send 17 18 19
                  pathway referrals outcome 17 enrolled --note "报到 9月1日"
                  pathway referrals approve --run 3
                  pathway referrals list --overdue
                """,
                """
                转介的流程：proposed（拟转介）-> approved（已审核）-> sent（已发送）-> acknowledged（学校已确认）\
                -> enrolled（已报到）| declined（已拒绝）| no_show（未报到）。学校可以在 sent 之后直接报告 \
                enrolled、declined 或 no_show。进行中的转介（proposed、approved、sent、acknowledged）都可以\
                撤回（withdrawn）。每一次变化都记在转介的历史和审计日志中，写明是谁做的。

                示例：
                  pathway referrals create --run 3 --assignee "王老师"
                  pathway referrals approve 17 18 19
                  pathway referrals send 17 18 19
                  pathway referrals outcome 17 enrolled --note "报到 9月1日"
                  pathway referrals approve --run 3
                  pathway referrals list --overdue
                """),
            subcommands: [Create.self, Approve.self, Send.self, Withdraw.self, Outcome.self, Outcomes.self, List.self, Show.self]
        )
    }

    struct Create: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("Make one proposed referral for every student a run placed.", "为一次匹配安置的每个学生生成一份拟转介。"),
                discussion: L(
                    """
                    Running it again creates nothing new. A student whom an open or enrolled referral \
                    from another run already holds is skipped: one child, one live referral. So is a \
                    student placed in a programme they declined or did not turn up for. Students whose \
                    earlier referral was declined, not taken up, withdrawn or expired are otherwise \
                    referred again. Each referral names the student's responsible person (the 班主任 \
                    column of the list, or `pathway followup assign`); --assignee names one for the \
                    students that have none.

                    Example: pathway referrals create --run 3 --assignee "招生办 刘老师"
                    """,
                    """
                    再运行一次不会重复生成。已有其他匹配的进行中或已报到转介的学生会跳过：一个孩子\
                    同时只有一份有效的转介。被安置到自己拒绝过或未报到过的专业的学生也会跳过。其他之前的\
                    转介被拒绝、未报到、撤回或过期的学生会再次转介。每份转介写明学生的负责人（名单中的\
                    班主任列，或 `pathway followup assign` 指定的人）；--assignee 为没有负责人的学生指定一位。

                    示例：pathway referrals create --run 3 --assignee "招生办 刘老师"
                    """)
            )
        }
        @Option(name: .customLong("run"), help: ArgumentHelp(L("The match run whose placements to refer.", "要转介哪一次匹配的安置结果。"), valueName: "run_id"))
        var runID: RunID
        @Option(help: ArgumentHelp(
            L("Who follows the students that have nobody named yet (no 班主任 column, no `followup assign`) until they enrol.",
              "为还没有负责人（名单中没有班主任、也没有用 `followup assign` 指定）的学生指定跟进到报到的人。"),
            valueName: "name"))
        var assignee: String?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let workspace = try database.workspace()
            defer { workspace.close() }
            let creation = try ReferralCreationJob(runID: runID, assignee: assignee).run(in: workspace)
            if output.json { return try console.json(creation) }
            console.line(L("run \(creation.runID): \(creation.placed) students placed, \(creation.created) referrals made",
                           "第 \(creation.runID) 次匹配：安置 \(creation.placed) 名学生，生成 \(creation.created) 份转介"))
            if creation.alreadyReferred > 0 {
                console.line(L("\(creation.alreadyReferred) already had a referral from this run",
                               "\(creation.alreadyReferred) 名学生已有这次匹配的转介"))
            }
            if creation.heldByOtherRun > 0 {
                console.line(L("\(creation.heldByOtherRun) skipped: an open or enrolled referral from another run holds them",
                               "跳过 \(creation.heldByOtherRun) 名：他们已有其他匹配的进行中或已报到转介"))
            }
            if creation.refusedBefore > 0 {
                console.line(L("\(creation.refusedBefore) skipped: placed in a programme they declined or did not turn up for",
                               "跳过 \(creation.refusedBefore) 名：被安置到他们拒绝过或未报到过的专业"))
            }
            if creation.created > 0 {
                console.line(L("next: pathway referrals list --run \(creation.runID)", "下一步：pathway referrals list --run \(creation.runID)"))
            }
        }
    }

    struct Approve: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("Approve proposed referrals, so their letters may go out.", "审核通过拟转介，之后才能发出转介信。"),
                discussion: ReferralsCommand.batchDiscussion("approve", from: [.proposed])
            )
        }
        @OptionGroup var change: BatchChange

        func run() throws { try change.apply(.approved) }
    }

    struct Send: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("Mark approved referrals as sent; the school can then see them.", "把已审核的转介标为已发送；之后学校就能看到。"),
                discussion: ReferralsCommand.batchDiscussion("send", from: [.approved])
            )
        }
        @OptionGroup var change: BatchChange

        func run() throws { try change.apply(.sent) }
    }

    struct Withdraw: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("Withdraw open referrals (wrong data, the student moved, a better match).",
                            "撤回进行中的转介（数据有误、学生搬走、有更合适的匹配）。"),
                discussion: ReferralsCommand.batchDiscussion("withdraw", from: [.proposed, .approved, .sent, .acknowledged])
            )
        }
        @OptionGroup var change: BatchChange

        func run() throws { try change.apply(.withdrawn) }
    }

    struct Outcome: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("Record what the school reported: acknowledged, enrolled, declined or no_show.",
                            "记录学校报告的结果：acknowledged、enrolled、declined 或 no_show。"),
                discussion: L(
                    """
                    enrolled, declined and no_show are accepted from sent or acknowledged; acknowledged \
                    from sent. A declined or no_show student goes on the follow-up list \
                    (`pathway followup list`).

                    A declined referral needs a reason code (--reason); a declined or no_show \
                    programme is never offered to the student again.

                    Example: pathway referrals outcome 17 declined --reason too_far --note "家长希望就近读书"
                    """,
                    """
                    enrolled、declined 和 no_show 可以在 sent 或 acknowledged 之后记录；acknowledged 在 sent 之后。\
                    拒绝（declined）或未报到（no_show）的学生会进入跟进名单（`pathway followup list`）。

                    拒绝必须写明原因代码（--reason）；学生拒绝过或未报到过的专业不会再推荐给他。

                    示例：pathway referrals outcome 17 declined --reason 路远 --note "家长希望就近读书"
                    """)
            )
        }
        @Argument(help: ArgumentHelp(L("The referral's id.", "转介编号。"), valueName: "id"))
        var id: ReferralID
        @Argument(help: ArgumentHelp(
            L("What the school reported: \(ReferralStatus.schoolReports.map(\.rawValue).joined(separator: ", ")).",
              "学校报告的结果：\(ReferralStatus.schoolReports.map(\.rawValue).joined(separator: "、"))。"),
            valueName: "outcome"))
        var outcome: ReferralStatus
        @Option(help: ArgumentHelp(L("Why, or anything the next person should know.", "原因，或下一位跟进的人需要知道的情况。"), valueName: "text"))
        var note: String?
        @Option(help: ArgumentHelp(
            L("The reason code, required for declined: \(OutcomeReason.given.map(\.rawValue).joined(separator: ", ")) (or its Chinese name).",
              "原因代码，拒绝时必填：\(OutcomeReason.given.map { $0.name(in: .chinese) }.joined(separator: "、"))（也可写英文代码）。"),
            valueName: "code"))
        var reason: OutcomeReason?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if outcome == .declined, reason == nil {
                throw ValidationError(L(
                    "say why the family declined with --reason: \(OutcomeReason.given.map(\.rawValue).joined(separator: ", "))",
                    "请用 --reason 写明拒绝的原因：\(OutcomeReason.given.map { $0.name(in: .chinese) }.joined(separator: "、"))"))
            }
            let reports = ReferralStatus.schoolReports
            guard reports.contains(outcome) else {
                throw ValidationError(L(
                    "\(outcome.rawValue) is not something a school reports; use one of \(reports.map(\.rawValue).joined(separator: ", "))",
                    "\(outcome.rawValue) 不是学校报告的结果；请用 \(reports.map(\.rawValue).joined(separator: "、")) 之一"))
            }
        }

        func run() throws {
            try BatchChange(ids: [id], note: note, reason: reason, database: database, output: output).apply(outcome)
        }
    }

    struct Outcomes: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("Record a school's list of outcomes (报到名单, xlsx or CSV), all or nothing.", "记录学校的报到名单（xlsx 或 CSV），要么全部记录，要么都不记录。"),
                discussion: L(
                    """
                    Columns: 学籍号 or student_id or 转介号 (reference_number), 结果 (outcome: 已报到, \
                    未报到, 已拒绝, 学校已确认, or enrolled, no_show, declined, acknowledged), 原因 (reason, for \
                    declined and no_show), 备注 (note). A row repeating what is recorded changes nothing. \
                    If any row names no referral sent to the school, or an outcome its status does not \
                    allow, nothing is recorded and every such row is named.

                    Example: pathway referrals outcomes 职中报到名单.xlsx --school S01
                    """,
                    """
                    列：学籍号、学生编号或转介号，结果（已报到、未报到、已拒绝、学校已确认，或英文代码），\
                    原因（用于拒绝和未报到），备注。与已记录结果相同的行不做改变。只要有一行找不到发给该校的\
                    转介、或结果与转介状态不符，就什么也不记录，并列出每一行。

                    示例：pathway referrals outcomes 职中报到名单.xlsx --school S01
                    """))
        }
        @Argument(help: ArgumentHelp(L("The school's list, .xlsx or .csv.", "学校的名单，.xlsx 或 .csv。"), valueName: "file"))
        var file: String
        @Option(help: ArgumentHelp(L("The school whose list it is: its rows may only name its referrals.", "名单所属的学校：每一行只能是这所学校的转介。"), valueName: "school_id"))
        var school: String?
        @Option(help: ArgumentHelp(L("The sheet to read (default the first).", "要读取的工作表（默认第一个）。"), valueName: "name"))
        var sheet: String?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let workspace = try database.workspace()
            defer { workspace.close() }
            let job = try OutcomesFileJob(path: file, sheet: sheet, schoolID: school)
            let done = try job.run(in: workspace) { diagnostics in
                for group in diagnostics.groups { console.note(Messages.issueGroup(group)) }
            }
            if output.json { return try console.json(done.moved) }
            var counts: [ReferralStatus: Int] = [:]
            for referral in done.moved { counts[referral.status, default: 0] += 1 }
            let summary = ReferralStatus.schoolReports.compactMap { status in counts[status].map { "\(Messages.status(status)) \($0)" } }
            console.line(L("recorded \(done.moved.count) outcomes", "已记录 \(done.moved.count) 个结果")
                + (summary.isEmpty ? "" : L(": ", "：") + summary.joined(separator: L(", ", "，")))
                + (done.unchanged > 0 ? L("; \(done.unchanged) rows were already recorded", "；\(done.unchanged) 行此前已记录") : ""))
        }
    }

    struct List: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("List referrals, by school, status or run.", "按学校、状态或匹配列出转介。"),
                discussion: L("Example: pathway referrals list --school S01 --status sent", "示例：pathway referrals list --school S01 --status sent")
            )
        }
        @Option(help: ArgumentHelp(L("Only this vocational school's referrals.", "只列这所中职学校的转介。"), valueName: "school_id"))
        var school: String?
        @Option(help: ArgumentHelp(L("Only referrals in this status.", "只列这个状态的转介。"), valueName: "status"))
        var status: ReferralStatus?
        @Option(name: .customLong("run"), help: ArgumentHelp(L("Only referrals made from this match run.", "只列这次匹配生成的转介。"), valueName: "run_id"))
        var runID: RunID?
        @Flag(help: ArgumentHelp(L("Only sent referrals the school has not acknowledged within the county's days (`pathway county show`).",
                                   "只列学校超过规定天数仍未确认的已发送转介（见 `pathway county show`）。")))
        var overdue = false
        @Option(name: .customLong("as-of"), help: ArgumentHelp(L("Judge overdue on this day instead of today.", "按这一天而不是今天判断是否逾期。"), valueName: "YYYY-MM-DD"))
        var asOf: CalendarDate?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if asOf != nil, !overdue {
                throw ValidationError(L("--as-of goes with --overdue", "--as-of 需要和 --overdue 一起使用"))
            }
        }

        func run() throws {
            let workspace = try database.workspace()
            defer { workspace.close() }
            let filter = ReferralStore.Filter(schoolID: school, status: status, runID: runID)
            if overdue {
                let late = try OverdueReferralsJob(asOf: asOf, filter: filter).run(in: workspace)
                if output.json { return try console.json(late.referrals.map { OverdueListing(referral: $0.referral, overdueDays: $0.overdueDays) }) }
                let headers = ReferralsCommand.headers
                var table = TextTable(headers + [L("days overdue", "逾期天数")], rightAligned: [0, headers.count])
                for (referral, days) in late.referrals {
                    table.append(ReferralsCommand.row(referral) + [String(days)])
                }
                console.line(table.text)
                return console.line(L(
                    "\(late.referrals.count) referrals overdue on \(late.day.day) (the school has \(late.day.deadlines.acknowledgeDays) days to acknowledge)",
                    "\(late.day.day) 逾期未确认的转介共 \(late.referrals.count) 份（学校应在 \(late.day.deadlines.acknowledgeDays) 天内确认）"))
            }
            let referrals = try workspace.referrals.list(filter)
            if output.json { return try console.json(referrals) }
            console.line(ReferralsCommand.table(referrals).text)
            console.line(L("\(referrals.count) referrals", "共 \(referrals.count) 份转介"))
        }
    }

    struct Show: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("Show one referral and every change it went through.", "显示一份转介及其经历的每一次变化。"),
                discussion: L("Example: pathway referrals show 17", "示例：pathway referrals show 17")
            )
        }
        @Argument(help: ArgumentHelp(L("The referral's id.", "转介编号。"), valueName: "id"))
        var id: ReferralID
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let workspace = try database.workspace()
            defer { workspace.close() }
            guard let history = try workspace.referrals.show(id) else { throw ReferralError.notFound(referralID: id) }
            if output.json { return try console.json(history) }
            let r = history.referral
            let fields: [(String, String)] = [
                (L("referral", "转介"), "\(r.id) (\(r.referenceNumber))"), (L("status", "状态"), Messages.status(r.status)),
                (L("student", "学生"), "\(r.studentID) \(r.studentName)"), (L("programme", "专业"), "\(r.programID) \(r.programName)"),
                (L("school", "学校"), "\(r.schoolID) \(r.schoolName)"), (L("score", "得分"), r.score.map { String(format: "%.1f", $0) } ?? ""),
                (L("run", "匹配"), r.runID.description), (L("assignee", "负责人"), r.assignee),
                (L("sent", "发送时间"), r.sentAt.map(TimeText.minute) ?? ""),
            ]
            var table = TextTable(["", ""])
            for (label, value) in fields { table.append([label, value]) }
            console.line(table.bodyText)
            console.line()
            var events = TextTable([L("when", "时间"), L("from", "原状态"), L("to", "新状态"), L("who", "操作人"), L("note", "备注")])
            for event in history.events {
                events.append([
                    TimeText.minute(event.at), event.from.map(Messages.status) ?? "", Messages.status(event.to), event.actor,
                    Messages.eventNote(event),
                ])
            }
            console.line(events.text)
        }
    }

    /// The ids or selection, note and options of approve, send, withdraw and outcome.
    struct BatchChange: ParsableArguments {
        @Argument(help: ArgumentHelp(L("Referral ids (or choose them with --run, --school, --status).",
                                       "转介编号（或用 --run、--school、--status 选择）。"), valueName: "id"))
        var ids: [ReferralID] = []
        @Option(name: .customLong("run"), help: ArgumentHelp(L("Every referral of this match run that can make the change.",
                                                               "这次匹配中所有可以这样变化的转介。"), valueName: "run_id"))
        var runID: RunID?
        @Option(help: ArgumentHelp(L("Only this vocational school's referrals.", "只选这所中职学校的转介。"), valueName: "school_id"))
        var school: String?
        @Option(help: ArgumentHelp(L("Only referrals in this status.", "只选这个状态的转介。"), valueName: "status"))
        var status: ReferralStatus?
        @Option(help: ArgumentHelp(L("Why, recorded in each referral's history.", "原因，记入每份转介的历史。"), valueName: "text"))
        var note: String?
        @Option(help: ArgumentHelp(
            L("The reason code, for declined, no_show and withdrawn: \(OutcomeReason.given.map(\.rawValue).joined(separator: ", ")) (or its Chinese name).",
              "原因代码，用于拒绝、未报到和撤回：\(OutcomeReason.given.map { $0.name(in: .chinese) }.joined(separator: "、"))（也可写英文代码）。"),
            valueName: "code"))
        var reason: OutcomeReason?
        @Flag(name: .customLong("dry-run"), help: ArgumentHelp(L("Only say how many referrals would change.", "只显示会改变多少份转介，不做改变。")))
        var dryRun = false
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        init() {}

        init(ids: [ReferralID], note: String?, reason: OutcomeReason?, database: DatabaseOptions, output: OutputOptions) {
            self.ids = ids
            self.runID = nil
            self.school = nil
            self.status = nil
            self.dryRun = false
            self.note = note
            self.reason = reason
            self.database = database
            self.output = output
        }

        var selection: ReferralStore.Filter? {
            runID == nil && school == nil && status == nil ? nil : .init(schoolID: school, status: status, runID: runID)
        }

        func validate() throws {
            guard !ids.isEmpty || selection != nil else {
                throw ValidationError(L("give referral ids, or choose them with --run, --school or --status",
                                        "请给出转介编号，或用 --run、--school、--status 选择"))
            }
        }

        /// Moves every referral in one transaction: all or none.
        func apply(_ target: ReferralStatus) throws {
            let workspace = try database.workspace()
            defer { workspace.close() }
            var job = ReferralMoveJob(referralIDs: ids, selection: selection, to: target, note: note, reason: reason)
            if selection != nil || dryRun {
                let chosen = try job.selected(in: workspace)
                console.note(L("\(chosen.count) referrals \(dryRun ? "would" : "will") become \(target.rawValue)",
                               "\(chosen.count) 份转介\(dryRun ? "将会" : "将")变为“\(Messages.status(target))”"))
                if dryRun {
                    if output.json { return try console.json(chosen) }
                    return console.line(ReferralsCommand.table(chosen).text)
                }
                // Exactly the referrals counted; one that changed meanwhile refuses the whole move.
                job = ReferralMoveJob(referralIDs: chosen.map(\.id), to: target, note: note, reason: reason)
            }
            let moved = try job.run(in: workspace)
            if output.json { return try console.json(moved) }
            if moved.count > 20 {
                return console.line(L("\(moved.count) referrals are now \(target.rawValue)",
                                      "\(moved.count) 份转介现为“\(Messages.status(target))”"))
            }
            for referral in moved {
                console.line(L(
                    "referral \(referral.id) (\(referral.referenceNumber), \(referral.studentName)): now \(referral.status.rawValue)",
                    "转介 \(referral.id)（\(referral.referenceNumber)，\(referral.studentName)）：现为“\(Messages.status(referral.status))”"))
            }
        }
    }

    static func batchDiscussion(_ verb: String, from: [ReferralStatus]) -> String {
        L(
            """
            Accepted from \(from.map(\.rawValue).joined(separator: ", ")). With several ids the change is all or nothing: if one referral \
            cannot change (unknown id, or a state that does not allow it) none is changed, and the \
            message names the referral and both states.

            Example: pathway referrals \(verb) 17 18 19 --note "县教育局 11月审核"
            """,
            """
            适用于处于 \(from.map { "“\(Messages.status($0))”" }.joined(separator: "、")) 的转介。给出多个编号时，要么全部改变，要么都不改变：\
            只要有一份不能改变（编号不存在，或状态不允许），就都不改变，并说明是哪一份、原状态和目标状态。

            示例：pathway referrals \(verb) 17 18 19 --note "县教育局 11月审核"
            """)
    }

    static func table(_ referrals: [Referral]) -> TextTable {
        var table = TextTable(headers, rightAligned: [0])
        for r in referrals { table.append(row(r)) }
        return table
    }

    /// The columns of `table`, in the user's language.
    static var headers: [String] {
        [L("id", "编号"), L("reference", "转介号"), L("status", "状态"), L("student", "学生编号"), L("name", "姓名"),
         L("programme", "专业"), L("school", "学校"), L("assignee", "负责人"), L("updated", "更新时间")]
    }

    static func row(_ r: Referral) -> [String] {
        [
            r.id.description, r.referenceNumber, Messages.status(r.status), r.studentID, r.studentName, r.programID, r.schoolID,
            r.assignee, TimeText.minute(r.updatedAt),
        ]
    }
}

/// An overdue referral as `--json` lists it.
private struct OverdueListing: Encodable {
    var referral: Referral
    var overdueDays: Int

    enum CodingKeys: String, CodingKey {
        case referral
        case overdueDays = "overdue_days"
    }
}
