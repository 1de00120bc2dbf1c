import ArgumentParser
import Foundation
import PathwayCore
import PathwayImport
import PathwayStorage
import PathwayWorkflows

/// `pathway match run`: read, score, assign, store, summarise.
struct MatchRunCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "run",
            abstract: L("Match the students in the database to programmes, and store the run.",
                        "把数据库中的学生与专业进行匹配，并保存这次匹配。"),
            discussion: L(
                """
                Reads the students (of one cohort with --cohort) and every programme, scores every \
                eligible pair on interest, grades and location, keeps each student's best --candidates, \
                assigns seats with --strategy and stores the run, its candidates and its assignments in \
                one transaction: stopped halfway, it leaves nothing behind.

                Strategies: stable (default; no student and programme would both rather be together), \
                optimal (seats as many students as possible), parallel (平行志愿, the rule of the \
                county's own admissions: students in descending total score, each into the first \
                listed wish with a seat, batch by batch; a student who agrees to reassignment \
                (服从调剂) and is left over takes a remaining candidate seat), ranked (candidate lists \
                only, no seats).

                Ties no rule breaks go by a lottery: one number per student drawn from --seed. Without \
                --seed a seed is drawn and printed; the same seed on the same data gives the same run. \
                Under parallel, equal totals are first broken by --tie-break subjects (the higher mark \
                first).

                --only-followup matches again only the students on the follow-up ledger (`pathway \
                followup`), into each programme's seats minus its open and enrolled referrals.

                Only one run at a time per region: while one runs, another is refused with who started \
                it and when; --wait waits for it instead.

                Examples:
                  pathway match run --cohort 2026
                  pathway match run --strategy optimal --weights interest=0.4,grades=0.3,location=0.3 --json
                  pathway match run --strategy parallel --seed 20260701 --tie-break 数学,语文,英语
                """,
                """
                读取学生（用 --cohort 只读某一届）和全部专业，按兴趣、成绩和距离为每一对符合条件的\
                学生和专业打分，为每个学生保留最好的 --candidates 个候选，按 --strategy 分配学位，\
                并在一个事务中保存这次匹配、它的候选和分配结果：中途停止不会留下任何东西。

                策略：stable（默认；不存在学生和专业都更愿意彼此在一起的情况），optimal（尽量多安置\
                学生），parallel（平行志愿，“分数优先、遵循志愿”：按总分从高到低，每人进入所填志愿中\
                第一个还有学位的专业，按批次进行；服从调剂而未录取的学生再进入仍有学位的候选专业），\
                ranked（只列候选，不分配学位）。

                其他规则分不出先后时按抽签：每个学生一个由 --seed 生成的抽签号，小者优先。不写 \
                --seed 时随机生成一个并显示出来；同样的数据和种子得到同样的结果。parallel 下总分相同\
                时先依次比较 --tie-break 的科目（分高者优先）。

                --only-followup 只重新匹配跟进名单（`pathway followup`）上的学生，用的是各专业扣除\
                进行中和已报到转介之后剩下的学位。

                每个地区同一时间只能有一次匹配：有一次正在进行时，另一次会被拒绝，并说明是谁、\
                什么时候开始的；加 --wait 则等待它结束。

                示例：
                  pathway match run --cohort 2026
                  pathway match run --strategy optimal --weights interest=0.4,grades=0.3,location=0.3 --json
                  pathway match run --strategy parallel --seed 20260701 --tie-break 数学,语文,英语
                """)
        )
    }

    @Option(help: ArgumentHelp(L("How seats are assigned.", "分配学位的策略。"), valueName: "name"))
    var strategy: Strategy = .stable

    @Option(help: ArgumentHelp(
        L("Relative weights of the score's parts; parts left out keep their default (interest=0.5,grades=0.3,location=0.2).",
          "得分各部分的相对权重；没写的部分保持默认值（interest=0.5,grades=0.3,location=0.2）。"),
        valueName: "list"))
    var weights: String?

    @Option(name: .customLong("candidates"), help: ArgumentHelp(L("Candidates kept per student (K).", "每个学生保留的候选数（K）。"), valueName: "k"))
    var candidateLimit = 20

    @Option(help: ArgumentHelp(L("Farthest daily commute to a programme without boarding, in km.", "不住校时每天走读的最远距离（公里）。"), valueName: "km"))
    var maxCommuteKm = 30.0

    @Option(help: ArgumentHelp(
        L("The lottery's seed, a whole number: the same seed on the same data gives the same run. Drawn when left out.",
          "抽签种子（整数）：同样的数据和种子得到同样的结果。不写则随机生成。"),
        valueName: "n"))
    var seed: UInt64?

    @Option(name: .customLong("tie-break"), help: ArgumentHelp(
        L("Under parallel, the subjects that break equal totals, in order (codes or Chinese names).",
          "parallel 下总分相同时依次比较的科目（代码或中文名）。"),
        valueName: "list"))
    var tieBreak = "math,chinese,english"

    @Option(help: ArgumentHelp(L("Only students leaving junior school in this year.", "只匹配这一年初中毕业的学生。"), valueName: "year"))
    var cohort: Int?

    @Flag(help: ArgumentHelp(L("Only the students on the follow-up ledger (no open or enrolled referral), into the seats referrals leave free.",
                               "只匹配跟进名单上的学生（没有进行中或已报到的转介），用转介之后剩下的学位。")))
    var onlyFollowup = false

    @Flag(help: ArgumentHelp(L("Wait for a run already in progress to finish instead of refusing.", "有匹配正在进行时等待它结束，而不是拒绝。")))
    var wait = false

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    /// Above this many students a terminal gets progress notes.
    static let progressThreshold = 5_000

    func validate() throws {
        try checkCohort(cohort)
        _ = try settings()
    }

    /// The settings the options describe, or a `ValidationError` saying which option is wrong.
    ///
    /// - Parameter drawnSeed: the seed to use when --seed is left out.
    func settings(drawnSeed: UInt64 = 0) throws -> MatchSettings {
        let subjects = tieBreak.split(separator: ",", omittingEmptySubsequences: true)
            .map { SubjectName.canonical($0.trimmingCharacters(in: .whitespaces)) }
        do {
            return try MatchSettings(
                weights: try Self.parseWeights(weights), candidateLimit: candidateLimit, maxCommuteKm: maxCommuteKm,
                strategy: strategy, seed: seed ?? drawnSeed, tieBreakSubjects: subjects)
        } catch let error as MatchSettingsError {
            throw ValidationError(Messages.settings(error))
        }
    }

    /// `interest=0.5,grades=0.3,location=0.2`; parts left out keep their default.
    static func parseWeights(_ text: String?) throws -> ScoreWeights {
        guard let text else { return .standard }
        var values = ["interest": ScoreWeights.standard.interest, "grades": ScoreWeights.standard.grades,
                      "location": ScoreWeights.standard.location]
        for part in text.split(separator: ",", omittingEmptySubsequences: true) {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, values[pair[0]] != nil, let value = Double(pair[1]) else {
                throw ValidationError(L(
                    "--weights takes name=value pairs with names interest, grades, location (e.g. interest=0.5,grades=0.3,location=0.2), not \(part)",
                    "--weights 要写成 名称=数值，名称是 interest、grades、location（例如 interest=0.5,grades=0.3,location=0.2），不能写 \(part)"))
            }
            values[pair[0]] = value
        }
        do {
            return try ScoreWeights(
                interest: values["interest"] ?? 0, grades: values["grades"] ?? 0, location: values["location"] ?? 0)
        } catch {
            throw ValidationError("--weights: \(Messages.settings(error))")
        }
    }

    func run() throws {
        let job = MatchRunJob(settings: try settings(drawnSeed: Lottery.drawSeed()), cohort: cohort, onlyFollowup: onlyFollowup, wait: wait)
        let workspace = try database.workspace()
        defer { workspace.close() }
        let record = try job.run(in: workspace, progress: Self.report)
        if output.json { return try console.json(RunSummaryJSON(record)) }
        console.line(MatchText.summary(record))
        console.line()
        console.line(L("next: `pathway match explain \(record.runID) STUDENT_ID`, `pathway referrals create --run \(record.runID)`",
                       "下一步：`pathway match explain \(record.runID) 学生编号`，`pathway referrals create --run \(record.runID)`"))
    }

    /// Progress notes on a terminal, for runs large enough to need them.
    static func report(_ progress: MatchRunJob.Progress) {
        switch progress {
        case .waiting(let holder):
            console.note(L("waiting: ", "等待中：") + Messages.matchRun(holder))
        case .scoring(let students, let programs) where students >= progressThreshold && console.stderrIsTerminal:
            console.note(L("scoring \(students) students against \(programs) programmes",
                           "正在为 \(students) 名学生和 \(programs) 个专业打分"))
        case .assigning(let pairs) where pairs >= progressThreshold && console.stderrIsTerminal:
            console.note(L("assigning seats among \(pairs) candidates", "正在 \(pairs) 个候选中分配学位"))
        case .saving(let written, let total) where total >= progressThreshold && console.stderrIsTerminal:
            console.note(L("saving: \(written * 100 / max(1, total))% of \(total) rows",
                           "正在保存：\(total) 行中的 \(written * 100 / max(1, total))%"))
        default:
            break
        }
    }
}
