import Foundation
import PathwayCore
import PostgresClient

/// The append-only record of who did what to whose data: every import, run, export and
/// status change. Callers write it in the same transaction as the change it records, so
/// there is never a change without its entry, nor an entry for a change that rolled back.
public enum AuditLog {
    /// Appends one entry.
    public static func record(
        _ connection: PostgresConnection, actor: String, action: String,
        region: Region? = nil, schoolID: String? = nil, tokenID: Int? = nil,
        subjectType: String? = nil, subjectID: String? = nil, details: [String: JSONValue] = [:]
    ) throws {
        try connection.query(
            """
            INSERT INTO audit_log (actor, action, region, school_id, token_id, subject_type, subject_id, details)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)
            """,
            [actor, action, region, schoolID, tokenID, subjectType, subjectID, JSONValue.object(details).jsonText])
    }

    /// Appends one entry per element of `entries` (same actor and action) in one statement, in
    /// their order: what a bulk change records.
    public static func recordEach(
        _ connection: PostgresConnection, actor: String, action: String, region: Region? = nil, tokenID: Int? = nil,
        subjectType: String? = nil, entries: [(schoolID: String?, subjectID: String, details: [String: JSONValue])]
    ) throws {
        guard !entries.isEmpty else { return }
        try connection.query(
            """
            INSERT INTO audit_log (actor, action, region, school_id, token_id, subject_type, subject_id, details)
            SELECT $1, $2, $3, e.school_id, $4, $5, e.subject_id, e.details::jsonb
            FROM unnest($6::text[], $7::text[], $8::text[]) WITH ORDINALITY AS e(school_id, subject_id, details, position)
            ORDER BY e.position
            """,
            [actor, action, region, tokenID, subjectType,
             CountyDirectory.arrayParameter(entries.map(\.schoolID)),
             CountyDirectory.arrayParameter(entries.map(\.subjectID)),
             CountyDirectory.arrayParameter(entries.map { JSONValue.object($0.details).jsonText })])
    }

    /// The operating-system user running this process: who a command acts as.
    public static var currentUser: String {
        let environment = ProcessInfo.processInfo.environment
        if let user = environment["PATHWAY_ACTOR"] ?? environment["USER"] ?? environment["LOGNAME"], !user.isEmpty {
            return user
        }
        if let account = getpwuid(geteuid()), let name = account.pointee.pw_name {
            return String(cString: name)
        }
        return "uid \(geteuid())"
    }
}
