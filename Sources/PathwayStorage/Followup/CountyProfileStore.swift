import Foundation
import PathwayCore
import PostgresClient

/// A region's profile for its letters (`county_profiles`, `county_counsellors`,
/// `county_subsidies`). A region without rows has an empty profile.
public struct CountyProfileStore {
    public let connection: PostgresConnection
    public let region: Region

    public init(connection: PostgresConnection, region: Region) {
        self.connection = connection
        self.region = region
    }

    /// The profile, and who last changed it (nil while it was never set).
    public func profile() throws -> (profile: CountyProfile, changedBy: String?, changedAt: Date?) {
        var profile = CountyProfile()
        let head = try connection.query(
            "SELECT office, signatory, office_phone, updated_by, updated_at FROM county_profiles WHERE region = $1", [region])
        var changedBy: String?, changedAt: Date?
        if let row = head.rows.first {
            profile.office = try row.decode("office")
            profile.signatory = try row.decode("signatory")
            profile.officePhone = try row.decode("office_phone")
            changedBy = try row.decode("updated_by")
            changedAt = try row.decode("updated_at")
        }
        let counsellors = try connection.query(
            "SELECT junior_school, name, phone FROM county_counsellors WHERE region = $1 ORDER BY junior_school", [region])
        for row in counsellors.rows {
            profile.counsellors[try row.decode("junior_school")] = CountyProfile.Person(
                name: try row.decode("name"), phone: try row.decode("phone"))
        }
        let subsidies = try connection.query(
            """
            SELECT kind, yuan_per_year, effective_from::text AS from_day, effective_until::text AS until_day
            FROM county_subsidies WHERE region = $1 ORDER BY kind, effective_from
            """, [region])
        profile.subsidies = try subsidies.rows.map { row in
            let kind: String = try row.decode("kind")
            guard let kind = Subsidy.Kind(rawValue: kind),
                  let from = CalendarDate(parsing: try row.decode("from_day", as: String.self))
            else { throw PostgresError(kind: .decoding, message: "county_subsidies: \(kind) is not a subsidy") }
            return Subsidy(
                kind: kind, yuanPerYear: try row.decode("yuan_per_year"), effectiveFrom: from,
                effectiveUntil: try row.decode("until_day", as: String?.self).flatMap { CalendarDate(parsing: $0) })
        }
        return (profile, changedBy, changedAt)
    }

    /// Replaces the profile whole, with an audit entry naming what changed, in one transaction.
    public func save(_ profile: CountyProfile, actor: String) throws {
        try connection.withTransaction { connection in
            let store = CountyProfileStore(connection: connection, region: region)
            let before = try store.profile().profile
            try connection.query(
                """
                INSERT INTO county_profiles (region, office, signatory, office_phone, updated_by) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (region) DO UPDATE SET (office, signatory, office_phone, updated_by, updated_at)
                    = (EXCLUDED.office, EXCLUDED.signatory, EXCLUDED.office_phone, EXCLUDED.updated_by, now())
                """, [region, profile.office, profile.signatory, profile.officePhone, actor])
            try connection.query("DELETE FROM county_counsellors WHERE region = $1", [region])
            let schools = profile.counsellors.keys.sorted()
            try connection.query(
                """
                INSERT INTO county_counsellors (region, junior_school, name, phone)
                SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[])
                """,
                [region, CountyDirectory.arrayParameter(schools),
                 CountyDirectory.arrayParameter(schools.map { profile.counsellors[$0]?.name ?? "" }),
                 CountyDirectory.arrayParameter(schools.map { profile.counsellors[$0]?.phone ?? "" })])
            try connection.query("DELETE FROM county_subsidies WHERE region = $1", [region])
            try connection.query(
                """
                INSERT INTO county_subsidies (region, kind, yuan_per_year, effective_from, effective_until)
                SELECT $1, * FROM unnest($2::text[], $3::integer[], $4::date[], $5::date[])
                """,
                [region, CountyDirectory.arrayParameter(profile.subsidies.map(\.kind.rawValue)),
                 CountyDirectory.arrayParameter(profile.subsidies.map { $0.yuanPerYear.map(String.init) }),
                 CountyDirectory.arrayParameter(profile.subsidies.map(\.effectiveFrom.description)),
                 CountyDirectory.arrayParameter(profile.subsidies.map { $0.effectiveUntil?.description })])
            try AuditLog.record(
                connection, actor: actor, action: "county.profile", region: region,
                details: ["before": Self.summary(before), "after": Self.summary(profile)])
        }
    }

    /// The profile as the audit log keeps it.
    static func summary(_ profile: CountyProfile) -> JSONValue {
        .object([
            "office": profile.office.map(JSONValue.string) ?? .null,
            "signatory": profile.signatory.map(JSONValue.string) ?? .null,
            "office_phone": profile.officePhone.map(JSONValue.string) ?? .null,
            "counsellors": .object(profile.counsellors.mapValues { .string("\($0.name) \($0.phone)") }),
            "subsidies": .array(profile.subsidies.map {
                .string([$0.kind.rawValue, $0.yuanPerYear.map(String.init), $0.effectiveFrom.description,
                         $0.effectiveUntil?.description].compactMap { $0 }.joined(separator: ":"))
            }),
        ])
    }
}
