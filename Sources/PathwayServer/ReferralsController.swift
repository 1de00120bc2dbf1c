import Foundation
import HTTPTypes
import Hummingbird
import PathwayCore
import PathwayLetters
import PathwayStorage

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
        let filter = parameters.filter
        let page = try await database.run { connection in
            try SchoolReferralQuery(connection: connection).read(schoolID: credential.schoolID, filter: filter, audit: audit)
        }
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
        let configuration = self.configuration
        let letter = try await database.run { connection -> ReferralLetter? in
            try connection.withTransaction { connection in
                guard let letter = try SchoolLetterSource(connection: connection, configuration: configuration)
                    .letter(referralID: id, schoolID: credential.schoolID, language: language)
                else { return nil }
                try AuditLog.record(
                    connection, actor: credential.actor, action: "referrals.letter", schoolID: credential.schoolID,
                    tokenID: credential.tokenID, subjectType: "referral", subjectID: String(id),
                    details: ["endpoint": "GET /v1/referrals/{id}/letter", "rows": 1, "lang": .string(language.rawValue)])
                return letter
            }
        }
        guard let letter else { throw APIError.referralNotFound(String(id)) }
        let html = letters.render(letter, kind: .school, language: language, format: .html)
        return Response(
            status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    /// `POST /v1/referrals/{id}/outcome` with `{"outcome": "...", "note": "..."}`: 200 with the
    /// referral as it now stands (the same object as in the list), 409 when its lifecycle does
    /// not allow the move (a retried request included), 404 when it is not the school's.
    @Sendable func outcome(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        let credential = try context.requireCredential()
        let id = try Self.referralID(context)
        let body = try await OutcomeRequest(request)
        let updated = try await database.run { connection -> SchoolReferral? in
            let query = SchoolReferralQuery(connection: connection)
            // A referral the school cannot see is not found by the move either (the same rule),
            // so a draft answers 404, never a 409 that would betray that it exists.
            do {
                try ReferralStore(connection: connection).transition(
                    referralID: id, to: body.outcome, actor: credential.actor, note: body.note,
                    schoolID: credential.schoolID, tokenID: credential.tokenID)
            } catch ReferralError.notFound {
                return nil
            } catch ReferralError.illegalTransition(let error) {
                throw APIError(.conflict, error.description)
            }
            return try query.referral(id: id, schoolID: credential.schoolID)
        }
        guard let updated else { throw APIError.referralNotFound(String(id)) }
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: updated.jsonText + "\n")))
    }

    /// The `{id}` path segment; anything but a positive whole number cannot be a referral, so
    /// it is answered like a referral that is not the school's.
    static func referralID(_ context: SchoolRequestContext) throws -> Int {
        let text = context.parameters.get("id") ?? ""
        guard let id = Int(text), id > 0 else { throw APIError.referralNotFound(text) }
        return id
    }

    /// The request's path and query with `cursor` replaced.
    static func nextPageURL(path: String, query: String?, cursor: String) -> String {
        var items = (query ?? "").split(separator: "&").filter { !$0.hasPrefix("cursor=") && $0 != "cursor" }.map(String.init)
        items.append("cursor=\(cursor)")
        return path + "?" + items.joined(separator: "&")
    }
}
