import Foundation
import Hummingbird
import PathwayStorage

/// Lets a portal request through only with a live session cookie, and puts the person (and,
/// for a school clerk, the school) in the context. Without one, a page is answered with the
/// sign-in page's address, so the browser goes there and comes back after.
///
/// `schoolsOnly` routes (the school portal) take clerks alone: a county account is sent to
/// its own start page, since it acts for no school and must not see one school's view.
struct SessionAuthenticator: RouterMiddleware {
    typealias Context = SchoolRequestContext
    let database: DatabaseGateway
    let configuration: ServerConfiguration
    let schoolsOnly: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let cookie = request.cookies[SessionCookie.name]?.value
        let lifetime = configuration.sessionLifetime
        let session: Session? = if let cookie, !cookie.isEmpty {
            try await database.run { connection in try SessionStore(connection: connection).resume(cookie: cookie, lifetime: lifetime) }
        } else {
            nil
        }
        guard let session else {
            let secure = SessionCookie.isSecure(request, configuration: configuration)
            var target = "/login"
            if request.method == .get {
                let path = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
                target += "?next=" + (path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            }
            if cookie != nil { target += (target.contains("?") ? "&" : "?") + "expired=1" }
            var response = Response.redirect(to: target, type: .normal)
            if cookie != nil { response.setCookie(SessionCookie.cleared(secure: secure)) }
            return response
        }
        var context = context
        context.session = session
        if let credential = SchoolCredential(clerk: session.account) {
            context.credential = credential
        } else if schoolsOnly {
            return Response.redirect(to: "/console", type: .normal)
        }
        return try await next(request, context)
    }
}
