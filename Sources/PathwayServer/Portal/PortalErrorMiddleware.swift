import Hummingbird
import PathwayStorage

/// Answers the portal's refusals as pages in the person's language, not as the API's JSON:
/// a missing or foreign page is 404, a forged form 403, a database away 503 with Retry-After,
/// and anything unexpected 500, logged.
/// (A path no route matches never reaches a group's middleware: the school's pages end in a
/// `**` route that answers it.)
struct PortalErrorMiddleware: RouterMiddleware {
    typealias Context = SchoolRequestContext
    let pages: PortalPages
    let configuration: ServerConfiguration

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let frame = {
            PortalFrame(request: request, session: context.session, secure: SessionCookie.isSecure(request, configuration: configuration))
        }
        func page(_ title: String, _ text: String, _ status: HTTPResponse.Status) -> Response {
            let frame = frame()
            return pages.render("message", title: frame.word(title), values: ["text": frame.word(text)], frame: frame, status: status)
        }
        do {
            return try await next(request, context)
        } catch let error as PortalError {
            switch error {
            case .notFound: return page("notFound", "notFoundText", .notFound)
            case .forgedForm: return page("formExpired", "formExpiredText", .forbidden)
            case .tooLarge: return page("problem", frame().isConsole ? "consoleTooLarge" : "tooLarge", .contentTooLarge)
            case .staffOnly:
                var frame = frame()
                frame.schoolFrame = true
                return pages.render(
                    "message", title: frame.word("staffOnly"), values: ["text": frame.word("staffOnlyText")], frame: frame,
                    status: .forbidden)
            case .administratorsOnly: return page("adminOnly", "adminOnlyText", .forbidden)
            case .badField(let name):
                let frame = frame()
                return pages.render(
                    "message", title: frame.word("problem"), values: ["text": frame.word("badField") + " " + name], frame: frame,
                    status: .badRequest)
            case .refused(let message):
                let frame = frame()
                return pages.render(
                    "message", title: frame.word("problem"), values: ["text": message], frame: frame, status: .badRequest)
            }
        } catch let error as ConsoleTasks.Refusal {
            // Long work that cannot start now (a run in progress, every task slot taken): come back later.
            let frame = frame()
            return pages.render(
                "message", title: frame.word("problem"), values: ["text": ConsoleMessages.describe(error, frame.language)],
                frame: frame, status: .conflict)
        } catch let error as any HTTPResponseError {
            // The API's own refusals (a database away: 503 with Retry-After; a bad parameter)
            // as a page, keeping their status and headers.
            var response = switch error.status {
            case .notFound: page("notFound", "notFoundText", .notFound)
            case .serviceUnavailable: page("problem", "unavailable", .serviceUnavailable)
            default: page("problem", "problem", error.status)
            }
            if let retry = (error as? APIError)?.headers[.retryAfter] { response.headers[.retryAfter] = retry }
            return response
        } catch {
            // Anything else is the server's fault: its cause goes to the log, the person gets a
            // page in their language that says nothing was changed (every change is one transaction).
            context.logger.error("request failed", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
            return page("problem", "serverError", .internalServerError)
        }
    }
}
