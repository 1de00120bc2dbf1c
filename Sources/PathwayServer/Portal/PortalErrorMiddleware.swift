import Hummingbird
import PathwayStorage

/// Answers the portal's refusals as pages in the person's language, not as the API's JSON:
/// a missing or foreign page is 404, a forged form 403, a database away 503 with Retry-After.
/// (A path no route matches never reaches a group's middleware: the school's pages end in a
/// `**` route that answers it.)
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
        } catch let error as any HTTPResponseError {
            // The API's own refusals (a database away: 503 with Retry-After; a bad parameter)
            // as a page, keeping their status and headers.
            let frame = PortalFrame(
                request: request, session: context.session, secure: SessionCookie.isSecure(request, configuration: configuration))
            let text: String
            switch error.status {
            case .notFound: text = frame.word("notFoundText")
            case .serviceUnavailable: text = frame.word("unavailable")
            default: text = frame.word("problem")
            }
            var response = pages.render(
                "message", title: frame.word(error.status == .notFound ? "notFound" : "problem"), values: ["text": text],
                frame: frame, status: error.status)
            if let retry = (error as? APIError)?.headers[.retryAfter] { response.headers[.retryAfter] = retry }
            return response
        }
    }
}
