import PathwayCore
import Foundation
import PostgresClient

/// A vocational school's referrals, and nothing of any other school's: what the API serves and
/// `pathway export` writes.
///
/// A school sees a referral once the county has sent it: proposed and approved referrals are
/// the county's own drafts, and one withdrawn before it was sent was never the school's. Rows
/// come in `updated_at, referral_id` order, so a school that pulls with `updated_since` set to
/// the last `updated_at` it saw, or follows the cursor, misses nothing and sees no row twice
/// within a page sequence.
public struct SchoolReferralQuery {
    public let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Which rows to read; empty or nil fields do not filter.
    public struct Filter: Sendable, Hashable {
        /// Only referrals in one of these statuses.
        public var statuses: [String]
        /// Only rows changed at or after this instant (inclusive, so a change committed in the
        /// same microsecond as the last pull is not lost; a school keys rows by referral_id).
        public var updatedSince: Date?
        /// Continue after this row of an earlier page.
        public var after: Cursor?
        /// At most this many rows; nil for all.
        public var limit: Int?
        /// Only students whose name contains this text, or whose 学籍号 or student id it is
        /// (a clerk's search box).
        public var search: String?

        public init(
            statuses: [String] = [], updatedSince: Date? = nil, after: Cursor? = nil, limit: Int? = nil,
            search: String? = nil
        ) {
            self.statuses = statuses
            self.updatedSince = updatedSince
            self.after = after
            self.limit = limit
            self.search = search
        }
    }

    /// Where a page ended: the `updated_at` and `referral_id` of its last row.
    public struct Cursor: Sendable, Hashable, CustomStringConvertible {
        public var updatedAt: String
        public var referralID: ReferralID

        /// Reads the text form `2026-09-01T08:00:00.000000Z_42`; nil when it is not one.
        public init?(_ text: String) {
            guard let separator = text.lastIndex(of: "_"),
                  let id = ReferralID(text[text.index(after: separator)...])
            else { return nil }
            let stamp = String(text[..<separator])
            guard let parts = stamp.wholeMatch(
                of: /([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})\.[0-9]{6}Z/),
                let year = Int(parts.1), let month = Int(parts.2), let day = Int(parts.3),
                let hour = Int(parts.4), let minute = Int(parts.5), let second = Int(parts.6),
                CalendarDate(year: year, month: month, day: day) != nil, year >= 1900,
                hour < 24, minute < 60, second < 60
            else { return nil }
            updatedAt = stamp
            referralID = id
        }

        init(updatedAt: String, referralID: ReferralID) {
            self.updatedAt = updatedAt
            self.referralID = referralID
        }

        public var description: String { "\(updatedAt)_\(referralID)" }
    }

    /// Rows of one page, and where the next page starts when there is one.
    public struct Page: Sendable {
        public var rows: [SchoolReferral]
        public var next: Cursor?
    }

    /// What to write in the audit log for a read: every pull and export is recorded with the
    /// school, the token (for the API), where it came from and how many rows left.
    public struct Audit: Sendable {
        public var actor: String
        /// `referrals.pull` for the API, `referrals.export` for files.
        public var action: String
        public var tokenID: Int?
        public var details: [String: JSONValue]

        public init(actor: String, action: String, tokenID: Int? = nil, details: [String: JSONValue] = [:]) {
            self.actor = actor
            self.action = action
            self.tokenID = tokenID
            self.details = details
        }
    }

    /// Reads a page of `schoolID`'s referrals and records the read in the audit log, in one
    /// transaction: no school's data leaves without its entry.
    ///
    /// `deliver` runs before the transaction commits (writing the export file): when it throws,
    /// the entry is rolled back with it, so the log never claims an export that was not written.
    public func read(
        schoolID: String, filter: Filter = Filter(), audit: Audit, deliver: (Page) throws -> Void = { _ in }
    ) throws -> Page {
        try connection.withTransaction { connection in
            let page = try SchoolReferralQuery(connection: connection).page(schoolID: schoolID, filter: filter)
            var details = audit.details
            details["rows"] = .integer(page.rows.count)
            if !filter.statuses.isEmpty { details["status"] = .array(filter.statuses.map(JSONValue.string)) }
            if let since = filter.updatedSince { details["updated_since"] = .string(since.postgresText) }
            if let after = filter.after { details["cursor"] = .string(after.description) }
            try AuditLog.record(
                connection, actor: audit.actor, action: audit.action, schoolID: schoolID, tokenID: audit.tokenID,
                subjectType: "school", subjectID: schoolID, details: details)
            try deliver(page)
            return page
        }
    }

    /// A page of `schoolID`'s referrals, without an audit entry (for callers that write their own).
    public func page(schoolID: String, filter: Filter = Filter()) throws -> Page {
        let limit = filter.limit.map { max(0, $0) }
        var rows = try select(
            schoolID: schoolID, statuses: filter.statuses, updatedSince: filter.updatedSince, after: filter.after,
            referralID: nil, limit: limit.map { $0 + 1 }, search: filter.search)
        var next: Cursor?
        if let limit, rows.count > limit {
            rows.removeLast(rows.count - limit)
            next = rows.last.map { Cursor(updatedAt: $0.updatedAt, referralID: $0.referralID) }
        }
        return Page(rows: rows, next: next)
    }

    /// One referral, when it is `schoolID`'s and the school may see it; nil otherwise, whether
    /// it belongs to another school or does not exist (a school cannot tell the two apart).
    public func referral(id: ReferralID, schoolID: String) throws -> SchoolReferral? {
        try select(schoolID: schoolID, statuses: [], updatedSince: nil, after: nil, referralID: id, limit: 1, search: nil).first
    }

    /// How many of `schoolID`'s referrals the school sees in each status (statuses it has none
    /// in are absent).
    public func counts(schoolID: String) throws -> [ReferralStatus: Int] {
        let result = try connection.query(
            """
            SELECT r.status, count(*)::int AS n FROM referrals r
            WHERE r.school_id = $1 AND \(ReferralStore.visibleToSchool("r")) GROUP BY r.status
            """,
            [schoolID])
        var counts: [ReferralStatus: Int] = [:]
        for row in result.rows {
            counts[try ReferralStore.status(row, "status")] = try row.decode("n")
        }
        return counts
    }

    private func select(
        schoolID: String, statuses: [String], updatedSince: Date?, after: Cursor?, referralID: ReferralID?, limit: Int?,
        search: String?
    ) throws -> [SchoolReferral] {
        let stamp = #"'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'"#
        let result: QueryResult
        do {
            result = try connection.query(
                """
                SELECT r.referral_id, r.student_id, s.status_number, s.name, s.gender, s.birth_date::text AS birth_date,
                       s.junior_school AS school, s.guardian_name, s.guardian_phone, r.program_id,
                       p.name AS program_name, r.score, r.status,
                       to_char(r.sent_at AT TIME ZONE 'UTC', \(stamp)) AS sent_at,
                       to_char(changed.at AT TIME ZONE 'UTC', \(stamp)) AS updated_at
                FROM referrals r
                JOIN students s ON s.region = r.region AND s.student_id = r.student_id
                JOIN programs p ON p.program_id = r.program_id
                CROSS JOIN LATERAL (SELECT GREATEST(r.updated_at, s.updated_at, p.updated_at) AS at) changed
                WHERE r.school_id = $1
                  AND \(ReferralStore.visibleToSchool("r"))
                  AND ($2::text IS NULL OR r.status = ANY (string_to_array($2::text, ',')))
                  AND ($3::timestamptz IS NULL OR changed.at >= $3::timestamptz)
                  AND ($4::timestamptz IS NULL OR (changed.at, r.referral_id) > ($4::timestamptz, $5::bigint))
                  AND ($6::bigint IS NULL OR r.referral_id = $6::bigint)
                  AND ($8::text IS NULL OR strpos(s.name, $8::text) > 0 OR s.status_number = $8::text
                       OR s.student_id = $8::text)
                ORDER BY changed.at, r.referral_id
                LIMIT $7::bigint
                """,
                [
                    schoolID, statuses.isEmpty ? nil : statuses.joined(separator: ","), updatedSince,
                    after?.updatedAt, after?.referralID, referralID, limit, search,
                ])
        } catch {
            // Only the cursor's timestamp can be out of range here (month 13): it was not ours.
            let badValue = error.code?.raw.hasPrefix("22") ?? false
            if badValue, after != nil { throw ReferralQueryError.invalidCursor }
            throw error
        }
        return try result.rows.map { row in
            SchoolReferral(
                referralID: try row.decode("referral_id"), studentID: try row.decode("student_id"),
                statusNumber: try row.decode("status_number"), name: try row.decode("name"), gender: try row.decode("gender"), birthDate: try row.decode("birth_date"),
                school: try row.decode("school"), guardianName: try row.decode("guardian_name"),
                guardianPhone: try row.decode("guardian_phone"), programID: try row.decode("program_id"),
                programName: try row.decode("program_name"), score: try row.decode("score"),
                status: try row.decode("status"), sentAt: try row.decode("sent_at"),
                updatedAt: try row.decode("updated_at"))
        }
    }
}
