import Hummingbird

/// `/console`: where county staff land after signing in. The console itself is a later piece
/// of work; until then the page says so and where the same work is done (the commands).
struct StaffStartController {
    let configuration: ServerConfiguration
    let pages: PortalPages

    var endpoints: RouteCollection<SchoolRequestContext> {
        let routes = RouteCollection(context: SchoolRequestContext.self)
        routes.get(use: start)
        // Any other path under /console is a page, not an API call: answered as one.
        routes.get("**", use: { _, _ -> Response in throw PortalError.notFound })
        return routes
    }

    @Sendable func start(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        // A clerk acts for a school and never reaches the county's pages.
        if context.credential != nil { return .redirect(to: "/school/referrals", type: .normal) }
        let frame = PortalFrame(
            request: request, session: context.session, secure: SessionCookie.isSecure(request, configuration: configuration))
        return pages.render("message", title: frame.word("staffTitle"), values: ["text": frame.word("staffText")], frame: frame)
    }
}
