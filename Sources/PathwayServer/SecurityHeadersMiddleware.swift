import HTTPTypes
import Hummingbird

/// Headers that keep a browser from doing with Pathway's pages what they were not made for:
/// running scripts or styles from elsewhere (CSP), being framed by another site
/// (frame-ancestors, clickjacking), guessing a download is HTML (nosniff), or telling other
/// sites which student's page a link came from (Referrer-Policy).
///
/// A response that sets its own Content-Security-Policy keeps it (the letter page, whose
/// templates carry their own `<style>`).
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    let configuration: ServerConfiguration

    /// No scripts at all; styles from Pathway's own stylesheet; forms post only to Pathway.
    static var pagePolicy: String {
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    }

    /// The same for a page with inline `<style>` (letters), still without scripts.
    static var inlineStylePolicy: String {
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        if response.headers[.contentSecurityPolicy] == nil {
            response.headers[.contentSecurityPolicy] = Self.pagePolicy
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[APIHeader.xFrameOptions] = "DENY"
        response.headers[APIHeader.referrerPolicy] = "same-origin"
        // Over HTTPS, the browser is told to come back only over HTTPS (no downgrade by a
        // network in between); never over plain HTTP, where it would lock the clerk out.
        if SessionCookie.isSecure(request, configuration: configuration) {
            response.headers[APIHeader.strictTransportSecurity] = "max-age=31536000"
        }
        return response
    }
}
