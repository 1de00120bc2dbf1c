import Foundation
import HTTPTypes
import Hummingbird
import PathwayCore
import PathwayLetters
import PathwayStorage
import PathwayWorkflows

/// `/v1/referrals`: a school's own referrals, its letters, and the outcomes it reports. Every
/// route runs behind `BearerTokenAuthenticator`, and every query is limited to the token's
/// school, so no request can reach another school's students.
struct ReferralsController {
    let database: DatabaseGateway
    let configuration: ServerConfiguration
    /// Templates parsed once, when the server starts.
    let letters: LetterRenderer

    var endpoints: RouteCollection<SchoolRequestContext> {
        let routes = RouteCollection(context: SchoolRequestContext.self)
        routes.get(use: list)
        routes.get(":id/letter", use: letter)
        routes.post(":id/outcome", use: outcome)
        return routes
    }

    /// `GET /v1/referrals?format=json|csv&status=...&updated_since=...&limit=...&cursor=...`
    ///
    /// One page in `updated_at, referral_id` order; when more rows follow, the
    /// `Pathway-Next-Cursor` header holds the `cursor` to pass for the next page (and `Link`
    /// the whole URL), so the body stays a plain array or CSV file.
    @Sendable func list(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        let credential = try context.requireCredential()
        let parameters = try ReferralListRequest(query: request.uri.queryParameters, configuration: configuration)
        let audit = SchoolReferralQuery.Audit(
            actor: credential.actor, action: "referrals.pull", tokenID: credential.tokenID,
            details: ["endpoint": "GET /v1/referrals", "format": .string(parameters.format.rawValue)])
        let job = SchoolExportJob(schoolID: credential.schoolID, filter: parameters.filter, audit: audit)
        let page = try await database.run(as: credential) { workspace in try job.run(in: workspace, checkSchool: false) }
        var headers: HTTPFields = [.contentType: parameters.format.mediaType, .cacheControl: "no-store"]
        if parameters.format == .csv {
            headers[.contentDisposition] = #"attachment; filename="referrals.csv""#
        }
        if let next = page.next {
            headers[APIHeader.nextCursor] = next.description
            headers[APIHeader.link] = "<\(Self.nextPageURL(path: request.uri.path, query: request.uri.query, cursor: next.description))>; rel=\"next\""
        }
        let body = parameters.format.render(page.rows)
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    /// `GET /v1/referrals/{id}/letter[?lang=en]`: the school's letter about one referral, as a
    /// printable HTML page, in Chinese unless English is asked for. Audited like a pull: it
    /// carries the student's details.
    @Sendable func letter(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        let credential = try context.requireCredential()
        let id = try Self.referralID(context)
        let language: Language
        switch request.uri.queryParameters.get("lang") ?? "zh" {
        case "zh", "zh-CN": language = .chinese
        case "en": language = .english
        case let other: throw APIError.badRequest("lang must be zh or en, not \"\(other)\"")
        }
        let job = SchoolLetterJob(
            referralID: id, language: language, office: configuration.office ?? "", officePhone: configuration.officePhone ?? "")
        let letter = try await database.run(as: credential) { workspace in try job.run(in: workspace, credential: credential) }
        guard let letter else { throw APIError.referralNotFound(id.description) }
        let html = letters.render(letter, kind: .school, language: language, format: .html)
        return Response(
            status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    /// `POST /v1/referrals/{id}/outcome` with `{"outcome": "...", "reason": "...", "note": "..."}`
    /// (`reason` optional, a code, for declined and no_show): 200 with the
    /// referral as it now stands (the same object as in the list), also when the same outcome
    /// was already recorded (a client retrying after a lost answer); 409 when its lifecycle does
    /// not allow the move (another outcome on a closed referral); 404 when it is not the school's.
    @Sendable func outcome(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        let credential = try context.requireCredential()
        let id = try Self.referralID(context)
        let body = try await OutcomeRequest(request)
        let job = SchoolOutcomeJob(referralID: id, outcome: body.outcome, reason: body.reason, note: body.note)
        // A referral the school cannot see is not found by the move either (the same rule), so
        // a draft answers 404, never a 409 that would betray that it exists.
        let updated = try await database.run(as: credential) { workspace -> SchoolReferral? in
            do {
                return try job.run(in: workspace, credential: credential)
            } catch ReferralError.illegalTransition(let error) {
                throw APIError(.conflict, error.description)
            }
        }
        guard let updated else { throw APIError.referralNotFound(id.description) }
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: updated.jsonText + "\n")))
    }

    /// The `{id}` path segment; anything but a positive whole number cannot be a referral, so
    /// it is answered like a referral that is not the school's.
    static func referralID(_ context: SchoolRequestContext) throws -> ReferralID {
        let text = context.parameters.get("id") ?? ""
        guard let id = ReferralID(text) else { throw APIError.referralNotFound(text) }
        return id
    }

    /// The request's path and query with `cursor` replaced.
    static func nextPageURL(path: String, query: String?, cursor: String) -> String {
        var items = (query ?? "").split(separator: "&").filter { !$0.hasPrefix("cursor=") && $0 != "cursor" }.map(String.init)
        items.append("cursor=\(cursor)")
        return path + "?" + items.joined(separator: "&")
    }
}
