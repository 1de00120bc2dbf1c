import Foundation
import Hummingbird
import PathwayCore
import PathwayStorage
import PathwayWorkflows

/// Follow-up (一人一案): the ledger, the caseloads, each student's whole story with contacts,
/// a new contact, and handing a student to another person. A counsellor's pages hold only
/// the students they follow; another student's page answers like one that does not exist.
extension ConsoleController {
    @Sendable func ledger(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        let session = try Self.staff(context)
        let frame = frame(request, session)
        let language = frame.language
        let asked = request.uri.queryParameters.get("person").map { String($0) }.flatMap { $0.isEmpty ? nil : String($0.prefix(100)) }
        // A counsellor's list is their own; an administrator's is everyone's, or one person's.
        let person = Self.caseload(session) ?? asked
        let outcome = try await run(session) { workspace in try FollowupListJob(assignee: person).run(in: workspace) }
        let rows = outcome.entries.prefix(Self.listRows).map { entry -> [String: Any] in
            var values: [String: Any] = [
                "student": entry.studentID, "name": entry.studentName, "junior": entry.juniorSchool ?? "",
                "reason": entry.reason.name(in: language), "since": entry.since.description, "waiting": entry.waitingDays,
                "responsible": entry.responsible ?? frame.word("nobody"), "url": "/console/students/" + Self.segment(entry.studentID),
            ]
            if let days = entry.overdueDays { values["overdue"] = days }
            if let reason = entry.outcomeReason { values["outcomeReason"] = reason.name(in: language) }
            return values
        }
        var values: [String: Any] = [
            "rows": rows, "empty": rows.isEmpty, "count": outcome.entries.count, "day": outcome.day.day.description,
        ]
        if outcome.entries.count > rows.count { values["shown"] = rows.count }
        if let person { values["person"] = person }
        if Self.caseload(session) != nil { values["own"] = true }
        return pages.render("console_ledger", title: frame.word("followup"), values: values, frame: frame)
    }

    /// Who follows how many students on the ledger, how many of them overdue, the longest wait.
    @Sendable func caseloads(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        let session = try Self.staff(context)
        let frame = frame(request, session)
        let person = Self.caseload(session)
        let entries = try await run(session) { workspace in try FollowupListJob(assignee: person).run(in: workspace).entries }
        var lines: [String: (students: Int, overdue: Int, longest: Int)] = [:]
        for entry in entries {
            var line = lines[entry.responsible ?? "", default: (0, 0, 0)]
            line.students += 1
            if entry.overdueDays != nil { line.overdue += 1 }
            line.longest = max(line.longest, entry.waitingDays)
            lines[entry.responsible ?? ""] = line
        }
        let rows = lines.sorted { $0.value.students != $1.value.students ? $0.value.students > $1.value.students : $0.key < $1.key }
            .map { name, line -> [String: Any] in
                [
                    "name": name.isEmpty ? frame.word("nobody") : name, "students": line.students, "overdue": line.overdue,
                    "longest": line.longest,
                    "url": "/console/followup" + (name.isEmpty ? "" : "?person=" + (name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")),
                ]
            }
        return pages.render("console_caseloads", title: frame.word("caseloads"), values: ["rows": rows, "empty": rows.isEmpty], frame: frame)
    }

    /// The student's story, or nil when the region has none or it is not the counsellor's.
    private static func story(
        _ studentID: String, session: Session, in workspace: Workspace
    ) throws -> StudentStoryJob.Outcome? {
        // Judged as the ledger judges, without recording the expiries of the whole county on
        // every page of one student (the overview and the ledger record them).
        guard let outcome = try StudentStoryJob(studentID: studentID, recordsExpiries: false).run(in: workspace) else { return nil }
        if let person = caseload(session), outcome.responsible != person { return nil }
        return outcome
    }

    /// The student of a path (`/console/students/{id}`, percent-encoded as `segment` writes it).
    static func studentID(_ context: SchoolRequestContext) throws -> String {
        guard let raw = context.parameters.get("id"), let id = raw.removingPercentEncoding, !id.isEmpty, id.count <= 64 else {
            throw PortalError.notFound
        }
        return id
    }

    @Sendable func student(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        let session = try Self.staff(context)
        let frame = frame(request, session)
        let language = frame.language
        let studentID = try Self.studentID(context)
        guard let outcome = try await run(session, { workspace in try Self.story(studentID, session: session, in: workspace) }) else {
            throw PortalError.notFound
        }
        let story = outcome.story
        let student = story.student
        var values: [String: Any] = [
            "student": student.id, "name": student.name, "junior": student.juniorSchool ?? "",
            "township": student.township ?? "", "village": student.village ?? "",
            "cohort": student.graduationYear.map { String($0) } ?? "", "guardian": student.guardianName ?? "",
            "phone": student.guardianPhone ?? "", "responsible": outcome.responsible ?? frame.word("nobody"),
            "contactURL": "/console/students/\(Self.segment(student.id))/contact",
            "assignURL": "/console/students/\(Self.segment(student.id))/assign",
            "kinds": ContactKind.allCases.map { ["value": $0.rawValue, "label": $0.name(in: language)] },
            "outcomes": ContactOutcome.allCases.map { ["value": $0.rawValue, "label": $0.name(in: language)] },
        ]
        switch outcome.standing {
        case .held(let referral, let status):
            values["standing"] = "\(status.name(in: language)) · \(referral.programName) · \(referral.schoolName)"
        case .onLedger(let entry):
            values["standing"] = (language == .chinese ? "在跟进名单上：" : "On the follow-up ledger: ") + entry.reason.name(in: language)
                + (language == .chinese ? "（\(entry.waitingDays) 天）" : " (\(entry.waitingDays) days)")
            values["onLedger"] = true
        }
        values["runs"] = story.runs.map { line -> [String: Any] in
            [
                "run": line.runID.description, "strategy": ConsoleText.strategy(line.strategy, language),
                "when": TimeText.minute(line.at), "programme": line.programName ?? frame.word("unplaced"),
                "school": line.schoolID ?? "", "rank": line.studentRank.map { String($0) } ?? "",
                "explainURL": "/console/runs/\(line.runID)/explain?student=" + (student.id.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""),
            ]
        }
        values["referrals"] = story.referrals.map { history -> [String: Any] in
            var values: [String: Any] = [
                "reference": history.referral.referenceNumber, "programme": history.referral.programName,
                "school": history.referral.schoolName, "status": history.referral.status.name(in: language),
                "events": history.events.map { event -> [String: String] in
                    [
                        "when": TimeText.minute(event.at), "to": event.to.name(in: language), "by": event.actor,
                        "reason": event.reason?.name(in: language) ?? "", "note": event.note ?? "",
                    ]
                },
            ]
            // What the family or the school said, recorded by the county: on a referral that is open.
            if history.referral.status.isOpen {
                values["outcomeURL"] = "/console/referrals/\(history.referral.id)/outcome"
                values["outcomes"] = Self.staffOutcomes.map { ["value": $0.rawValue, "label": $0.name(in: language)] }
                values["reasons"] = SchoolPortalController.reasonOptions(language)
            }
            return values
        }
        values["contacts"] = story.contacts.map { contact -> [String: String] in
            [
                "when": TimeText.minute(contact.contactedAt), "kind": contact.kind.name(in: language),
                "outcome": contact.outcome.name(in: language), "by": contact.contactedBy, "note": contact.note ?? "",
            ]
        }
        values["noContacts"] = story.contacts.isEmpty
        // The explanation of a run is an administrator's page: no link a counsellor would be refused.
        if session.account.role == .administrator { values["administrator"] = true }
        return pages.render("console_student", title: student.name, values: values, frame: frame)
    }

    /// The outcomes staff record by hand (`pathway referrals outcome`): what a school reports,
    /// and a withdrawal.
    static let staffOutcomes: [ReferralStatus] = ReferralStatus.schoolReports + [.withdrawn]

    /// Records an outcome of one referral (a call from the school or the family).
    @Sendable func referralOutcome(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        let session = try Self.staff(context)
        let form = try await PortalForm(request, expectedToken: session.csrfToken)
        let language = frame(request, session).language
        let id = ReferralID(try Self.number(context))
        guard let status = form.value("outcome").flatMap(ReferralStatus.init(rawValue:)), Self.staffOutcomes.contains(status) else {
            throw PortalError.badField("outcome")
        }
        let reason = form.value("reason").flatMap(OutcomeReason.init(rawValue:))
        if status == .declined, reason == nil { throw PortalError.refused(frame(request, session).word("needReason")) }
        let note = try Self.text(form, "note", limit: 2000)
        let studentID = try await attempt(session, language) { workspace -> String? in
            guard let referral = try workspace.referrals.referral(id),
                  try Self.story(referral.studentID, session: session, in: workspace) != nil
            else { return nil }
            try ReferralMoveJob(
                referralIDs: [id], to: status, note: note, reason: OutcomeReason.statuses.contains(status) ? reason : nil
            ).run(in: workspace)
            return referral.studentID
        }
        guard let studentID else { throw PortalError.notFound }
        return Self.redirect("/console/students/" + Self.segment(studentID), notice: "saved")
    }

    /// The region's students (`pathway students list`): by cohort, junior school, or a name or
    /// id searched for; a counsellor's are their own.
    @Sendable func students(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        let session = try Self.staff(context)
        let frame = frame(request, session)
        let query = request.uri.queryParameters
        func field(_ name: String) -> String? {
            query.get(name).map { String($0).trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : String($0.prefix(100)) }
        }
        let cohort = try field("cohort").map { text -> Int in
            guard let year = Int(text) else { throw PortalError.badField("cohort") }
            return year
        }
        let junior = field("junior")
        let search = field("q")
        let person = Self.caseload(session)
        let (found, total) = try await run(session) { workspace in
            try workspace.directory.studentPage(
                .init(juniorSchool: junior, cohort: cohort, responsible: person), search: search, limit: Self.listRows)
        }
        let rows = found.map { student -> [String: Any] in
            [
                "student": student.id, "name": student.name, "junior": student.juniorSchool ?? "",
                "cohort": student.graduationYear.map { String($0) } ?? "", "township": student.township ?? "",
                "score": student.totalScore.map { String(format: "%.1f", $0) } ?? "",
                "responsible": student.responsible ?? person ?? "", "url": "/console/students/" + Self.segment(student.id),
            ]
        }
        var values: [String: Any] = [
            "rows": rows, "empty": rows.isEmpty, "count": total, "q": search ?? "", "junior": junior ?? "",
            "cohort": cohort.map { String($0) } ?? "",
        ]
        if total > rows.count { values["shown"] = rows.count }
        return pages.render("console_students", title: frame.word("students"), values: values, frame: frame)
    }

    /// Rows a list page shows at most; the count says how many there are.
    static let listRows = 1000

    @Sendable func addContact(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        let session = try Self.staff(context)
        let form = try await PortalForm(request, expectedToken: session.csrfToken)
        let language = frame(request, session).language
        let studentID = try Self.studentID(context)
        guard let kind = form.value("kind").flatMap(ContactKind.init(rawValue:)) else { throw PortalError.badField("kind") }
        guard let outcome = form.value("outcome").flatMap(ContactOutcome.init(rawValue:)) else { throw PortalError.badField("outcome") }
        let note = try Self.text(form, "note", limit: 2000)
        // Made by the person signed in, unless they say it was someone else.
        let by = try Self.text(form, "by", limit: 100) ?? session.account.displayName
        let found = try await attempt(session, language) { workspace -> Bool in
            guard try Self.story(studentID, session: session, in: workspace) != nil else { return false }
            try ContactJob(studentID: studentID, kind: kind, outcome: outcome, note: note, contactedBy: by).run(in: workspace)
            return true
        }
        guard found else { throw PortalError.notFound }
        return Self.redirect("/console/students/" + Self.segment(studentID), notice: "contact")
    }

    @Sendable func assign(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        let session = try Self.staff(context)
        let form = try await PortalForm(request, expectedToken: session.csrfToken)
        let language = frame(request, session).language
        let studentID = try Self.studentID(context)
        guard let person = try Self.text(form, "person", limit: 100) else { throw PortalError.badField("person") }
        let found = try await attempt(session, language) { workspace -> Bool in
            guard try Self.story(studentID, session: session, in: workspace) != nil else { return false }
            try AssignJob(selection: .init(studentIDs: [studentID]), person: person).run(in: workspace)
            return true
        }
        guard found else { throw PortalError.notFound }
        // A counsellor who handed the student on no longer sees the page: back to the list.
        let back = Self.caseload(session) == nil || person == session.account.displayName
            ? "/console/students/" + Self.segment(studentID) : "/console/followup"
        return Self.redirect(back, notice: "assigned")
    }
}
