import Foundation
import PathwayCore
import PostgresClient

/// A region's own settings (`county_settings`): for now its follow-up clock. A region without
/// a row uses `FollowupDeadlines.standard`.
public struct CountySettingsStore {
    public let connection: PostgresConnection
    public let region: Region

    public init(connection: PostgresConnection, region: Region) {
        self.connection = connection
        self.region = region
    }

    /// The region's deadlines, and who last changed them (nil while they are the standard ones).
    public func deadlines() throws -> (deadlines: FollowupDeadlines, changedBy: String?, changedAt: Date?) {
        let result = try connection.query(
            """
            SELECT acknowledge_days, registration_month, registration_day, updated_by, updated_at
            FROM county_settings WHERE region = $1
            """, [region])
        guard let row = result.rows.first else { return (.standard, nil, nil) }
        return (
            FollowupDeadlines(
                acknowledgeDays: try row.decode("acknowledge_days"), registrationMonth: try row.decode("registration_month"),
                registrationDay: try row.decode("registration_day")),
            try row.decode("updated_by"), try row.decode("updated_at")
        )
    }

    /// Replaces the region's deadlines, with an audit entry, in one transaction.
    ///
    /// - Throws: `FollowupDeadlinesError` for a value out of range (nothing written).
    public func setDeadlines(_ deadlines: FollowupDeadlines, actor: String) throws {
        let deadlines = try deadlines.validated()
        try connection.withTransaction { connection in
            let before = try CountySettingsStore(connection: connection, region: region).deadlines().deadlines
            try connection.query(
                """
                INSERT INTO county_settings (region, acknowledge_days, registration_month, registration_day, updated_by)
                VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (region) DO UPDATE SET
                    (acknowledge_days, registration_month, registration_day, updated_by, updated_at)
                    = (EXCLUDED.acknowledge_days, EXCLUDED.registration_month, EXCLUDED.registration_day,
                       EXCLUDED.updated_by, now())
                """,
                [region, deadlines.acknowledgeDays, deadlines.registrationMonth, deadlines.registrationDay, actor])
            try AuditLog.record(
                connection, actor: actor, action: "county.settings", region: region,
                details: [
                    "acknowledge_days": .integer(deadlines.acknowledgeDays),
                    "registration_closes": .string(deadlines.registrationText),
                    "before_acknowledge_days": .integer(before.acknowledgeDays),
                    "before_registration_closes": .string(before.registrationText),
                ])
        }
    }
}
