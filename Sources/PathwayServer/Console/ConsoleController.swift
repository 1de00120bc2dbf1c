import Foundation
import Hummingbird
import PathwayCore
import PathwayLetters
import PathwayReport
import PathwayStorage
import PathwayWorkflows

/// `/console/...`: the county staff's year in a browser. Every page calls the same jobs as the
/// command line (the workflows layer), in the account's region and under its name in the
/// audit log, so the two never disagree.
///
/// Who reaches what:
/// - a school clerk never reaches the console (403, with the way to the school's own pages);
/// - a counsellor sees the overview's aggregates and works on the students they follow (their
///   caseload: the students whose responsible person is their name): the ledger, each
///   student's page, contacts, handing a student on;
/// - an administrator does everything: data, runs, referrals, letters, settings, accounts and
///   API tokens, and every student's page.
///
/// Long work (imports, runs, letters) runs as a `ConsoleTasks` task; forms carry the session's
/// CSRF token (`PortalForm`); pages have no scripts and print without the navigation.
struct ConsoleController {
    let database: DatabaseGateway
    let configuration: ServerConfiguration
    let pages: PortalPages
    let letters: LetterRenderer
    let tasks: ConsoleTasks
    let uploads: ConsoleUploads

    var endpoints: RouteCollection<SchoolRequestContext> {
        let routes = RouteCollection(context: SchoolRequestContext.self)
        routes.get(use: overview)
        routes.get("tasks", use: taskList)
        routes.get("tasks/:id", use: task)
        routes.get("tasks/:id/files/:file", use: taskFile)
        routes.get("data", use: dataForm)
        routes.post("data", use: dataPreview)
        routes.post("data/apply", use: dataApply)
        routes.get("runs", use: runs)
        routes.post("runs", use: startRun)
        routes.get("runs/view", use: viewRun)
        routes.get("runs/:id/report", use: report)
        routes.get("runs/:id/explain", use: explain)
        routes.get("referrals", use: referrals)
        routes.post("referrals/create", use: createReferrals)
        routes.post("referrals/move", use: moveReferrals)
        routes.post("referrals/letters", use: renderLetters)
        routes.get("referrals/export", use: exportSchool)
        routes.post("referrals/:id/outcome", use: referralOutcome)
        routes.get("students", use: students)
        routes.post("backup", use: backup)
        routes.get("followup", use: ledger)
        routes.get("caseloads", use: caseloads)
        routes.get("students/:id", use: student)
        routes.post("students/:id/contact", use: addContact)
        routes.post("students/:id/assign", use: assign)
        routes.get("settings", use: settings)
        routes.post("settings/profile", use: saveProfile)
        routes.post("settings/deadlines", use: saveDeadlines)
        routes.get("accounts", use: accounts)
        routes.post("accounts", use: createAccount)
        routes.post("accounts/:action", use: changeAccount)
        routes.get("tokens", use: tokens)
        routes.post("tokens", use: createToken)
        routes.post("tokens/:id/revoke", use: revokeToken)
        // Any other path under /console is a page, not an API call: answered as one.
        routes.get("**", use: { _, _ -> Response in throw PortalError.notFound })
        return routes
    }

    // MARK: Who

    /// The signed-in staff member's session: a clerk is refused, whatever the page.
    static func staff(_ context: SchoolRequestContext) throws -> Session {
        guard let session = context.session else { throw PortalError.notFound }
        guard session.account.role != .school_clerk else { throw PortalError.staffOnly }
        return session
    }

    /// An administrator's session; a counsellor is refused (403) with the reason.
    static func administrator(_ context: SchoolRequestContext) throws -> Session {
        let session = try staff(context)
        guard session.account.role == .administrator else { throw PortalError.administratorsOnly }
        return session
    }

    /// The person whose students a counsellor's pages show: their name as the ledger records
    /// it; nil for an administrator, who sees everyone.
    static func caseload(_ session: Session) -> String? {
        session.account.role == .administrator ? nil : session.account.displayName
    }

    // MARK: Shared

    func frame(_ request: Request, _ session: Session) -> PortalFrame {
        var frame = PortalFrame(request: request, session: session, secure: SessionCookie.isSecure(request, configuration: configuration))
        if let notice = request.uri.queryParameters.get("notice").flatMap({ ConsoleText.notice($0, frame.language) }) {
            frame.notice = notice
        }
        return frame
    }

    /// Runs `body` in the account's region, under its name in the audit log.
    func run<T: Sendable>(_ session: Session, _ body: @escaping @Sendable (Workspace) throws -> T) async throws -> T {
        let account = session.account
        return try await database.run { connection in
            try body(Workspace(connection: connection, region: account.region, actor: account.actor))
        }
    }

    /// Runs `body` like `run` on a connection of its own (a task's long work).
    func runAlone<T: Sendable>(_ session: Session, _ body: @escaping @Sendable (Workspace) throws -> T) async throws -> T {
        let account = session.account
        return try await database.runAlone { connection in
            try body(Workspace(connection: connection, region: account.region, actor: account.actor))
        }
    }

    /// Runs `body` like `run`, turning the errors a person can cause (a wrong value, a status
    /// that cannot move) into a refusal page in their language; nothing was changed then.
    func attempt<T: Sendable>(
        _ session: Session, _ language: Language, _ body: @escaping @Sendable (Workspace) throws -> T
    ) async throws -> T {
        let outcome: Result<T, PortalError> = try await run(session) { workspace in
            do {
                return .success(try body(workspace))
            } catch let error where ConsoleMessages.isUserError(error) {
                return .failure(.refused(ConsoleMessages.describe(error, language)))
            }
        }
        return try outcome.get()
    }

    static func redirect(_ path: String, notice: String? = nil) -> Response {
        guard let notice else { return .redirect(to: path, type: .normal) }
        return .redirect(to: path + (path.contains("?") ? "&" : "?") + "notice=" + notice, type: .normal)
    }

    /// A path segment for an id a county chose (a student id may hold `/`, `?` or CJK).
    static func segment(_ id: String) -> String {
        id.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? id
    }

    static func number(_ context: SchoolRequestContext, _ name: String = "id") throws -> Int64 {
        guard let text = context.parameters.get(name), let value = Int64(text), value > 0 else { throw PortalError.notFound }
        return value
    }

    /// A text field a person typed: trimmed, without control characters, at most `limit`
    /// characters; nil when empty.
    static func text(_ form: PortalForm, _ name: String, limit: Int = 200) throws -> String? {
        guard let value = form.value(name) else { return nil }
        guard value.count <= limit, !value.unicodeScalars.contains(where: {
            $0.properties.generalCategory == .control && !"\n\r\t".unicodeScalars.contains($0)
        }) else { throw PortalError.badField(name) }
        return value
    }

    // MARK: Overview

    @Sendable func overview(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        let session = try Self.staff(context)
        let frame = frame(request, session)
        let language = frame.language
        let person = Self.caseload(session)
        let (outcome, mine) = try await run(session) { workspace -> (CountyOverviewJob.Outcome, Int?) in
            let outcome = try CountyOverviewJob().run(in: workspace)
            let mine = try person.map { person in
                try FollowupListJob(assignee: person).run(in: workspace).entries.count
            }
            return (outcome, mine)
        }
        let total = outcome.figures.total
        let students = outcome.students.values.reduce(0, +)
        let cohorts = outcome.students.sorted { ($0.key ?? 0) > ($1.key ?? 0) }.map { year, count in
            ["year": year.map { String($0) } ?? frame.word("none"), "count": count] as [String: Any]
        }
        let statuses = ReferralStatus.allCases.map { status -> [String: Any] in
            ["label": status.name(in: language), "count": outcome.referrals[status] ?? 0, "code": status.rawValue,
             "url": "/console/referrals?status=\(status.rawValue)"]
        }
        let administrator = session.account.role == .administrator
        func rows(_ rows: [PeriodRow]) -> [[String: Any]] {
            rows.map { row in
                ["label": row.label.isEmpty ? frame.word("none") : row.label, "referred": row.referred,
                 "enrolled": row.enrolled, "declined": row.declined, "open": row.stillOpen, "overdue": row.overdue,
                 "ledger": row.onLedger]
            }
        }
        var values: [String: Any] = [
            "students": students, "cohorts": cohorts, "statuses": statuses,
            "enrolled": total.enrolled, "open": total.stillOpen, "overdue": total.overdue, "ledger": total.onLedger,
            "townships": rows(outcome.figures.byTownship),
            "juniorSchools": rows(outcome.figures.byJuniorSchool),
            "runs": outcome.runs.map { Self.runValues($0, language) },
            "today": outcome.day.day.description,
        ]
        if let mine { values["mine"] = mine }
        // The referrals and the reports are administrators' pages: no links a counsellor would be refused.
        if administrator { values["administrator"] = true }
        return pages.render("console_overview", title: frame.word("overview"), values: values, frame: frame)
    }

    static func runValues(_ run: MatchRunRecord, _ language: Language) -> [String: Any] {
        var values: [String: Any] = [
            "id": run.runID.description, "strategy": ConsoleText.strategy(run.strategy, language),
            "students": run.studentCount, "placed": run.placedCount, "unplaced": run.unplacedCount,
            "when": TimeText.minute(run.createdAt), "by": run.createdBy,
            "reportURL": "/console/runs/\(run.runID)/report",
        ]
        if let cohort = run.cohort { values["cohort"] = cohort }
        if run.onlyFollowup { values["followup"] = true }
        if let mean = run.meanScore { values["meanScore"] = String(format: "%.1f", mean) }
        if let distance = run.meanDistanceKm { values["meanDistance"] = String(format: "%.1f", distance) }
        return values
    }
}
