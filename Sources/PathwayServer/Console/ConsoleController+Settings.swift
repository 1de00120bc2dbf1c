import Foundation
import Hummingbird
import PathwayCore
import PathwayStorage
import PathwayWorkflows

/// Settings, accounts and API tokens: administrators only. The county profile and deadlines
/// go through the same jobs as `pathway county set` (audited with before and after); accounts
/// and tokens through their stores, which audit every change. A new password or token is shown
/// once, on the page that made it, and kept only as a hash.
extension ConsoleController {
    @Sendable func settings(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        let session = try Self.administrator(context)
        let frame = frame(request, session)
        let language = frame.language
        let (profile, deadlines) = try await run(session) { workspace in
            (try workspace.profile.profile(), try workspace.settings.deadlines())
        }
        let county = profile.profile
        var values: [String: Any] = [
            "office": county.office ?? "", "signatory": county.signatory ?? "", "officePhone": county.officePhone ?? "",
            "counsellors": county.counsellors.sorted { $0.key < $1.key }.map { school, person in
                ["school": school, "name": person.name, "phone": person.phone]
            },
            "subsidies": county.subsidies.map { subsidy -> [String: String] in
                [
                    "kind": ConsoleText.subsidy(subsidy.kind, language), "code": subsidy.kind.rawValue,
                    "yuan": subsidy.yuanPerYear.map { String($0) } ?? "", "from": subsidy.effectiveFrom.description,
                    "until": subsidy.effectiveUntil?.description ?? "",
                ]
            },
            "subsidyKinds": Subsidy.Kind.allCases.map { ["value": $0.rawValue, "label": ConsoleText.subsidy($0, language)] },
            "acknowledgeDays": deadlines.deadlines.acknowledgeDays,
            "registrationCloses": String(format: "%02d-%02d", deadlines.deadlines.registrationMonth, deadlines.deadlines.registrationDay),
        ]
        if let by = profile.changedBy, let at = profile.changedAt { values["profileChanged"] = "\(by) · \(TimeText.minute(at))" }
        return pages.render("console_settings", title: frame.word("settings"), values: values, frame: frame)
    }

    @Sendable func saveProfile(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        let session = try Self.administrator(context)
        let form = try await PortalForm(request, expectedToken: session.csrfToken)
        let language = frame(request, session).language
        var counsellors: [(juniorSchool: String, person: CountyProfile.Person)] = []
        if let school = try Self.text(form, "counsellorSchool", limit: 100) {
            guard let name = try Self.text(form, "counsellorName", limit: 100), let phone = try Self.text(form, "counsellorPhone", limit: 40)
            else { throw PortalError.badField("counsellorName") }
            counsellors.append((school, CountyProfile.Person(name: name, phone: phone)))
        }
        var subsidies: [Subsidy] = []
        if let kind = form.value("subsidyKind").flatMap(Subsidy.Kind.init(rawValue:)) {
            guard let from = form.value("subsidyFrom").flatMap(CalendarDate.init(parsing:)) else { throw PortalError.badField("subsidyFrom") }
            let until = try form.value("subsidyUntil").map { text -> CalendarDate in
                guard let day = CalendarDate(parsing: text) else { throw PortalError.badField("subsidyUntil") }
                return day
            }
            let yuan = try form.value("subsidyYuan").map { text -> Int in
                guard let value = Int(text) else { throw PortalError.badField("subsidyYuan") }
                return value
            }
            do {
                subsidies.append(try Subsidy(kind: kind, yuanPerYear: yuan, effectiveFrom: from, effectiveUntil: until).validated())
            } catch {
                throw PortalError.refused(ConsoleText.subsidyProblem(error, language))
            }
        }
        let job = CountyProfileJob(
            office: try Self.text(form, "office"), signatory: try Self.text(form, "signatory", limit: 100),
            officePhone: try Self.text(form, "officePhone", limit: 40), counsellors: counsellors,
            removedCounsellors: form.values("removeCounsellor"),
            subsidies: subsidies, removedSubsidies: form.values("removeSubsidy").compactMap(Subsidy.Kind.init(rawValue:)))
        guard job.changesSomething else { return Self.redirect("/console/settings") }
        _ = try await attempt(session, language) { workspace in try job.run(in: workspace) }
        return Self.redirect("/console/settings", notice: "saved")
    }

    @Sendable func saveDeadlines(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        let session = try Self.administrator(context)
        let form = try await PortalForm(request, expectedToken: session.csrfToken)
        let language = frame(request, session).language
        let days = try form.value("acknowledgeDays").map { text -> Int in
            guard let days = Int(text) else { throw PortalError.badField("acknowledgeDays") }
            return days
        }
        let closes = try form.value("registrationCloses").map { text -> (month: Int, day: Int) in
            let parts = text.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 2 else { throw PortalError.badField("registrationCloses") }
            return (parts[0], parts[1])
        }
        let job = CountySettingsJob(acknowledgeDays: days, registrationCloses: closes)
        _ = try await attempt(session, language) { workspace in try job.run(in: workspace) }
        return Self.redirect("/console/settings", notice: "saved")
    }

    /// A backup of the whole database as a task (`pathway db backup`), to download from its page.
    @Sendable func backup(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        let session = try Self.administrator(context)
        _ = try await PortalForm(request, expectedToken: session.csrfToken)
        // A dump holds every region's students: on a database of several counties it is the
        // server's operator's to make (`pathway db backup`), not one county's administrator's.
        let regions = try await run(session) { workspace in try workspace.directory.regionCount() }
        guard regions <= 1 else { throw PortalError.refused(frame(request, session).word("backupOneRegion")) }
        let backup = DatabaseBackup(target: database.pool.target, actor: session.account.actor)
        let day = (try? CalendarDate(dayOf: Date(), in: .current).description) ?? "backup"
        let id = try tasks.start(.backup, region: session.account.region, owner: session.account) { reporter in
            reporter.report(.dumping)
            let folder = try ConsoleTasks.privateFolder("backup")
            let file = folder.appendingPathComponent("pathway-\(day).dump")
            do {
                let bytes = try await DatabaseGateway.blocking { try backup.backup(to: file.path) }
                return .backup(file: file, bytes: bytes)
            } catch {
                try? FileManager.default.removeItem(at: folder)
                throw error
            }
        }
        return .redirect(to: "/console/tasks/\(id)", type: .normal)
    }

    // MARK: Accounts

    @Sendable func accounts(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        let session = try Self.administrator(context)
        let frame = frame(request, session)
        return try await accountsPage(frame, session, created: nil)
    }

    private func accountsPage(
        _ frame: PortalFrame, _ session: Session, created: (username: String, password: String)?
    ) async throws -> Response {
        let language = frame.language
        let region = session.account.region
        let (accounts, schools) = try await run(session) { workspace in
            (try workspace.accounts.list().filter { $0.region == region }, try Self.schoolsOfRegion(workspace))
        }
        var values: [String: Any] = [
            "accounts": accounts.map { account -> [String: Any] in
                var values: [String: Any] = [
                    "username": account.username, "name": account.displayName, "role": account.role.name(in: language),
                    "school": account.schoolID ?? "", "active": account.isActive,
                    "last": account.lastLoginAt.map { TimeText.minute($0) } ?? "",
                ]
                if let locked = account.lockedUntil, locked > Date() { values["locked"] = TimeText.minute(locked) }
                return values
            },
            "roles": AccountRole.allCases.map { ["value": $0.rawValue, "label": $0.name(in: language)] },
            "schools": schools.map { ["value": $0.id, "label": "\($0.id) \($0.name)"] },
        ]
        if let created { values["created"] = ["username": created.username, "password": created.password] }
        return pages.render("console_accounts", title: frame.word("accounts"), values: values, frame: frame)
    }

    /// Makes an account with a generated password, shown once on the page that answers.
    @Sendable func createAccount(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        let session = try Self.administrator(context)
        let form = try await PortalForm(request, expectedToken: session.csrfToken)
        let frame = frame(request, session)
        guard let username = form.value("username"), let name = try Self.text(form, "name", limit: 100) else {
            throw PortalError.badField("username")
        }
        guard let role = form.value("role").flatMap(AccountRole.init(rawValue:)) else { throw PortalError.badField("role") }
        let school = role == .school_clerk ? form.value("school") : nil
        let password = Password.generate()
        let region = session.account.region
        let account = try await attempt(session, frame.language) { workspace in
            if let school, !(try workspace.directory.schoolIDsOfRegion().contains(school)) { throw AccountError.unknownSchool(school) }
            return try workspace.accounts.create(
                username: username, displayName: name, role: role, schoolID: school, region: region, password: password,
                actor: workspace.actor)
        }
        return try await accountsPage(frame, session, created: (account.username, password))
    }

    /// `disable`, `enable` or `reset` (a new password, shown once; it also lifts a lock) the
    /// account the form names, when it is of the administrator's region.
    @Sendable func changeAccount(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        let session = try Self.administrator(context)
        let form = try await PortalForm(request, expectedToken: session.csrfToken)
        let frame = frame(request, session)
        guard let username = form.value("username"), let action = context.parameters.get("action") else {
            throw PortalError.badField("username")
        }
        let region = session.account.region
        /// Another region's account is answered as one that does not exist.
        @Sendable func ofRegion(_ workspace: Workspace) throws {
            guard let account = try workspace.accounts.account(named: username), account.region == region else {
                throw AccountError.unknownAccount(username)
            }
        }
        switch action {
        case "disable", "enable":
            guard !(action == "disable" && username == session.account.username) else {
                throw PortalError.refused(frame.word("notYourself"))
            }
            _ = try await attempt(session, frame.language) { workspace in
                try ofRegion(workspace)
                return action == "disable"
                    ? try workspace.accounts.disable(username: username, actor: workspace.actor).changed
                    : try workspace.accounts.enable(username: username, actor: workspace.actor).changed
            }
            return Self.redirect("/console/accounts", notice: "saved")
        case "reset":
            let password = Password.generate()
            let account = try await attempt(session, frame.language) { workspace in
                try ofRegion(workspace)
                return try workspace.accounts.resetPassword(username: username, password: password, actor: workspace.actor)
            }
            return try await accountsPage(frame, session, created: (account.username, password))
        default:
            throw PortalError.notFound
        }
    }

    /// The schools the administrator's region imported: theirs to make clerks and tokens for.
    static func schoolsOfRegion(_ workspace: Workspace) throws -> [School] {
        let own = try workspace.directory.schoolIDsOfRegion()
        return try workspace.directory.schools().filter { own.contains($0.id) }
    }

    // MARK: Tokens

    @Sendable func tokens(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        let session = try Self.administrator(context)
        return try await tokensPage(frame(request, session), session, created: nil)
    }

    private func tokensPage(_ frame: PortalFrame, _ session: Session, created: String?) async throws -> Response {
        let region = session.account.region
        let (tokens, schools) = try await run(session) { workspace in
            (try workspace.tokens.list(region: region), try Self.schoolsOfRegion(workspace))
        }
        var values: [String: Any] = [
            "tokens": tokens.map { token -> [String: Any] in
                [
                    "id": token.id, "school": token.schoolID, "label": token.label ?? "",
                    "created": TimeText.minute(token.createdAt), "last": token.lastUsedAt.map { TimeText.minute($0) } ?? "",
                    "revoked": token.revokedAt.map { TimeText.minute($0) } ?? "", "active": token.revokedAt == nil,
                ]
            },
            "schools": schools.map { ["value": $0.id, "label": "\($0.id) \($0.name)"] },
        ]
        if let created { values["created"] = created }
        return pages.render("console_tokens", title: frame.word("tokens"), values: values, frame: frame)
    }

    @Sendable func createToken(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        let session = try Self.administrator(context)
        let form = try await PortalForm(request, expectedToken: session.csrfToken)
        let frame = frame(request, session)
        guard let school = form.value("school") else { throw PortalError.badField("school") }
        let label = try Self.text(form, "label", limit: 100)
        let issued = try await attempt(session, frame.language) { workspace in
            guard try workspace.directory.schoolIDsOfRegion().contains(school) else { throw TokenError.unknownSchool(school) }
            return try workspace.tokens.create(schoolID: school, label: label, actor: workspace.actor)
        }
        return try await tokensPage(frame, session, created: issued.token)
    }

    @Sendable func revokeToken(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        let session = try Self.administrator(context)
        _ = try await PortalForm(request, expectedToken: session.csrfToken)
        let id = Int(try Self.number(context))
        let language = frame(request, session).language
        let region = session.account.region
        _ = try await attempt(session, language) { workspace in
            guard try workspace.tokens.list(region: region).contains(where: { $0.id == id }) else { throw TokenError.unknownToken(id) }
            return try workspace.tokens.revoke(tokenID: id, actor: workspace.actor).changed
        }
        return Self.redirect("/console/tokens", notice: "revoked")
    }
}
