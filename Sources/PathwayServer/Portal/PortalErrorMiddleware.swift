import Hummingbird
import PathwayStorage

/// Answers the portal's refusals as pages in the person's language, not as the API's JSON:
/// a missing or foreign page is 404, a forged form 403, a database away 503 with Retry-After.
struct PortalErrorMiddleware: RouterMiddleware {
    typealias Context = SchoolRequestContext
    let pages: PortalPages
    let configuration: ServerConfiguration

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as PortalError {
            let frame = PortalFrame(
                request: request, session: context.session, secure: SessionCookie.isSecure(request, configuration: configuration))
            switch error {
            case .notFound:
                return pages.render(
                    "message", title: frame.word("notFound"), values: ["text": frame.word("notFoundText")], frame: frame,
                    status: .notFound)
            case .forgedForm:
                return pages.render(
                    "message", title: frame.word("formExpired"), values: ["text": frame.word("formExpiredText")],
                    frame: frame, status: .forbidden)
            case .tooLarge:
                return pages.render(
                    "message", title: frame.word("problem"), values: ["text": frame.word("tooLarge")], frame: frame,
                    status: .contentTooLarge)
            case .refused(let message):
                return pages.render(
                    "message", title: frame.word("problem"), values: ["text": message], frame: frame, status: .badRequest)
            }
        } catch let error as APIError where error.status == .notFound {
            // Hummingbird's own "no such route" under the portal's paths.
            let frame = PortalFrame(
                request: request, session: context.session, secure: SessionCookie.isSecure(request, configuration: configuration))
            return pages.render(
                "message", title: frame.word("notFound"), values: ["text": frame.word("notFoundText")], frame: frame,
                status: .notFound)
        }
    }
}
