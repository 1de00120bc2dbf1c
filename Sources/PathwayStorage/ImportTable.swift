/// How one kind of imported record lands in its table: the columns a file fills, the key the
/// upsert matches on, and what may still refer to a record that a newer file leaves out.
///
/// Column names and types here are fixed text of this program, never input; values only ever
/// reach PostgreSQL through COPY.
struct ImportTable: Sendable {
    /// `schools`, `programs` or `students`.
    let name: String
    /// The id column, first of `columns`.
    let key: String
    /// Whether the table's key starts with `region` (tables holding students' data).
    let regional: Bool
    /// Every column a file fills, the key first, with its SQL type.
    let columns: [(name: String, type: String)]
    /// Conditions (on `t`, the table's row) under which `--prune` keeps a record.
    let referencedBy: [String]

    var dataColumns: [String] { columns.dropFirst().map(\.name) }

    static let schools = ImportTable(
        name: "schools", key: "school_id", regional: false,
        columns: [
            ("school_id", "text"), ("name", "text"), ("county", "text"), ("address", "text"),
            ("latitude", "double precision"), ("longitude", "double precision"), ("contact_name", "text"),
            ("contact_phone", "text"), ("contact_email", "text"),
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
            ("total_score", "double precision"), ("scores", "jsonb"), ("holland_code", "text"),
            ("wishes", "text[]"), ("needs_boarding", "boolean"), ("hardship", "boolean"),
            ("left_behind", "boolean"), ("guardian_name", "text"), ("guardian_phone", "text"), ("notes", "text"),
        ],
        referencedBy: [
            "EXISTS (SELECT 1 FROM candidates r WHERE r.region = t.region AND r.student_id = t.student_id)",
            "EXISTS (SELECT 1 FROM assignments r WHERE r.region = t.region AND r.student_id = t.student_id)",
            "EXISTS (SELECT 1 FROM referrals r WHERE r.region = t.region AND r.student_id = t.student_id)",
        ])

    /// The temporary table the file is copied into, dropped at commit.
    var stagingName: String { "incoming_\(name)" }

    var createStaging: String {
        let columnList = columns.map { "\($0.name) \($0.type)" }.joined(separator: ", ")
        return "CREATE TEMPORARY TABLE \(stagingName) (\(columnList)) ON COMMIT DROP"
    }

    var copyStaging: String {
        "COPY \(stagingName) (\(columns.map(\.name).joined(separator: ", "))) FROM STDIN (FORMAT binary)"
    }

    /// Inserts new records, updates changed ones (and only those: `updated_at` stays put for an
    /// unchanged row), and returns how many of each. `$1` is the region for regional tables.
    var upsert: String {
        let targetColumns = (regional ? ["region"] : []) + columns.map(\.name)
        let sourceColumns = (regional ? ["$1"] : []) + columns.map(\.name)
        let conflict = (regional ? ["region"] : []) + [key]
        let data = dataColumns
        return """
            WITH written AS (
                INSERT INTO \(name) AS t (\(targetColumns.joined(separator: ", ")))
                SELECT \(sourceColumns.joined(separator: ", ")) FROM \(stagingName)
                ON CONFLICT (\(conflict.joined(separator: ", "))) DO UPDATE
                SET (\(data.joined(separator: ", ")), updated_at) = (\(data.map { "EXCLUDED.\($0)" }.joined(separator: ", ")), now())
                WHERE (\(data.map { "t.\($0)" }.joined(separator: ", "))) IS DISTINCT FROM (\(data.map { "EXCLUDED.\($0)" }.joined(separator: ", ")))
                RETURNING (xmax = 0) AS inserted
            )
            SELECT count(*) FILTER (WHERE inserted) AS inserted, count(*) FILTER (WHERE NOT inserted) AS updated FROM written
            """
    }

    private var notInFile: String {
        (regional ? "t.region = $1 AND " : "")
            + "NOT EXISTS (SELECT 1 FROM \(stagingName) i WHERE i.\(key) = t.\(key))"
    }

    /// Whether the table holds no record yet (of the region), so a file can be copied straight in.
    var isEmpty: String {
        "SELECT NOT EXISTS (SELECT 1 FROM \(name)\(regional ? " WHERE region = $1" : ""))"
    }

    /// Copies a file straight into an empty table: half the work of staging and merging.
    var copyDirect: String {
        let columnList = (regional ? ["region"] : []) + columns.map(\.name)
        return "COPY \(name) (\(columnList.joined(separator: ", "))) FROM STDIN (FORMAT binary)"
    }

    /// Counts the records of the table (of the region). After the merge, those the file leaves
    /// out are this count less the file's rows (whose ids are distinct): no join needed.
    var countAll: String {
        "SELECT count(*) FROM \(name)\(regional ? " WHERE region = $1" : "")"
    }

    /// Gives the planner the staging table's size before `prune` joins against it (a temporary
    /// table is never analysed automatically, and a blind guess can make the join quadratic).
    var analyzeStaging: String { "ANALYZE \(stagingName)" }

    /// Deletes the records the file leaves out that nothing refers to.
    var prune: String {
        "DELETE FROM \(name) t WHERE \(notInFile) AND NOT (\(referencedBy.joined(separator: " OR ")))"
    }
}
