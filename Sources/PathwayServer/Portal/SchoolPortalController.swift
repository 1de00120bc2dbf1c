import Foundation
import Hummingbird
import PathwayCore
import PathwayLetters
import PathwayStorage
import PathwayWorkflows

/// `/school/...`: a vocational school's clerk, signed in, works through the school's referrals:
/// the list (status, search, counts, overdue), a student's page with the printable letter and
/// the history, outcomes one by one, by checkbox or by uploading the 报到名单, and downloads.
///
/// Every route runs behind `SessionAuthenticator` (clerks only) and reads and writes through
/// the same jobs and the same rule of visibility as the API: another school's referral, by
/// whatever URL, id or parameter, is answered like one that does not exist (404).
struct SchoolPortalController {
    let database: DatabaseGateway
    let configuration: ServerConfiguration
    let pages: PortalPages
    let letters: LetterRenderer

    /// Rows on one page of the list; a school with more follows "next".
    static let pageSize = 500

    var endpoints: RouteCollection<SchoolRequestContext> {
        let routes = RouteCollection(context: SchoolRequestContext.self)
        routes.get("referrals", use: list)
        routes.get("referrals.csv", use: downloadCSV)
        routes.get("referrals.xlsx", use: downloadWorkbook)
        routes.post("outcomes", use: outcomes)
        routes.get("referrals/:id", use: student)
        routes.get("referrals/:id/letter", use: letter)
        routes.post("referrals/:id/outcome", use: outcome)
        routes.get("upload", use: uploadForm)
        routes.post("upload", use: uploadPreview)
        routes.post("upload/apply", use: uploadApply)
        // Any other path under /school is a page, not an API call: answered as one.
        routes.get("**", use: { _, _ -> Response in throw PortalError.notFound })
        return routes
    }

    // MARK: The list

    @Sendable func list(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        let (credential, session) = try Self.clerk(context)
        var frame = frame(request, session)
        let query = request.uri.queryParameters
        // A status the school never sees (a draft's) or none at all filters to nothing, as the
        // list of such referrals is: never to everything.
        let statusText = query.get("status").map(Self.printable).flatMap { $0.isEmpty ? nil : String($0.prefix(32)) }
        let status = statusText.flatMap(ReferralStatus.init(rawValue:)).flatMap { Self.visible.contains($0) ? $0 : nil }
        let search = query.get("q").map { Self.printable($0).trimmingCharacters(in: .whitespaces) }
            .flatMap { $0.isEmpty ? nil : String($0.prefix(100)) }
        var filter = SchoolReferralQuery.Filter(statuses: statusText.map { [$0] } ?? [], limit: Self.pageSize, search: search)
        if let cursor = query.get("cursor") { filter.after = SchoolReferralQuery.Cursor(cursor) }
        let job = SchoolReferralListJob(filter: filter)
        let outcome = try await database.run(as: credential) { workspace in try job.run(in: workspace, credential: credential) }
        if query.get("saved") != nil { frame.notice = query.get("saved").flatMap(Int.init).map { "\($0) " + frame.word("recorded") } ?? frame.word("outcomeSaved") }
        let language = frame.language
        func link(_ status: ReferralStatus?) -> String {
            var items: [String] = []
            if let status { items.append("status=\(status.rawValue)") }
            if let search, let encoded = search.addingPercentEncoding(withAllowedCharacters: .alphanumerics) { items.append("q=\(encoded)") }
            return "/school/referrals" + (items.isEmpty ? "" : "?" + items.joined(separator: "&"))
        }
        let total = outcome.counts.values.reduce(0, +)
        var tabs: [[String: Any]] = [["label": frame.word("all"), "count": total, "url": link(nil), "current": status == nil]]
        for visible in Self.visible {
            tabs.append([
                "label": visible.name(in: language), "count": outcome.counts[visible] ?? 0, "url": link(visible),
                "current": status == visible,
            ])
        }
        let rows: [[String: Any]] = outcome.page.rows.map { row in
            var values = Self.rowValues(row, language: language)
            if let days = outcome.overdueDays[row.referralID] { values["overdueDays"] = days }
            return values
        }
        var values: [String: Any] = [
            "tabs": tabs, "rows": rows, "empty": rows.isEmpty, "q": search ?? "",
            "outcomes": Self.outcomeOptions(language), "reasons": Self.reasonOptions(language),
            "overdueCount": outcome.overdueDays.count,
            "csvURL": "/school/referrals.csv", "xlsxURL": "/school/referrals.xlsx",
        ]
        if let status { values["status"] = status.rawValue }
        if let next = outcome.page.next {
            values["nextURL"] = link(status) + (link(status).contains("?") ? "&" : "?") + "cursor=\(next.description)"
        }
        return pages.render("referrals", title: frame.word("referrals"), values: values, frame: frame)
    }

    /// `text` without control characters (a NUL cannot reach PostgreSQL's text).
    static func printable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.properties.generalCategory != .control }))
    }

    /// The statuses a school sees, in the order a clerk works through them.
    static let visible = ReferralListRequest.visible

    static func rowValues(_ row: SchoolReferral, language: Language) -> [String: Any] {
        let status = ReferralStatus(rawValue: row.status)
        var values: [String: Any] = [
            "id": row.referralID.description, "name": row.name, "statusNumber": row.statusNumber ?? "",
            "juniorSchool": row.school ?? "", "programme": row.programName, "statusCode": row.status,
            "status": status?.name(in: language) ?? row.status, "url": "/school/referrals/\(row.referralID)",
            "updated": TimeText.minute(utcStamp: row.updatedAt) ?? row.updatedAt,
        ]
        if let status, !ReferralStatus.schoolReports.filter({ status.canMove(to: $0) }).isEmpty { values["open"] = true }
        return values
    }

    static func outcomeOptions(_ language: Language) -> [[String: String]] {
        ReferralStatus.schoolReports.map { ["value": $0.rawValue, "label": $0.name(in: language)] }
    }

    static func reasonOptions(_ language: Language) -> [[String: String]] {
        OutcomeReason.given.map { ["value": $0.rawValue, "label": $0.name(in: language)] }
    }

    // MARK: Downloads

    @Sendable func downloadCSV(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        try await download(request, context, format: .csv)
    }

    @Sendable func downloadWorkbook(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        try await download(request, context, format: .xlsx)
    }

    /// The whole list as a file, audited as an export (`referrals.export`) like `pathway export`.
    private func download(_ request: Request, _ context: SchoolRequestContext, format: SchoolFileFormat) async throws -> Response {
        let (credential, session) = try Self.clerk(context)
        let language = frame(request, session).language
        let job = SchoolExportJob(
            schoolID: credential.schoolID,
            audit: SchoolReferralQuery.Audit(
                actor: credential.actor, action: "referrals.export",
                details: ["endpoint": .string("GET /school/referrals.\(format.rawValue)"), "format": .string(format.rawValue)]))
        let bytes = try await database.run(as: credential) { workspace -> [UInt8] in
            var bytes: [UInt8] = []
            try job.run(in: workspace, checkSchool: false) { page in bytes = try format.render(page.rows, language: language) }
            return bytes
        }
        let type = format == .csv ? "text/csv; charset=utf-8"
            : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        let name = "\(credential.schoolID)-referrals.\(format.fileExtension)"
        return Response(
            status: .ok,
            headers: [.contentType: type, .cacheControl: "no-store",
                      .contentDisposition: "attachment; filename=\"\(name.filter { $0.isASCII && $0 != "\"" })\""],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    // MARK: One student

    @Sendable func student(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        let (credential, session) = try Self.clerk(context)
        var frame = frame(request, session)
        let id = try Self.referralID(context)
        let job = SchoolReferralPageJob(referralID: id)
        guard let page = try await database.run(as: credential, { workspace in try job.run(in: workspace, credential: credential) })
        else { throw PortalError.notFound }
        if request.uri.queryParameters.get("saved") != nil { frame.notice = frame.word("outcomeSaved") }
        if let problem = request.uri.queryParameters.get("problem") { frame.problem = Self.problemText(problem, frame) }
        let language = frame.language
        let row = page.referral
        var values = Self.rowValues(row, language: language)
        values["gender"] = row.gender.flatMap(Gender.init(rawValue:))?.name(in: language) ?? row.gender ?? ""
        values["birthDate"] = row.birthDate ?? ""
        values["guardian"] = row.guardianName ?? ""
        values["phone"] = row.guardianPhone ?? ""
        values["score"] = row.score.map { String(format: "%.1f", $0) } ?? ""
        values["sentAt"] = TimeText.minute(utcStamp: row.sentAt) ?? ""
        values["letterURL"] = "/school/referrals/\(row.referralID)/letter" + (language == .english ? "?lang=en" : "")
        values["actionURL"] = "/school/referrals/\(row.referralID)/outcome"
        if let days = page.overdueDays { values["overdueDays"] = days }
        values["outcomes"] = Self.outcomeOptions(language)
        values["reasons"] = Self.reasonOptions(language)
        values["events"] = page.events.map { event -> [String: Any] in
            var values: [String: Any] = [
                "when": TimeText.minute(event.at), "from": event.from?.name(in: language) ?? "",
                "to": event.to.name(in: language),
            ]
            if let reason = event.reason { values["reason"] = reason.name(in: language) }
            if let note = event.note { values["note"] = note }
            return values
        }
        return pages.render("referral", title: row.name, values: values, frame: frame)
    }

    @Sendable func letter(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        let (credential, session) = try Self.clerk(context)
        let language = frame(request, session).language
        let id = try Self.referralID(context)
        let job = SchoolLetterJob(
            referralID: id, language: language, office: configuration.office ?? "",
            officePhone: configuration.officePhone ?? "", endpoint: "GET /school/referrals/{id}/letter")
        guard let letter = try await database.run(as: credential, { workspace in try job.run(in: workspace, credential: credential) })
        else { throw PortalError.notFound }
        let html = letters.render(letter, kind: .school, language: language, format: .html)
        return Response(
            status: .ok,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                      .contentSecurityPolicy: SecurityHeadersMiddleware<SchoolRequestContext>.inlineStylePolicy],
            body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    // MARK: Outcomes

    @Sendable func outcome(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        let (credential, session) = try Self.clerk(context)
        let id = try Self.referralID(context)
        let form = try await PortalForm(request, expectedToken: session.csrfToken)
        let back = "/school/referrals/\(id)"
        let choice: OutcomeChoice
        switch OutcomeChoice.read(form) {
        case .success(let read): choice = read
        case .failure(let problem): return .redirect(to: back + "?problem=\(problem.rawValue)", type: .normal)
        }
        let job = SchoolOutcomeJob(referralID: id, outcome: choice.outcome, reason: choice.reason, note: choice.note)
        let updated = try await database.run(as: credential) { workspace -> Result<SchoolReferral?, OutcomeProblem> in
            do {
                return .success(try job.run(in: workspace, credential: credential))
            } catch ReferralError.illegalTransition {
                return .failure(.cannotMove)
            }
        }
        switch updated {
        case .success(nil): throw PortalError.notFound
        case .success: return .redirect(to: back + "?saved=1", type: .normal)
        case .failure(let problem): return .redirect(to: back + "?problem=\(problem.rawValue)", type: .normal)
        }
    }

    @Sendable func outcomes(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        let (credential, session) = try Self.clerk(context)
        let form = try await PortalForm(request, expectedToken: session.csrfToken)
        let frame = frame(request, session)
        let ids = form.values("id").compactMap(ReferralID.init)
        guard !ids.isEmpty, ids.count == form.values("id").count else { throw PortalError.refused(frame.word("chooseSome")) }
        let choice: OutcomeChoice
        switch OutcomeChoice.read(form) {
        case .success(let read): choice = read
        case .failure(let problem): throw PortalError.refused(Self.problemText(problem.rawValue, frame))
        }
        let job = SchoolOutcomesJob(referralIDs: ids, outcome: choice.outcome, reason: choice.reason, note: choice.note)
        let language = frame.language
        let moved = try await database.run(as: credential) { workspace -> Result<Int, PortalError> in
            do {
                return .success(try job.run(in: workspace, credential: credential).count)
            } catch ReferralError.notFound {
                return .failure(.notFound)
            } catch ReferralError.illegalTransition(let error) {
                return .failure(.refused(Self.cannotMoveText(error.from, error.to, language: language)))
            }
        }
        switch moved {
        case .success(let count): return .redirect(to: "/school/referrals?saved=\(count)", type: .normal)
        case .failure(let error): throw error
        }
    }

    /// An outcome, reason and note as a form gives them, checked as the API checks its body.
    struct OutcomeChoice {
        var outcome: ReferralStatus
        var reason: OutcomeReason?
        var note: String?

        static func read(_ form: PortalForm) -> Result<OutcomeChoice, OutcomeProblem> {
            guard let text = form.value("outcome"), let outcome = ReferralStatus(rawValue: text),
                  ReferralStatus.schoolReports.contains(outcome)
            else { return .failure(.badOutcome) }
            let reason = form.value("reason").flatMap(OutcomeReason.init(rawValue:))
            if let reason, reason == .registration_closed { return .failure(.badOutcome) }
            if outcome == .declined, reason == nil { return .failure(.needReason) }
            let takesReason = OutcomeReason.statuses.contains(outcome)
            let note = form.value("note")
            if let note, note.count > 2000 || note.unicodeScalars.contains(where: {
                $0.properties.generalCategory == .control && !"\n\r\t".unicodeScalars.contains($0)
            }) { return .failure(.badNote) }
            return .success(OutcomeChoice(outcome: outcome, reason: takesReason ? reason : nil, note: note))
        }
    }

    enum OutcomeProblem: String, Error {
        case badOutcome = "outcome", needReason = "reason", badNote = "note", cannotMove = "move"
    }

    static func problemText(_ code: String, _ frame: PortalFrame) -> String {
        let chinese = frame.language == .chinese
        switch OutcomeProblem(rawValue: code) {
        case .needReason: return frame.word("needReason")
        case .badNote: return chinese ? "备注过长或含有控制字符。" : "The note is too long or contains control characters."
        case .cannotMove: return chinese ? "这个转介的当前状态不允许这样更改。" : "The referral's status does not allow this change."
        case .badOutcome, nil: return chinese ? "请选择一个结果。" : "Choose an outcome."
        }
    }

    static func cannotMoveText(_ from: ReferralStatus, _ to: ReferralStatus, language: Language) -> String {
        language == .chinese
            ? "有学生现为“\(from.name(in: .chinese))”，不能变为“\(to.name(in: .chinese))”：没有记录任何更改。"
            : "A selected student is \(from.name(in: .english)) and cannot become \(to.name(in: .english)): nothing was recorded."
    }

    // MARK: Upload

    @Sendable func uploadForm(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        let (_, session) = try Self.clerk(context)
        let frame = frame(request, session)
        return pages.render("upload", title: frame.word("uploadTitle"), frame: frame)
    }

    /// The file read and matched, nothing recorded: every change and every problem shown, and
    /// the file carried in the page to be sent back when the clerk confirms.
    @Sendable func uploadPreview(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        let (credential, session) = try Self.clerk(context)
        let form = try await PortalForm(request, expectedToken: session.csrfToken)
        var frame = frame(request, session)
        guard let file = form.file("file"), !file.bytes.isEmpty else {
            frame.problem = frame.word("chooseFile")
            return pages.render("upload", title: frame.word("uploadTitle"), frame: frame, status: .badRequest)
        }
        guard file.bytes.count <= PortalForm.maximumFileBytes else { throw PortalError.tooLarge }
        return try await preview(file: file, credential: credential, frame: frame)
    }

    @Sendable func uploadApply(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        let (credential, session) = try Self.clerk(context)
        let form = try await PortalForm(request, expectedToken: session.csrfToken)
        let frame = frame(request, session)
        guard let encoded = form.value("content"), let data = Data(base64Encoded: encoded), let name = form.value("fileName") else {
            throw PortalError.refused(frame.word("chooseFile"))
        }
        let file = PortalForm.File(name: name, bytes: Array(data))
        let job = OutcomesFileJob(bytes: file.bytes, fileName: file.name, schoolID: credential.schoolID)
        let applied = try await database.run(as: credential) { workspace -> Int? in
            do {
                return try job.run(in: workspace).moved.count
            } catch WorkflowError.refusedFile, WorkflowError.outcomeRows, ReferralError.illegalTransition, ReferralError.notFound {
                return nil
            }
        }
        // The list changed between preview and confirmation: show the preview again, as it is now.
        guard let applied else { return try await preview(file: file, credential: credential, frame: frame) }
        return .redirect(to: "/school/referrals?saved=\(applied)", type: .normal)
    }

    private func preview(file: PortalForm.File, credential: SchoolCredential, frame: PortalFrame) async throws -> Response {
        let job = OutcomesFileJob(bytes: file.bytes, fileName: file.name, schoolID: credential.schoolID)
        let plan = try await database.run(as: credential) { workspace in try job.preview(in: workspace, audited: true) }
        let language = frame.language
        var problems: [[String: String]] = plan.diagnostics.sorted.filter { $0.severity == .error }.map { issue in
            ["row": issue.row.map(String.init) ?? "", "text": issue.description(in: language)]
        }
        problems += plan.problems.map { ["row": String($0.line), "text": $0.text(in: language)] }
        let changes: [[String: String]] = plan.changes.map { change in
            [
                "row": String(change.line), "name": change.target.studentName,
                "statusNumber": change.target.statusNumber ?? "", "reference": change.target.referenceNumber,
                "from": change.target.status.name(in: language), "to": change.move.status.name(in: language),
                "reason": change.move.reason?.name(in: language) ?? "", "note": change.move.note ?? "",
            ]
        }
        var values: [String: Any] = [
            "preview": true, "fileName": file.name, "changes": changes, "unchanged": plan.unchanged,
            "problems": problems, "hasProblems": !problems.isEmpty,
        ]
        if problems.isEmpty, !changes.isEmpty { values["content"] = Data(file.bytes).base64EncodedString() }
        return pages.render(
            "upload", title: frame.word("previewTitle"), values: values, frame: frame,
            status: problems.isEmpty ? .ok : .unprocessableContent)
    }

    // MARK: Shared

    private func frame(_ request: Request, _ session: Session) -> PortalFrame {
        PortalFrame(request: request, session: session, secure: SessionCookie.isSecure(request, configuration: configuration))
    }

    /// The clerk's school and session; the authenticator lets no request through without both.
    static func clerk(_ context: SchoolRequestContext) throws -> (SchoolCredential, Session) {
        guard let credential = context.credential, let session = context.session else { throw PortalError.notFound }
        return (credential, session)
    }

    /// A path id that cannot be a referral reads like a referral that is not the school's.
    static func referralID(_ context: SchoolRequestContext) throws -> ReferralID {
        guard let text = context.parameters.get("id"), let id = ReferralID(text) else { throw PortalError.notFound }
        return id
    }
}
