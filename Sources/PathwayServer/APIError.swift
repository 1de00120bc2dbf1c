import Foundation
import Hummingbird

/// An error answered with its status and `{"error": "..."}`: words a school's developer can
/// act on, never a database message or another school's data.
public struct APIError: Error, HTTPResponseError, Sendable, CustomStringConvertible {
    public var status: HTTPResponse.Status
    public var message: String
    public var headers: HTTPFields

    public init(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.message = message
        self.headers = headers
    }

    /// 400: the request itself must change.
    static func badRequest(_ message: String) -> APIError { APIError(.badRequest, message) }

    /// 401, with the challenge RFC 6750 asks for.
    static func unauthorized(_ message: String) -> APIError {
        APIError(.unauthorized, message, headers: [.wwwAuthenticate: #"Bearer realm="pathway""#])
    }

    /// 404 for a referral that is not the school's, worded the same whether it exists or not.
    static func referralNotFound(_ id: String) -> APIError {
        APIError(.notFound, "no referral \(id) for this school")
    }

    /// 503 while PostgreSQL cannot be reached; clients retry later, the server recovers alone.
    static let databaseUnavailable = APIError(
        .serviceUnavailable, "the database is not reachable; try again in a minute",
        headers: [.retryAfter: "30"])

    public var description: String { "\(status.code) \(message)" }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = self.headers
        headers[.contentType] = "application/json; charset=utf-8"
        let body = ErrorBody.json(message)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}

/// `{"error": "..."}` with the message escaped as JSON.
enum ErrorBody {
    static func json(_ message: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let data = (try? encoder.encode(["error": message])) ?? Data(#"{"error":"internal error"}"#.utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
