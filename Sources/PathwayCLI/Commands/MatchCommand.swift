import ArgumentParser
import Foundation
import PathwayCore
import PathwayStorage
import PathwayWorkflows

/// `pathway match`: runs stored in the database, reviewed, explained, compared and exported.
struct MatchCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "match",
            abstract: L("Match students to programmes, and review, explain, compare and export the runs.",
                        "把学生与专业匹配，并查看、解释、比较和导出匹配结果。"),
            discussion: L(
                """
                A run reads the students and programmes in the database, scores every student-programme \
                pair, keeps each student's best candidates, assigns seats and stores all of it. Runs are \
                kept: look at them with list and show, explain one student's outcome to the family, \
                compare two runs, and export candidates or assignments for Excel or scripts.

                Examples:
                  pathway match run --cohort 2026
                  pathway match show 1
                  pathway match explain 1 QL202600001 --lang zh
                  pathway match export 1 --what assignments --format csv --output 分配结果.csv
                """,
                """
                一次匹配读取数据库中的学生和专业，为每一对学生和专业打分，为每个学生保留最好的候选，\
                分配学位，并把这些全部保存下来。匹配结果会一直保留：用 list 和 show 查看，用 explain \
                向家长解释某个学生的结果，用 compare 比较两次匹配，用 export 导出候选或分配结果供 \
                Excel 或脚本使用。

                示例：
                  pathway match run --cohort 2026
                  pathway match show 1
                  pathway match explain 1 QL202600001 --lang zh
                  pathway match export 1 --what assignments --format csv --output 分配结果.csv
                """),
            subcommands: [
                MatchRunCommand.self, List.self, Show.self, MatchExplainCommand.self, Compare.self, MatchExportCommand.self,
                MatchReportCommand.self, MatchVerifyCommand.self,
            ]
        )
    }

    struct List: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("List the stored runs, newest first.", "列出保存的匹配，最新的在前。"),
                discussion: L("Example: pathway match list --json", "示例：pathway match list --json")
            )
        }
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let workspace = try database.workspace()
            defer { workspace.close() }
            let runs = try workspace.runs.runs()
            if output.json { return try console.json(runs.map { RunSummaryJSON($0) }) }
            guard !runs.isEmpty else {
                console.line(L("no match runs yet; `pathway match run` makes one", "还没有匹配；`pathway match run` 可以做一次"))
                return
            }
            var table = TextTable(
                [L("run", "匹配"), L("created", "时间"), L("by", "操作人"), L("strategy", "策略"), L("cohort", "届别"),
                 L("students", "学生"), L("placed", "已安置"), L("mean score", "平均得分")],
                rightAligned: [0, 5, 6, 7])
            for run in runs {
                table.append([
                    run.runID.description, TimeText.minute(run.createdAt), run.createdBy,
                    run.strategy.rawValue + (run.onlyFollowup ? L(" (follow-up)", "（跟进）") : ""),
                    run.cohort.map(String.init) ?? L("all", "全部"), String(run.studentCount),
                    run.strategy == .ranked ? "-" : String(run.placedCount), MatchText.number(run.meanScore, 1),
                ])
            }
            console.line(table.text)
        }
    }

    struct Show: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("Show one run: settings, counts, means and seats filled per school.",
                            "显示一次匹配：设置、人数、平均值和各校已安置的学位。"),
                discussion: L("Example: pathway match show 3 --json", "示例：pathway match show 3 --json")
            )
        }
        @Argument(help: ArgumentHelp(L("The run's number (see `pathway match list`).", "匹配的编号（见 `pathway match list`）。"), valueName: "run"))
        var runID: RunID
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let workspace = try database.workspace()
            defer { workspace.close() }
            let record = try workspace.runs.run(runID)
            if output.json { return try console.json(RunSummaryJSON(record)) }
            console.line(MatchText.summary(record))
        }
    }

    struct Compare: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("Compare two runs: placed counts, and who moved where.", "比较两次匹配：安置人数，以及谁换到了哪里。"),
                discussion: L(
                    """
                    Students are matched by id. "moved" means placed in both runs in different programmes; \
                    a student in only one run (another cohort, a follow-up run) is listed with the other \
                    side empty.

                    Example: pathway match compare 1 2 --limit 0
                    """,
                    """
                    按学生编号对应。“换了专业”指两次都被安置但专业不同；只在一次匹配中的学生（其他届别、\
                    跟进匹配）另一边为空。

                    示例：pathway match compare 1 2 --limit 0
                    """)
            )
        }
        @Argument(help: ArgumentHelp(L("The earlier run.", "较早的一次匹配。"), valueName: "run-a")) var runA: RunID
        @Argument(help: ArgumentHelp(L("The later run.", "较晚的一次匹配。"), valueName: "run-b")) var runB: RunID
        @Option(help: ArgumentHelp(L("How many changed students to list (0: all). --json lists all.",
                                     "列出多少名有变化的学生（0 表示全部）。--json 总是全部列出。"), valueName: "n"))
        var limit = 50
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard limit >= 0 else { throw ValidationError(L("--limit must be 0 or more", "--limit 必须是 0 或更大的数")) }
        }

        func run() throws {
            let workspace = try database.workspace()
            defer { workspace.close() }
            let comparison = try MatchRunComparison(workspace.runs, runA: runA, runB: runB)
            if output.json { return try console.json(ComparisonJSON(comparison)) }
            let a = comparison.runA, b = comparison.runB
            let nameA = L("run \(a.runID)", "第 \(a.runID) 次"), nameB = L("run \(b.runID)", "第 \(b.runID) 次")
            var table = TextTable(["", nameA, nameB], rightAligned: [1, 2])
            table.append([L("strategy", "策略"), a.strategy.rawValue, b.strategy.rawValue])
            table.append([L("students", "学生"), String(a.studentCount), String(b.studentCount)])
            table.append([L("placed", "已安置"), String(a.placedCount), String(b.placedCount)])
            table.append([L("unplaced", "未安置"), String(a.unplacedCount), String(b.unplacedCount)])
            table.append([L("placed on first wish", "按第一志愿录取"), String(comparison.wishesA.first), String(comparison.wishesB.first)])
            table.append([L("placed on any wish", "按任一志愿录取"), String(comparison.wishesA.any), String(comparison.wishesB.any)])
            table.append([L("mean score", "平均得分"), MatchText.number(a.meanScore, 1), MatchText.number(b.meanScore, 1)])
            table.append([L("mean distance km", "平均距离（公里）"), MatchText.number(a.meanDistanceKm, 1), MatchText.number(b.meanDistanceKm, 1)])
            console.line(table.text)
            console.line()
            var counts = TextTable(["", ""], rightAligned: [1])
            counts.append([L("students in both runs", "两次都有的学生"), String(comparison.inBoth)])
            counts.append([L("  same outcome", "  结果相同"), String(comparison.unchanged)])
            counts.append([L("  moved programme", "  换了专业"), String(comparison.moved)])
            counts.append([L("  placed only in \(a.runID)", "  只在第 \(a.runID) 次被安置"), String(comparison.lostSeat)])
            counts.append([L("  placed only in \(b.runID)", "  只在第 \(b.runID) 次被安置"), String(comparison.gainedSeat)])
            if comparison.onlyInA + comparison.onlyInB > 0 {
                counts.append([L("students only in run \(a.runID)", "只在第 \(a.runID) 次的学生"), String(comparison.onlyInA)])
                counts.append([L("students only in run \(b.runID)", "只在第 \(b.runID) 次的学生"), String(comparison.onlyInB)])
            }
            console.line(counts.bodyText)
            guard !comparison.changes.isEmpty else { return }
            console.line()
            var moves = TextTable([L("student_id", "学生编号"), nameA, nameB])
            let shown = limit == 0 ? comparison.changes[...] : comparison.changes.prefix(limit)
            for change in shown {
                moves.append([change.studentID, MatchText.side(change.fromProgramID, change.fromSchoolID, present: change.inA),
                              MatchText.side(change.toProgramID, change.toSchoolID, present: change.inB)])
            }
            console.line(moves.text)
            if shown.count < comparison.changes.count {
                let more = comparison.changes.count - shown.count
                console.line(L("... and \(more) more (--limit 0 lists all)", "……另有 \(more) 名（--limit 0 全部列出）"))
            }
        }
    }
}
