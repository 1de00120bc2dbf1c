import Foundation
import Hummingbird
import PathwayStorage
import PathwayWorkflows

/// `/login`, `/logout`, `/`: signing in with a name and password, and out again.
///
/// The sign-in form carries a token that must match a cookie set with it (there is no session
/// yet to keep one), so another site cannot sign a browser in to an account of its choosing.
/// Each attempt goes through `AccountStore.signIn`: limited per account and per address,
/// audited. A successful sign-in always gets a new session id.
struct LoginController {
    let database: DatabaseGateway
    let configuration: ServerConfiguration
    let pages: PortalPages

    var endpoints: RouteCollection<SchoolRequestContext> {
        let routes = RouteCollection(context: SchoolRequestContext.self)
        routes.get("/", use: start)
        routes.get("login", use: form)
        routes.post("login", use: signIn)
        routes.post("logout", use: signOut)
        routes.get("static/portal.css", use: stylesheet)
        return routes
    }

    /// `/`: the portal for a browser; whoever is not signed in goes to the sign-in page.
    @Sendable func start(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        .redirect(to: request.cookies[SessionCookie.name] == nil ? "/login" : "/school/referrals", type: .normal)
    }

    @Sendable func form(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        var frame = PortalFrame(request: request, session: nil, secure: secure(request))
        if request.uri.queryParameters.get("expired") != nil { frame.notice = frame.word("expired") }
        if request.uri.queryParameters.get("out") != nil { frame.notice = frame.word("signedOut") }
        return page(request, frame: frame)
    }

    @Sendable func signIn(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        let expected = request.cookies[SessionCookie.signInName]?.value ?? ""
        guard !expected.isEmpty else { throw PortalError.forgedForm }
        let form = try await PortalForm(request, expectedToken: expected)
        var frame = PortalFrame(request: request, session: nil, secure: secure(request))
        let username = form.value("username") ?? ""
        let password = form.fields["password"]?.first ?? ""
        let address = context.clientAddress(request, trusting: configuration.trustedProxies)
        let policy = configuration.signInPolicy
        let lifetime = configuration.sessionLifetime
        let outcome = try await database.run { connection in
            try AccountStore(connection: connection).signIn(
                username: username, password: password, address: address, policy: policy)
        }
        switch outcome {
        case .refused:
            frame.problem = frame.word("wrongPassword")
            return page(request, frame: frame, username: username, next: form.value("next"), status: .unauthorized)
        case .locked(let until):
            frame.problem = frame.word("tooManyText") + " " + TimeText.minute(until)
            return page(request, frame: frame, username: username, next: form.value("next"), status: .tooManyRequests)
        case .signedIn(let account):
            let previous = request.cookies[SessionCookie.name]?.value
            let opened = try await database.run { connection in
                try SessionStore(connection: connection).open(
                    for: account, address: address, replacing: previous, lifetime: lifetime)
            }
            let next = Self.safeNext(form.value("next"), account: account)
            var response = Response.redirect(to: next, type: .normal)
            response.setCookie(SessionCookie.session(opened.cookie, secure: secure(request)))
            return response
        }
    }

    @Sendable func signOut(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        guard let cookie = request.cookies[SessionCookie.name]?.value, !cookie.isEmpty else {
            return .redirect(to: "/login", type: .normal)
        }
        let lifetime = configuration.sessionLifetime
        let session = try await database.run { connection in
            try SessionStore(connection: connection).resume(cookie: cookie, lifetime: lifetime)
        }
        guard let session else { return .redirect(to: "/login?expired=1", type: .normal) }
        _ = try await PortalForm(request, expectedToken: session.csrfToken)
        try await database.run { connection in try SessionStore(connection: connection).end(cookie: cookie) }
        var response = Response.redirect(to: "/login?out=1", type: .normal)
        response.setCookie(SessionCookie.cleared(secure: secure(request)))
        return response
    }

    @Sendable func stylesheet(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: PortalPages.stylesheet)))
    }

    /// The sign-in page with a fresh form token, set as a cookie beside it.
    private func page(
        _ request: Request, frame: PortalFrame, username: String = "", next: String? = nil,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let token = TokenStore.randomToken()
        var values: [String: Any] = ["signinToken": token, "username": username]
        if let next = next ?? request.uri.queryParameters.get("next").map({ String($0) }) { values["next"] = next }
        var response = pages.render("login", title: frame.word("signIn"), values: values, frame: frame, status: status)
        response.setCookie(SessionCookie.signIn(token, secure: secure(request)))
        return response
    }

    private func secure(_ request: Request) -> Bool { SessionCookie.isSecure(request, configuration: configuration) }

    /// Where to go after signing in: the page asked for, when it is one of the portal's own
    /// (never another site: `//evil.example` or `https://...` are refused), else the start
    /// page of the account's role.
    static func safeNext(_ next: String?, account: Account) -> String {
        let home = account.role == .school_clerk ? "/school/referrals" : "/console"
        let inArea = account.role == .school_clerk
            ? { (path: String) in path.hasPrefix("/school/") }
            : { (path: String) in path == "/console" || path.hasPrefix("/console/") || path.hasPrefix("/console?") }
        guard let next, inArea(next), !next.hasPrefix("//"),
              !next.contains("\\"), !next.contains("://")
        else { return home }
        return next
    }
}
