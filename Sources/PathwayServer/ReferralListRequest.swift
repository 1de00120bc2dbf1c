import Foundation
import Hummingbird
import PathwayCore
import PathwayStorage

/// The query string of `GET /v1/referrals`, checked whole: an unknown parameter or a bad value
/// is a 400 that names it, rather than a silently bigger or emptier answer.
struct ReferralListRequest: Sendable {
    var format: SchoolReferralFormat
    var filter: SchoolReferralQuery.Filter

    static let parameters = ["format", "status", "updated_since", "limit", "cursor"]

    /// The statuses a school can see its referrals in: all but the county's drafts.
    static let visible = ReferralStatus.allCases.filter { $0 != .proposed && $0 != .approved }
    static let visibleStatuses = visible.map(\.rawValue)

    init(query: Parameters, configuration: ServerConfiguration) throws {
        for (key, _) in query where !Self.parameters.contains(String(key)) {
            throw APIError.badRequest(
                "unknown query parameter \"\(key)\"; this endpoint takes \(Self.parameters.joined(separator: ", "))")
        }
        let formatText = query.get("format") ?? "json"
        guard let format = SchoolReferralFormat(rawValue: formatText.lowercased()) else {
            throw APIError.badRequest("format must be json or csv, not \"\(formatText)\"")
        }
        self.format = format
        filter = SchoolReferralQuery.Filter(limit: configuration.defaultPageSize)
        for text in query.getAll("status") {
            for status in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                guard Self.visibleStatuses.contains(status) else {
                    throw APIError.badRequest(
                        "status \"\(status)\" is not one of \(Self.visibleStatuses.joined(separator: ", "))")
                }
                if !filter.statuses.contains(status) { filter.statuses.append(status) }
            }
        }
        if let since = query.get("updated_since") {
            guard let date = Self.instant(since), Self.plausible.contains(date) else {
                throw APIError.badRequest(
                    "updated_since must be an ISO 8601 date or time, e.g. 2026-09-01 or 2026-09-01T08:00:00Z, not \"\(since)\"")
            }
            filter.updatedSince = date
        }
        if let limitText = query.get("limit") {
            guard let limit = Int(limitText), (1...configuration.maximumPageSize).contains(limit) else {
                throw APIError.badRequest("limit must be a whole number from 1 to \(configuration.maximumPageSize)")
            }
            filter.limit = limit
        }
        if let cursorText = query.get("cursor") {
            guard let cursor = SchoolReferralQuery.Cursor(cursorText) else {
                throw APIError.badRequest("cursor is not one this server gave; start again without it")
            }
            filter.after = cursor
        }
    }

    /// The instants `updated_since` may name: from 1900 to 9999, years a county's records can
    /// hold (earlier ones are typing slips that the database's calendar would not take).
    static let plausible = Date(timeIntervalSince1970: -2_208_988_800)...Date(timeIntervalSince1970: 253_402_300_799)

    /// Reads `2026-09-01`, `2026-09-01T08:00:00Z`, `2026-09-01T08:00:00.123456+08:00` (a date
    /// alone is midnight UTC); nil for anything else.
    static func instant(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) {
            // The format style keeps milliseconds only; take the microseconds from the text.
            return preciseFraction(text, base: date)
        }
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle()) { return date }
        if text.wholeMatch(of: /[0-9]{4}-[0-9]{2}-[0-9]{2}/) != nil {
            return try? Date(text, strategy: Date.ISO8601FormatStyle().year().month().day())
        }
        return nil
    }

    /// `base` with its fraction of a second replaced by all the digits `text` gives (up to
    /// microseconds), so that a client passing back an `updated_at` gets that exact instant.
    private static func preciseFraction(_ text: String, base: Date) -> Date {
        guard let match = text.firstMatch(of: /\.([0-9]+)/) else { return base }
        let digits = String(match.1.prefix(6))
        let padded = digits + String(repeating: "0", count: 6 - digits.count)
        guard let micros = Int(padded) else { return base }
        let whole = base.timeIntervalSince1970.rounded(.down)
        return Date(timeIntervalSince1970: whole + Double(micros) / 1_000_000)
    }
}
