import Foundation
import Hummingbird
import PathwayCore
import PathwayStorage
import PathwayWorkflows

/// Matching: the runs, a new run (a task with its progress), a run's report beside another,
/// and why one student got what they got.
extension ConsoleController {
    @Sendable func runs(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        let session = try Self.administrator(context)
        let frame = frame(request, session)
        let language = frame.language
        let runs = try await run(session) { workspace in try workspace.runs.runs() }.sorted { $0.runID.rawValue > $1.runID.rawValue }
        let standard = MatchSettings.standard
        var values: [String: Any] = [
            "runs": runs.map { Self.runValues($0, language) }, "empty": runs.isEmpty,
            "strategies": Strategy.allCases.map { ["value": $0.rawValue, "label": ConsoleText.strategy($0, language)] },
            "interest": standard.weights.interest, "grades": standard.weights.grades, "location": standard.weights.location,
            "candidates": standard.candidateLimit, "commute": Int(standard.maxCommuteKm),
            "runChoices": runs.map { ["value": $0.runID.description] },
        ]
        if let latest = runs.first { values["latestRun"] = latest.runID.description }
        return pages.render("console_runs", title: frame.word("matching"), values: values, frame: frame)
    }

    /// Starts a run as a task; settings out of range are refused before anything starts.
    @Sendable func startRun(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        let session = try Self.administrator(context)
        let form = try await PortalForm(request, expectedToken: session.csrfToken)
        let language = frame(request, session).language
        guard let strategy = form.value("strategy").flatMap(Strategy.init(rawValue:)) else { throw PortalError.badField("strategy") }
        func decimal(_ name: String, _ fallback: Double) throws -> Double {
            guard let text = form.value(name) else { return fallback }
            guard let value = Double(text) else { throw PortalError.badField(name) }
            return value
        }
        let standard = MatchSettings.standard
        let settings: MatchSettings
        do {
            let weights = try ScoreWeights(
                interest: try decimal("interest", standard.weights.interest), grades: try decimal("grades", standard.weights.grades),
                location: try decimal("location", standard.weights.location))
            guard let candidates = Int(form.value("candidates") ?? "\(standard.candidateLimit)") else {
                throw PortalError.badField("candidates")
            }
            let seed: UInt64
            if let text = form.value("seed") {
                guard let value = UInt64(text) else { throw PortalError.badField("seed") }
                seed = value
            } else {
                seed = Lottery.drawSeed()
            }
            settings = try MatchSettings(
                weights: weights, candidateLimit: candidates, maxCommuteKm: try decimal("commute", standard.maxCommuteKm),
                strategy: strategy, seed: seed)
        } catch let error as MatchSettingsError {
            throw PortalError.refused(ConsoleMessages.describe(error, language))
        }
        let cohort: Int?
        if let text = form.value("cohort") {
            guard let year = Int(text), (1990...2100).contains(year) else { throw PortalError.badField("cohort") }
            cohort = year
        } else {
            cohort = nil
        }
        let job = MatchRunJob(settings: settings, cohort: cohort, onlyFollowup: form.value("followup") == "1")
        let id = try tasks.start(.match, region: session.account.region, owner: session.account) { reporter in
                reporter.report(.reading)
                return .matched(try await runAlone(session) { workspace in
                    try job.run(in: workspace) { progress in
                        switch progress {
                        case .waiting: reporter.report(.waitingForRun)
                        case .scoring(let students, let programs): reporter.report(.scoring(students: students, programs: programs))
                        case .assigning(let pairs): reporter.report(.assigning(pairs: pairs))
                        case .saving(let written, let total): reporter.report(.saving, done: written, total: total)
                        }
                    }
                })
        }
        return .redirect(to: "/console/tasks/\(id)", type: .normal)
    }

    /// The runs page's two small forms: a run's report (beside another), or a student's
    /// explanation in a run.
    @Sendable func viewRun(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        _ = try Self.administrator(context)
        let query = request.uri.queryParameters
        guard let run = query.get("run").flatMap({ RunID($0) }) else { throw PortalError.badField("run") }
        if let student = query.get("student").map({ String($0) }) {
            let encoded = student.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            return .redirect(to: "/console/runs/\(run)/explain?student=\(encoded)", type: .normal)
        }
        let compare = query.get("compare").flatMap { RunID($0) }.map { "?compare=\($0)" } ?? ""
        return .redirect(to: "/console/runs/\(run)/report\(compare)", type: .normal)
    }

    /// The stored run's report (the same page `pathway match report` writes), optionally beside
    /// another run (`?compare=N`).
    @Sendable func report(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        let session = try Self.administrator(context)
        let language = frame(request, session).language
        let runID = RunID(try Self.number(context))
        let compare: RunID? = try request.uri.queryParameters.get("compare").flatMap { text in
            guard !text.isEmpty else { return nil }
            guard let value = Int64(text), value > 0 else { throw PortalError.badField("compare") }
            return RunID(value)
        }
        let page = try await attempt(session, language) { workspace in
            try MatchReportJob.page(runID: runID, compare: compare, in: workspace).html
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                .contentSecurityPolicy: SecurityHeadersMiddleware<SchoolRequestContext>.inlineStylePolicy,
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: page)))
    }

    /// Why a student got this programme in this run: the sentences and every candidate's score,
    /// as `pathway match explain` says them.
    @Sendable func explain(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        let session = try Self.administrator(context)
        var frame = frame(request, session)
        let language = frame.language
        let runID = RunID(try Self.number(context))
        guard let studentID = request.uri.queryParameters.get("student").map({ String($0) })?.trimmingCharacters(in: .whitespaces),
              !studentID.isEmpty, studentID.count <= 64
        else {
            frame.problem = frame.word("chooseStudent")
            return pages.render(
                "console_explain", title: frame.word("explain"), values: ["run": runID.description], frame: frame, status: .badRequest)
        }
        let found = try await attempt(session, language) { workspace in
            try MatchExplainJob(runID: runID, studentID: studentID).run(in: workspace)
        }
        let explanation = found.explanation
        let candidates = explanation.candidates.map { candidate -> [String: Any] in
            let school: String = found.programs[candidate.programID]?.schoolID ?? ""
            let rank: String = candidate.studentRank.map { String($0) } ?? ""
            return [
                "rank": rank, "program": candidate.programID, "name": candidate.programName, "school": school,
                "placed": candidate.programID == explanation.placedProgramID,
                "sentences": candidate.sentences(language: language),
            ]
        }
        let others = explanation.nonCandidates.map { other -> [String: Any] in
            let text: String = other.sentences(language: language).joined(separator: " ")
            return ["program": other.explanation.programID, "name": other.explanation.programName, "text": text]
        }
        let values: [String: Any] = [
            "run": runID.description, "strategy": ConsoleText.strategy(found.run.strategy, language),
            "student": studentID, "name": found.student?.name ?? "",
            "sentences": explanation.sentences(language: language), "candidates": candidates, "others": others,
            "warnings": found.warnings.map { ConsoleText.explainWarning($0, language) },
            "hasCandidates": !explanation.candidates.isEmpty, "hasOthers": !explanation.nonCandidates.isEmpty,
        ]
        return pages.render("console_explain", title: frame.word("explain"), values: values, frame: frame)
    }
}
