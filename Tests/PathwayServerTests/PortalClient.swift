import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PathwayCore
import PathwayStorage
import PostgresClient
import Testing

/// A browser's part, for route tests: keeps cookies between requests, signs in through the
/// real form, and reads a page's CSRF token, so that the portal is driven as a browser would
/// drive it, on `app.test(.router)`.
final class PortalClient: @unchecked Sendable {
    let client: any TestClientProtocol
    /// Cookies the server set, by name; the test itself is the only task using them.
    var cookies: [String: String] = [:]
    /// Headers sent with every request (`X-Forwarded-Proto` in one test).
    var extraHeaders: HTTPFields = [:]

    init(_ client: any TestClientProtocol) {
        self.client = client
    }

    func get(_ path: String) async throws -> TestResponse {
        try await send(path, method: .get, body: nil, contentType: nil)
    }

    /// Posts `fields` as a browser posts a form.
    func post(_ path: String, _ fields: [(String, String)]) async throws -> TestResponse {
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send(path, method: .post, body: ByteBuffer(string: body), contentType: "application/x-www-form-urlencoded")
    }

    /// Posts a file upload as `multipart/form-data`.
    func upload(
        _ path: String, csrf: String, fileName: String, bytes: [UInt8], fields: [(String, String)] = []
    ) async throws -> TestResponse {
        let boundary = "----pathway-test-boundary"
        var body = ByteBuffer()
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(csrf)\r\n")
        for (name, value) in fields {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(fileName)\"\r\n")
        body.writeString("Content-Type: application/octet-stream\r\n\r\n")
        body.writeBytes(bytes)
        body.writeString("\r\n--\(boundary)--\r\n")
        return try await send(path, method: .post, body: body, contentType: "multipart/form-data; boundary=\(boundary)")
    }

    func send(_ path: String, method: HTTPRequest.Method, body: ByteBuffer?, contentType: String?, headers: HTTPFields = [:]) async throws -> TestResponse {
        var fields = extraHeaders
        for field in headers { fields[field.name] = field.value }
        if !cookies.isEmpty { fields[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }
        if let contentType { fields[.contentType] = contentType }
        let response = try await client.execute(uri: path, method: method, headers: fields, body: body)
        for header in response.headers[values: .setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            guard pair.count == 2 || pair.count == 1 else { continue }
            let name = String(pair[0])
            let value = pair.count == 2 ? String(pair[1]) : ""
            if value.isEmpty || header.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        return response
    }

    /// Signs in through the form; the response of the POST.
    @discardableResult
    func signIn(_ username: String, _ password: String) async throws -> TestResponse {
        let form = try await get("/login")
        let token = try #require(Self.csrf(form.text), "the sign-in page has a form token")
        return try await post("/login", [("_csrf", token), ("username", username), ("password", password)])
    }

    /// The `_csrf` value of the first form on a page.
    static func csrf(_ html: String) -> String? {
        guard let match = html.firstMatch(of: /name="_csrf" value="([^"]+)"/) else { return nil }
        return String(match.1)
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

extension ReferralFixture {
    /// The password every test account gets.
    static let password = "correct horse battery"

    /// An account made with bcrypt's lowest cost, so that sign-ins in tests take milliseconds.
    @discardableResult
    func account(_ username: String, role: AccountRole = .school_clerk, school: String? = "S1", name: String = "王老师") throws -> Account {
        let connection = try target.connect()
        defer { connection.close() }
        return try AccountStore(connection: connection, passwordCost: 4).create(
            username: username, displayName: name, role: role, schoolID: role == .school_clerk ? school : nil,
            region: .local, password: Self.password, actor: "test")
    }

    /// How many audit entries of `action` there are.
    func auditCount(_ action: String) throws -> Int {
        let connection = try target.connect()
        defer { connection.close() }
        return try connection.query("SELECT count(*)::int FROM audit_log WHERE action = $1", [action]).decode(Int.self, row: 0, column: 0)
    }

    func status(of reference: String) throws -> String {
        let connection = try target.connect()
        defer { connection.close() }
        return try connection.query("SELECT status FROM referrals WHERE reference_number = $1", [reference])
            .decode(String.self, row: 0, column: 0)
    }
}
