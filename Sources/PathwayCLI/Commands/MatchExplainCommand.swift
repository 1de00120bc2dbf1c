import ArgumentParser
import Foundation
import PathwayCore
import PathwayStorage
import PathwayWorkflows

/// `pathway match explain RUN STUDENT_ID`: why a student got what they got, in sentences a
/// counsellor can read to the family.
struct MatchExplainCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "explain",
            abstract: L(
                "Explain one student's outcome in a run: each candidate's score, and why other programmes were not candidates.",
                "解释某个学生在一次匹配中的结果：每个候选的得分，以及其他专业为什么不是候选。"),
            discussion: L(
                """
                The run's scorer is rebuilt from its stored settings, its students and its programmes (with \
                the seats the run gave them), and checked against the stored candidates: if a student or \
                programme record changed since the run, a warning says the figures are today's.

                Other students are never named: a full programme is described by the lowest priority it \
                admitted.

                Examples:
                  pathway match explain 1 QL202600001
                  pathway match explain 1 QL202600001 --lang en --json
                """,
                """
                按这次匹配保存的设置、学生和专业（用这次匹配时的学位数）重新计算得分，并与保存的候选\
                核对：如果学生或专业的记录在匹配之后改过，会提示下面的数字是按今天的记录算的。

                不会提到其他学生的名字：已满的专业只说明它录取的最低优先级。

                示例：
                  pathway match explain 1 QL202600001
                  pathway match explain 1 QL202600001 --lang en --json
                """)
        )
    }

    @Argument(help: ArgumentHelp(L("The run's number.", "匹配的编号。"), valueName: "run")) var runID: RunID
    @Argument(help: ArgumentHelp(L("The student's id (学籍号).", "学生编号（学籍号）。"), valueName: "student_id")) var studentID: String
    @Option(help: ArgumentHelp(L("Language of the sentences: zh (for families) or en; default the command line's.",
                                 "解释的语言：zh（给家长看）或 en；默认与命令行相同。"), valueName: "zh|en"))
    var lang: Language?
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let language = lang ?? Words.language
        let workspace = try database.workspace()
        defer { workspace.close() }
        let found = try MatchExplainJob(runID: runID, studentID: studentID).run(in: workspace)
        let warnings = found.warnings.map(Self.warning)
        for warning in warnings { console.note(L("warning: ", "警告：") + warning) }
        let explanation = found.explanation
        if output.json {
            return try console.json(ExplanationJSON(
                runID: runID, studentName: found.student?.name, explanation: explanation, language: language,
                programs: found.programs, warnings: warnings))
        }
        let name = found.student.map { " " + $0.name } ?? ""
        console.line(L("run \(runID) (\(found.run.strategy.rawValue)), student \(studentID)\(name)",
                       "第 \(runID) 次匹配（\(Messages.strategy(found.run.strategy))），学生 \(studentID)\(name)"))
        for sentence in explanation.sentences(language: language) { console.line(sentence) }
        if !explanation.candidates.isEmpty {
            console.line()
            console.line(language == .chinese ? "候选专业：" : "Candidates:")
            for candidate in explanation.candidates {
                let placed = candidate.programID == explanation.placedProgramID
                let school = found.programs[candidate.programID]?.schoolID ?? ""
                let head = "\(candidate.studentRank ?? 0). \(candidate.programID) \(candidate.programName) (\(school))"
                    + (placed ? (language == .chinese ? "  ← 录取" : "  <- placed") : "")
                console.line("  " + head)
                for sentence in candidate.sentences(language: language) { console.line("     " + sentence) }
            }
        }
        if !explanation.nonCandidates.isEmpty {
            console.line()
            console.line(language == .chinese ? "其他专业未列为候选的原因：" : "Why the other programmes are not candidates:")
            for other in explanation.nonCandidates {
                let e = other.explanation
                console.line("  \(e.programID) \(e.programName): " + other.sentences(language: language).joined(separator: " "))
            }
        }
    }

    static func warning(_ warning: MatchExplainJob.Warning) -> String {
        switch warning {
        case .programsRemoved(let ids):
            L("programmes of the run no longer in the database are left out: \(ids.joined(separator: ", "))",
              "这次匹配中已不在数据库里的专业没有列出：\(ids.joined(separator: "、"))")
        case .recordsChanged:
            L("records changed since the run: the figures below are computed from today's records and differ from the run's stored candidates (`pathway match export RUN --what candidates` has those)",
              "匹配之后记录有改动：下面的数字按今天的记录计算，与这次匹配保存的候选不同（保存的候选可用 `pathway match export 匹配编号 --what candidates` 导出）")
        }
    }
}

/// `match explain --json`.
struct ExplanationJSON: Encodable {
    struct CandidateJSON: Encodable {
        var program_id: String
        var program_name: String
        var school_id: String?
        var student_rank: Int?
        var score: Double
        var interest: Double
        var grades: Double
        var location: Double
        var distance_km: Double
        var placed: Bool
        var missing: [String]
        var sentences: [String]
    }

    struct NonCandidateJSON: Encodable {
        var program_id: String
        var program_name: String
        var school_id: String?
        /// `ineligible` or `below_cutoff`.
        var reason: String
        var rank_among_eligible: Int?
        var score: Double
        var distance_km: Double
        var sentences: [String]
    }

    var run_id: RunID
    var student_id: String
    var student_name: String?
    var strategy: String
    var language: String
    var placed_program_id: String?
    var placed_rank: Int?
    var sentences: [String]
    var candidates: [CandidateJSON]
    var non_candidates: [NonCandidateJSON]
    var warnings: [String]

    init(
        runID: RunID, studentName: String?, explanation x: StudentExplanation, language: Language,
        programs: [String: Program], warnings: [String]
    ) {
        run_id = runID
        student_id = x.studentID
        student_name = studentName
        strategy = x.strategy.rawValue
        self.language = language.rawValue
        placed_program_id = x.placedProgramID
        placed_rank = x.placedRank
        sentences = x.sentences(language: language)
        candidates = x.candidates.map { e in
            CandidateJSON(
                program_id: e.programID, program_name: e.programName, school_id: programs[e.programID]?.schoolID,
                student_rank: e.studentRank, score: e.score, interest: e.interest.value, grades: e.grades.value,
                location: e.location.value, distance_km: e.location.distanceKm, placed: e.programID == x.placedProgramID,
                missing: e.missing.map(\.rawValue), sentences: e.sentences(language: language))
        }
        non_candidates = x.nonCandidates.map { other in
            let e = other.explanation
            var reason = "ineligible"
            var rank: Int?
            if case .belowCutoff(let r, _) = other.reason {
                reason = "below_cutoff"
                rank = r
            }
            return NonCandidateJSON(
                program_id: e.programID, program_name: e.programName, school_id: programs[e.programID]?.schoolID,
                reason: reason, rank_among_eligible: rank, score: e.score, distance_km: e.location.distanceKm,
                sentences: other.sentences(language: language))
        }
        self.warnings = warnings
    }
}
