/// How one kind of imported record lands in its table: the columns a file fills, the key the
/// upsert matches on, and what may still refer to a record that a newer file leaves out.
///
/// Column names and types here are fixed text of this program, never input; values only ever
/// reach PostgreSQL through COPY.
struct ImportTable: Sendable {
    /// `schools`, `programs`, `students`, `places` or `travel_routes`.
    let name: String
    /// The id column, first of `columns`.
    let key: String
    /// Whether the table's key starts with `region` (tables holding students' data).
    let regional: Bool
    /// Every column a file fills, the key first, with its SQL type.
    let columns: [(name: String, type: String)]
    /// Conditions (on `t`, the table's row) under which `--prune` keeps a record.
    let referencedBy: [String]
    /// Columns a file without them (or with the cell empty) leaves as they are: values people
    /// set after the import, such as a student's responsible person.
    var keptWhenEmpty: Set<String> = []

    var dataColumns: [String] { columns.dropFirst().map(\.name) }

    static let schools = ImportTable(
        name: "schools", key: "school_id", regional: false,
        columns: [
            ("school_id", "text"), ("name", "text"), ("county", "text"), ("address", "text"),
            ("latitude", "double precision"), ("longitude", "double precision"), ("contact_name", "text"),
            ("contact_phone", "text"), ("contact_email", "text"), ("region", "text"),
        ],
        referencedBy: [
            "EXISTS (SELECT 1 FROM programs r WHERE r.school_id = t.school_id)",
            "EXISTS (SELECT 1 FROM assignments r WHERE r.school_id = t.school_id)",
            "EXISTS (SELECT 1 FROM referrals r WHERE r.school_id = t.school_id)",
            "EXISTS (SELECT 1 FROM api_tokens r WHERE r.school_id = t.school_id)",
        ])

    static let programs = ImportTable(
        name: "programs", key: "program_id", regional: false,
        columns: [
            ("program_id", "text"), ("school_id", "text"), ("name", "text"), ("category", "text"),
            ("holland_code", "text"), ("seats", "integer"), ("min_total_score", "double precision"),
            ("key_subjects", "jsonb"), ("boarding", "boolean"), ("latitude", "double precision"),
            ("longitude", "double precision"), ("start_date", "date"), ("description", "text"),
            ("registration_date", "date"), ("registration_place", "text"), ("registration_items", "text"),
            ("batch", "smallint"),
        ],
        referencedBy: [
            "EXISTS (SELECT 1 FROM candidates r WHERE r.program_id = t.program_id)",
            "EXISTS (SELECT 1 FROM assignments r WHERE r.program_id = t.program_id)",
            "EXISTS (SELECT 1 FROM referrals r WHERE r.program_id = t.program_id)",
        ])

    static let students = ImportTable(
        name: "students", key: "student_id", regional: true,
        columns: [
            ("student_id", "text"), ("name", "text"), ("gender", "text"), ("birth_date", "date"),
            ("junior_school", "text"), ("graduation_year", "integer"), ("township", "text"),
            ("latitude", "double precision"), ("longitude", "double precision"),
            ("total_score", "double precision"), ("score_subjects", "text[]"),
            ("score_values", "double precision[]"), ("holland_code", "text"),
            ("wishes", "text[]"), ("needs_boarding", "boolean"), ("hardship", "boolean"),
            ("left_behind", "boolean"), ("guardian_name", "text"), ("guardian_phone", "text"), ("notes", "text"),
            ("status_number", "text"), ("village", "text"), ("home_placement", "text"), ("responsible", "text"),
            ("accepts_reassignment", "boolean"),
        ],
        referencedBy: [
            "EXISTS (SELECT 1 FROM candidates r WHERE r.region = t.region AND r.student_id = t.student_id)",
            "EXISTS (SELECT 1 FROM assignments r WHERE r.region = t.region AND r.student_id = t.student_id)",
            "EXISTS (SELECT 1 FROM referrals r WHERE r.region = t.region AND r.student_id = t.student_id)",
            "EXISTS (SELECT 1 FROM followup_contacts r WHERE r.region = t.region AND r.student_id = t.student_id)",
        ],
        keptWhenEmpty: ["responsible"])

    static let places = ImportTable(
        name: "places", key: "place_key", regional: true,
        columns: [
            ("place_key", "text"), ("township", "text"), ("village", "text"), ("latitude", "double precision"),
            ("longitude", "double precision"),
        ],
        // Students and campuses keep the point they were given at their import: nothing refers to a place.
        referencedBy: ["false"])

    static let travel = ImportTable(
        name: "travel_routes", key: "route_key", regional: true,
        columns: [
            ("route_key", "text"), ("township", "text"), ("village", "text"), ("school_id", "text"), ("program_id", "text"),
            ("km", "double precision"), ("minutes", "double precision"),
        ],
        // A run keeps the distances it scored with: nothing refers to a route.
        referencedBy: ["false"])

    /// The temporary table the changed records are copied into, dropped at commit.
    var stagingName: String { "incoming_\(name)" }

    /// Every column a file fills, then the record's digest (migration 0007).
    private var copiedColumns: [String] { columns.map(\.name) + ["import_digest"] }

    var createStaging: String {
        let columnList = columns.map { "\($0.name) \($0.type)" } + ["import_digest bigint"]
        return "CREATE TEMPORARY TABLE \(stagingName) (\(columnList.joined(separator: ", "))) ON COMMIT DROP"
    }

    var copyStaging: String {
        "COPY \(stagingName) (\(copiedColumns.joined(separator: ", "))) FROM STDIN (FORMAT binary)"
    }

    /// Copies a file straight into a table (of a region) that has no records yet.
    var copyDirect: String {
        let columnList = (regional ? ["region"] : []) + copiedColumns
        return "COPY \(name) (\(columnList.joined(separator: ", "))) FROM STDIN (FORMAT binary)"
    }

    /// Each record's key and digest, to tell which records of a file changed. `$1` is the region
    /// for regional tables.
    var digests: String {
        "SELECT \(key), import_digest FROM \(name)\(regional ? " WHERE region = $1" : "")"
    }

    /// Inserts new records and updates changed ones, and returns how many of each. A record
    /// whose values are equal and only its digest differs (one imported before migration 0007,
    /// or edited back by hand) gets the digest and keeps its `updated_at`, and is not counted.
    /// `$1` is the region for regional tables.
    var upsert: String {
        let targetColumns = (regional ? ["region"] : []) + copiedColumns
        let sourceColumns = (regional ? ["$1"] : []) + copiedColumns
        let conflict = (regional ? ["region"] : []) + [key]
        let data = dataColumns
        let incoming = data.map { keptWhenEmpty.contains($0) ? "coalesce(EXCLUDED.\($0), t.\($0))" : "EXCLUDED.\($0)" }
        let changed = "(\(data.map { "t.\($0)" }.joined(separator: ", "))) IS DISTINCT FROM (\(incoming.joined(separator: ", ")))"
        return """
            WITH written AS (
                INSERT INTO \(name) AS t (\(targetColumns.joined(separator: ", ")))
                SELECT \(sourceColumns.joined(separator: ", ")) FROM \(stagingName)
                ON CONFLICT (\(conflict.joined(separator: ", "))) DO UPDATE
                SET (\(data.joined(separator: ", ")), import_digest, updated_at)
                    = (\(incoming.joined(separator: ", ")), EXCLUDED.import_digest,
                       CASE WHEN \(changed) THEN now() ELSE t.updated_at END)
                WHERE \(changed) OR t.import_digest IS DISTINCT FROM EXCLUDED.import_digest
                RETURNING (xmax = 0) AS inserted, updated_at = now() AS changed
            )
            SELECT count(*) FILTER (WHERE inserted) AS inserted,
                   count(*) FILTER (WHERE changed AND NOT inserted) AS updated
            FROM written
            """
    }

    /// Deletes the records named in the text[] parameter (those the file leaves out) that
    /// nothing refers to. `$1` is the key list, `$2` the region for regional tables.
    var prune: String {
        "DELETE FROM \(name) t WHERE t.\(key) = ANY($1::text[])"
            + (regional ? " AND t.region = $2" : "")
            + " AND NOT (\(referencedBy.joined(separator: " OR ")))"
    }
}
