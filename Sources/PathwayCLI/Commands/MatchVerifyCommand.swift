import ArgumentParser
import PathwayCore
import PathwayStorage
import PathwayWorkflows

/// `pathway match verify RUN`: is a stored run what its strategy promises?
struct MatchVerifyCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "verify",
            abstract: L("Check a stored run against its strategy's rule, from the database alone.",
                        "只根据数据库中保存的内容，检查一次匹配是否符合其策略的规则。"),
            discussion: L(
                """
                Reads the run's programmes, candidates and assignments as stored, and checks them by \
                a code path of its own (the algorithm that made the run is not used): no programme \
                over its seats; every student placed only in one of their candidates; the lottery \
                numbers are the seed's draw; for stable, no student and programme who would both \
                rather be together; for parallel, 平行志愿 honoured student by student (every wish \
                passed over was full at the student's turn, reassignment only for those who agreed); \
                for optimal, the stored dual prices prove that no assignment places more students or, \
                placing as many, scores higher.

                Every violation is named, with the student or programme. Exit status 0 when the run \
                is sound, 1 when it is not. A run changed by hand in the database fails.

                Example: pathway match verify 3
                """,
                """
                读取这次匹配保存的专业、候选和分配结果，用一条独立的检查路径核对（不使用生成它的算法）：\
                没有专业超出学位；每个学生只被安置到自己的候选专业；抽签号就是种子抽出的号；stable \
                不存在学生和专业都更愿意彼此在一起的情况；parallel 逐个学生核对平行志愿（跳过的每个志愿\
                在轮到该生时都已满，只有选择服从调剂的学生才被调剂）；optimal 用保存的对偶价格证明没有\
                能安置更多学生、或安置同样多而总分更高的分配。

                每处违反都会写明学生或专业。符合时退出码为 0，不符合为 1。在数据库里手工改过的匹配\
                无法通过。

                示例：pathway match verify 3
                """)
        )
    }

    @Argument(help: ArgumentHelp(L("The run's number (see `pathway match list`).", "匹配的编号（见 `pathway match list`）。"), valueName: "run"))
    var runID: RunID
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    struct VerificationJSON: Encodable {
        struct Violation: Encodable {
            var kind: String
            var student_id: String?
            var program_id: String?
            var message: String
        }

        var run_id: RunID
        var strategy: String
        var sound: Bool
        var checks: [String]
        var violation_count: Int
        var violations: [Violation]
    }

    func run() throws {
        let workspace = try database.workspace()
        defer { workspace.close() }
        let outcome = try MatchVerifyJob(runID: runID).run(in: workspace)
        let v = outcome.verification
        let strategy = outcome.stored.settings.strategy
        let students = outcome.stored.assignments.count, pairs = outcome.stored.candidates.count
        if output.json {
            try console.json(VerificationJSON(
                run_id: runID, strategy: strategy.rawValue, sound: v.isSound, checks: v.checks,
                violation_count: v.violationCount,
                violations: v.violations.map {
                    .init(kind: $0.kind.rawValue, student_id: $0.studentID, program_id: $0.programID, message: $0.sentence(in: Words.language))
                }))
        } else if v.isSound {
            console.line(L(
                "run \(runID) (\(strategy.rawValue)) is sound: \(v.checks.count) checks over \(students) students and \(pairs) candidate pairs (\(v.checks.joined(separator: ", ")))",
                "第 \(runID) 次匹配（\(Messages.strategy(strategy))）符合规则：对 \(students) 名学生、\(pairs) 个候选配对做了 \(v.checks.count) 项检查（\(v.checks.joined(separator: "、"))）"))
        } else {
            for violation in v.violations { console.line(violation.sentence(in: Words.language)) }
            if v.violationCount > v.violations.count {
                console.line(L("… and \(v.violationCount - v.violations.count) more", "……另有 \(v.violationCount - v.violations.count) 处"))
            }
        }
        guard v.isSound else {
            console.note(L("run \(runID) breaks its rule in \(v.violationCount) places", "第 \(runID) 次匹配有 \(v.violationCount) 处不符合规则"))
            throw ExitCode(1)
        }
    }
}
