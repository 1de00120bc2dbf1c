import ArgumentParser
import Foundation
import PathwayCore
import PathwayStorage

/// `pathway match explain RUN STUDENT_ID`: why a student got what they got, in sentences a
/// counsellor can read to the family.
struct MatchExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain one student's outcome in a run: each candidate's score, and why other programmes were not candidates.",
        discussion: """
        The run's scorer is rebuilt from its stored settings, its students and its programmes (with \
        the seats the run gave them), and checked against the stored candidates: if a student or \
        programme record changed since the run, a warning says the figures are today's.

        Other students are never named: a full programme is described by the lowest priority it \
        admitted.

        Examples:
          pathway match explain 1 QL202600001
          pathway match explain 1 QL202600001 --lang en --json
        """
    )

    @Argument(help: ArgumentHelp("The run's number.", valueName: "run")) var runID: Int64
    @Argument(help: ArgumentHelp("The student's id (学籍号).", valueName: "student_id")) var studentID: String
    @Option(help: ArgumentHelp("Language of the sentences: zh (for families) or en.", valueName: "zh|en"))
    var lang = "zh"
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard Language(rawValue: lang) != nil else { throw ValidationError("--lang must be zh or en, not \(lang)") }
    }

    func run() throws {
        let language = Language(rawValue: lang) ?? .chinese
        let connection = try DatabaseLocator(options: database).open()
        defer { connection.close() }
        let store = MatchRunStore(connection: connection)
        let record = try store.run(runID)
        guard try store.includes(studentID: studentID, runID: runID) else {
            throw MatchRunError.studentNotInRun(studentID: studentID, runID: runID)
        }
        let result = try store.result(of: runID)
        let (inputs, missingPrograms) = try store.inputs(of: runID)
        let scorer = try MatchScorer(students: inputs.students, programs: inputs.programs, settings: record.settings)
        guard let explanation = scorer.explain(studentID: studentID, in: result) else {
            throw CommandFailure("student \(studentID) of run \(runID) is no longer in the database")
        }
        var warnings: [String] = []
        if !missingPrograms.isEmpty {
            warnings.append("programmes of the run no longer in the database are left out: \(missingPrograms.joined(separator: ", "))")
        }
        let stored = try store.candidates(of: runID, studentID: studentID)
        if !Self.agree(stored, explanation.candidates) {
            warnings.append("records changed since run \(runID): the figures below are computed from today's records and differ from the run's stored candidates (`pathway match export \(runID) --what candidates` has those)")
        }
        for warning in warnings { Terminal.note("warning: \(warning)") }
        let student = inputs.students.first { $0.id == studentID }
        let names = Dictionary(inputs.programs.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })

        if output.json {
            return try Terminal.printJSON(ExplanationJSON(
                runID: runID, studentName: student?.name, explanation: explanation, language: language,
                programs: names, warnings: warnings))
        }
        print("run \(runID) (\(record.strategy.rawValue)), student \(studentID)\(student.map { " " + $0.name } ?? "")")
        for sentence in explanation.sentences(language: language) { print(sentence) }
        if !explanation.candidates.isEmpty {
            print("")
            print(language == .chinese ? "候选专业：" : "Candidates:")
            for candidate in explanation.candidates {
                let placed = candidate.programID == explanation.placedProgramID
                let school = names[candidate.programID]?.schoolID ?? ""
                let head = "\(candidate.studentRank ?? 0). \(candidate.programID) \(candidate.programName) (\(school))"
                    + (placed ? (language == .chinese ? "  ← 录取" : "  <- placed") : "")
                print("  " + head)
                for sentence in candidate.sentences(language: language) { print("     " + sentence) }
            }
        }
        if !explanation.nonCandidates.isEmpty {
            print("")
            print(language == .chinese ? "其他专业未列为候选的原因：" : "Why the other programmes are not candidates:")
            for other in explanation.nonCandidates {
                let e = other.explanation
                print("  \(e.programID) \(e.programName): " + other.sentences(language: language).joined(separator: " "))
            }
        }
    }

    /// Whether the rebuilt candidates are the stored ones: same programmes, ranks, and the same
    /// scores and priorities to the last bit.
    static func agree(_ stored: [Candidate], _ rebuilt: [Explanation]) -> Bool {
        guard stored.count == rebuilt.count else { return false }
        return zip(stored, rebuilt).allSatisfy { s, e in
            s.programID == e.programID && s.studentRank == e.studentRank && s.score == e.score
                && s.programPriority == e.grades.value && s.distanceKm == e.location.distanceKm
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

    var run_id: Int64
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
        runID: Int64, studentName: String?, explanation x: StudentExplanation, language: Language,
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
