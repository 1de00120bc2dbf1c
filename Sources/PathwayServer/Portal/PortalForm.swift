import Foundation
import Hummingbird
import MultipartKit
import NIOCore

/// A form a browser posted to the portal, read whole and checked before any field is used:
/// the only way a handler gets at posted fields, so no handler can forget the CSRF check.
///
/// Accepts `application/x-www-form-urlencoded` and `multipart/form-data` (a file upload). The
/// form must carry `_csrf` equal to `expectedToken` (the session's), and a browser's `Origin`,
/// when it sends one, must be this server's: either failing is `PortalError.forgedForm`.
struct PortalForm: Sendable {
    /// A file field: the name the browser gave and the bytes.
    struct File: Sendable {
        var name: String
        var bytes: [UInt8]
    }

    private(set) var fields: [String: [String]] = [:]
    private(set) var files: [String: File] = [:]

    /// Largest body read: a 报到名单 of a few thousand rows is far smaller, and a confirmed
    /// upload carries the file again in base64 (a third larger).
    static let maximumBytes = 4 * 1024 * 1024
    /// Largest file accepted in an upload, so that its confirmation fits in `maximumBytes`.
    static let maximumFileBytes = 2 * 1024 * 1024

    init(_ request: Request, expectedToken: String, maximumBytes: Int = Self.maximumBytes) async throws {
        try Self.checkOrigin(request)
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: maximumBytes)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw PortalError.tooLarge
        }
        let type = request.headers[.contentType] ?? ""
        if type.lowercased().hasPrefix("multipart/form-data") {
            guard let boundary = Self.boundary(type) else { throw PortalError.forgedForm }
            try readMultipart(body, boundary: boundary)
        } else {
            fields = Self.urlEncoded(String(buffer: body))
        }
        guard let token = value("_csrf"), SessionCookie.same(token, expectedToken) else { throw PortalError.forgedForm }
    }

    /// The first value of a field, trimmed; nil when absent or empty.
    func value(_ name: String) -> String? {
        guard let text = fields[name]?.first?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
    }

    /// Every value of a field (checkboxes).
    func values(_ name: String) -> [String] { fields[name] ?? [] }

    func file(_ name: String) -> File? { files[name] }

    /// A cross-site form post carries the other site's `Origin`: refused whatever its token.
    /// The origin must name the host the browser asked for: `Host`, or `X-Forwarded-Host`
    /// where a proxy in front rewrote `Host` to the server's own address.
    private static func checkOrigin(_ request: Request) throws {
        guard let origin = request.headers[.origin], origin != "null" else { return }
        guard let url = URL(string: origin), let originHost = url.host else { throw PortalError.forgedForm }
        let port = url.port.map { ":\($0)" } ?? ""
        let hosts = [request.head.authority, request.headers[APIHeader.forwardedHost]].compactMap { $0?.lowercased() }
        guard hosts.contains(where: { $0 == (originHost + port).lowercased() || $0 == originHost.lowercased() }) else {
            throw PortalError.forgedForm
        }
    }

    /// `a=1&b=x+y%21` as fields; `+` is a space, as browsers send it.
    static func urlEncoded(_ text: String) -> [String: [String]] {
        var fields: [String: [String]] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                let spaced = part.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            let name = decode(parts[0])
            let value = parts.count > 1 ? decode(parts[1]) : ""
            fields[name, default: []].append(value)
        }
        return fields
    }

    private static func boundary(_ contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let parts = parameter.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "boundary" else { continue }
            let value = parts[1].trimmingCharacters(in: .whitespaces)
            return value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 ? String(value.dropFirst().dropLast()) : value
        }
        return nil
    }

    /// Reads each part through MultipartKit's parser: its `Content-Disposition` names the
    /// field, and a `filename` makes it a file.
    private mutating func readMultipart(_ body: ByteBuffer, boundary: String) throws {
        let parser = MultipartParser(boundary: boundary)
        var parts: [(headers: [String: String], body: [UInt8])] = []
        var headers: [String: String] = [:]
        var bytes: [UInt8] = []
        parser.onHeader = { name, value in headers[name.lowercased()] = value }
        parser.onBody = { buffer in bytes.append(contentsOf: buffer.readableBytesView) }
        parser.onPartComplete = {
            parts.append((headers, bytes))
            headers = [:]
            bytes = []
        }
        do {
            try parser.execute(body)
        } catch {
            throw PortalError.refused("multipart")
        }
        for part in parts {
            guard let disposition = part.headers["content-disposition"],
                  let name = Self.dispositionParameter("name", disposition)
            else { continue }
            if let fileName = Self.dispositionParameter("filename", disposition) {
                if !fileName.isEmpty || !part.body.isEmpty { files[name] = File(name: fileName, bytes: part.body) }
            } else {
                fields[name, default: []].append(String(decoding: part.body, as: UTF8.self))
            }
        }
    }

    /// `name="file"` of `form-data; name="file"; filename="报到名单.xlsx"`.
    static func dispositionParameter(_ key: String, _ header: String) -> String? {
        for parameter in header.split(separator: ";").dropFirst() {
            let parts = parameter.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == key else { continue }
            var value = parts[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value.replacingOccurrences(of: "\\\"", with: "\"")
        }
        return nil
    }
}
