import Foundation
import Hummingbird
import PathwayCore
import PathwayLetters
import PathwayStorage
import PathwayWorkflows

/// Referrals: made from a run, approved, sent or withdrawn in bulk (the ones ticked, or every
/// one the filter shows), their letters written as print files (per vocational school, per
/// junior school and class), and a school's file for Excel.
extension ConsoleController {
    /// Rows shown on the list; the bulk actions "for all shown by the filter" reach every match.
    static let referralRows = 500

    /// The list's filter, read from the query or a posted form alike.
    struct ReferralSelection: Sendable {
        var runID: RunID?
        var schoolID: String?
        var status: ReferralStatus?
        var juniorSchool: String?

        init(_ value: (String) -> String?) throws {
            func field(_ name: String) -> String? {
                value(name).map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : String($0.prefix(100)) }
            }
            if let text = field("run") {
                guard let id = RunID(text) else { throw PortalError.badField("run") }
                runID = id
            }
            if let text = field("status") {
                guard let status = ReferralStatus(rawValue: text) else { throw PortalError.badField("status") }
                self.status = status
            }
            schoolID = field("school")
            juniorSchool = field("junior")
        }

        var filter: ReferralStore.Filter {
            ReferralStore.Filter(schoolID: schoolID, status: status, runID: runID, juniorSchool: juniorSchool)
        }

        var query: String {
            var items: [String] = []
            func add(_ name: String, _ value: String?) {
                guard let value, let encoded = value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) else { return }
                items.append("\(name)=\(encoded)")
            }
            add("run", runID?.description)
            add("school", schoolID)
            add("status", status?.rawValue)
            add("junior", juniorSchool)
            return items.isEmpty ? "" : "?" + items.joined(separator: "&")
        }
    }

    @Sendable func referrals(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        let session = try Self.administrator(context)
        let frame = frame(request, session)
        let language = frame.language
        let query = request.uri.queryParameters
        let selection = try ReferralSelection { query.get($0).map { String($0) } }
        let filter = selection.filter
        let (listed, runs, schools) = try await run(session) { workspace in
            (try workspace.referrals.page(filter, limit: Self.referralRows), try workspace.runs.runs(), try workspace.directory.schools())
        }
        let rows = listed.referrals.map { referral -> [String: Any] in
            [
                "id": referral.id.description, "reference": referral.referenceNumber, "name": referral.studentName,
                "student": referral.studentID, "programme": referral.programName, "school": referral.schoolName,
                "schoolID": referral.schoolID, "status": referral.status.name(in: language), "code": referral.status.rawValue,
                "run": referral.runID.description, "assignee": referral.assignee,
                "updated": TimeText.minute(referral.updatedAt), "studentURL": "/console/students/" + Self.segment(referral.studentID),
            ]
        }
        var values: [String: Any] = [
            "rows": rows, "empty": rows.isEmpty, "count": listed.total,
            "runs": runs.sorted { $0.runID.rawValue > $1.runID.rawValue }.map { run -> [String: Any] in
                let label = run.runID.description + " · " + ConsoleText.strategy(run.strategy, language)
                return ["value": run.runID.description, "label": label, "selected": run.runID == selection.runID]
            },
            "schools": schools.map { school -> [String: Any] in
                ["value": school.id, "label": "\(school.id) \(school.name)", "selected": school.id == selection.schoolID]
            },
            "statuses": ReferralStatus.allCases.map { status -> [String: Any] in
                ["value": status.rawValue, "label": status.name(in: language), "selected": status == selection.status]
            },
            "junior": selection.juniorSchool ?? "", "query": selection.query,
            "languages": [["value": "zh", "label": "中文"], ["value": "en", "label": "English"]],
        ]
        if listed.total > rows.count { values["more"] = rows.count }
        if let runID = selection.runID { values["run"] = runID.description }
        if let school = selection.schoolID {
            values["school"] = school
            values["xlsxURL"] = "/console/referrals/export?school=" + (school.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        }
        if let status = selection.status { values["status"] = status.rawValue }
        return pages.render("console_referrals", title: frame.word("referralsTitle"), values: values, frame: frame)
    }

    /// One referral per placed student of a run, followed by the person named (or each student's own).
    @Sendable func createReferrals(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        let session = try Self.administrator(context)
        let form = try await PortalForm(request, expectedToken: session.csrfToken)
        let language = frame(request, session).language
        guard let runID = form.value("run").flatMap(RunID.init) else { throw PortalError.badField("run") }
        let assignee = try Self.text(form, "assignee", limit: 100)
        let creation = try await attempt(session, language) { workspace in
            try ReferralCreationJob(runID: runID, assignee: assignee).run(in: workspace)
        }
        return Self.redirect("/console/referrals?run=\(runID)&status=proposed", notice: "created-\(creation.created)")
    }

    /// Approves, sends or withdraws the ticked referrals, or every one the filter finds.
    @Sendable func moveReferrals(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        let session = try Self.administrator(context)
        let form = try await PortalForm(request, expectedToken: session.csrfToken)
        let language = frame(request, session).language
        guard let action = form.value("action").flatMap(BulkAction.init(rawValue:)) else { throw PortalError.badField("action") }
        let selection = try ReferralSelection { form.value($0) }
        let ids = form.values("id").compactMap(ReferralID.init)
        guard ids.count == form.values("id").count else { throw PortalError.badField("id") }
        let job: ReferralMoveJob
        if form.value("scope") == "all" {
            // "Every one the filter finds" needs a filter: never the whole county by one click.
            guard selection.runID != nil || selection.schoolID != nil else {
                throw PortalError.refused(frame(request, session).word("filterFirst"))
            }
            var filter = selection.filter
            // "Every one shown" moves those that can make the move: proposed ones to approve,
            // approved ones to send.
            if filter.status == nil, let from = action.from { filter.status = from }
            job = ReferralMoveJob(referralIDs: [], selection: filter, to: action.status, note: try Self.text(form, "note", limit: 2000))
        } else {
            guard !ids.isEmpty else { throw PortalError.refused(frame(request, session).word("chooseSome")) }
            job = ReferralMoveJob(referralIDs: ids, to: action.status, note: try Self.text(form, "note", limit: 2000))
        }
        let moved = try await attempt(session, language) { workspace in try job.run(in: workspace) }
        return Self.redirect("/console/referrals" + selection.query, notice: "moved-\(moved.count)")
    }

    /// What the list's bulk buttons do.
    enum BulkAction: String, Sendable {
        case approve, send, withdraw

        var status: ReferralStatus {
            switch self {
            case .approve: .approved
            case .send: .sent
            case .withdraw: .withdrawn
            }
        }

        /// The status the move starts from, for "every one shown".
        var from: ReferralStatus? {
            switch self {
            case .approve: .proposed
            case .send: .approved
            case .withdraw: nil
            }
        }
    }

    /// The letters of the filter's referrals (a run's, optionally one school's or junior
    /// school's), written as a task into a folder of the server's; the task's page lists the
    /// print files to download.
    @Sendable func renderLetters(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        let session = try Self.administrator(context)
        let form = try await PortalForm(request, expectedToken: session.csrfToken)
        let frame = frame(request, session)
        let selection = try ReferralSelection { form.value($0) }
        guard let runID = selection.runID else { throw PortalError.refused(frame.word("chooseRun")) }
        let kinds: [LetterKind] = switch form.value("kind") {
        case "school": [.school]
        case "family": [.family]
        default: [.school, .family]
        }
        let letterLanguage: Language = form.value("lang") == "en" ? .english : .chinese
        let issuedOn = try CalendarDate(dayOf: Date(), in: .current)
        let renderer = letters
        let id = try tasks.start(.letters, region: session.account.region, owner: session.account) { reporter in
            reporter.report(.writing)
            let folder = try ConsoleTasks.privateFolder("letters")
            let job = LetterJob(
                selection: .run(runID), school: selection.schoolID, juniorSchool: selection.juniorSchool, language: letterLanguage,
                format: .html, kinds: kinds, issuedOn: issuedOn, folder: folder)
            do {
                let outcome = try await runAlone(session) { workspace in
                    try job.run(in: workspace, renderer: renderer) { written, total in
                        reporter.report(.writing, done: written, total: total)
                    }
                }
                return .letters(outcome.batch, folder: folder)
            } catch {
                try? FileManager.default.removeItem(at: folder)
                throw error
            }
        }
        return .redirect(to: "/console/tasks/\(id)", type: .normal)
    }

    /// A school's referrals as the workbook the school itself downloads (`pathway export --school`).
    @Sendable func exportSchool(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        let session = try Self.administrator(context)
        let language = frame(request, session).language
        guard let school = request.uri.queryParameters.get("school").map({ String($0) }), !school.isEmpty, school.count <= 64 else {
            throw PortalError.badField("school")
        }
        let job = SchoolExportJob.file(
            schoolID: school, format: .xlsx, output: "browser", endpoint: "GET /console/referrals/export",
            actor: session.account.actor)
        let bytes = try await attempt(session, language) { workspace -> [UInt8] in
            var bytes: [UInt8] = []
            try job.run(in: workspace) { page in bytes = try SchoolFileFormat.xlsx.render(page.rows, language: language) }
            return bytes
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", .cacheControl: "no-store",
                .contentDisposition: Self.attachment("\(school)-referrals.xlsx"),
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
