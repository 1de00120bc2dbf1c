import Hummingbird
import PathwayWorkflows

/// `GET /healthz`, without a token: for a load balancer or a person checking the service.
/// 200 when the database answers, 503 when it does not, with a body saying which.
struct HealthController {
    let database: DatabaseGateway

    var endpoints: RouteCollection<SchoolRequestContext> {
        let routes = RouteCollection(context: SchoolRequestContext.self)
        routes.get("healthz", use: health)
        return routes
    }

    @Sendable func health(_ request: Request, context: SchoolRequestContext) async throws -> Response {
        let reachable: Bool
        do {
            try await database.run { connection in try DatabaseHealth.check(connection) }
            reachable = true
        } catch let error as APIError where error.status == .serviceUnavailable {
            reachable = false
        }
        let body = reachable
            ? #"{"status":"ok","database":"reachable"}"#
            : #"{"status":"unavailable","database":"unreachable","error":"the database is not reachable"}"#
        return Response(
            status: reachable ? .ok : .serviceUnavailable,
            headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: body + "\n")))
    }
}
