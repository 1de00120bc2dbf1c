/// What one `pathway import` did to its table, or would do in a dry run.
public struct ImportSummary: Sendable, Hashable, Codable {
    /// `schools`, `programs` or `students`.
    public var kind: String
    public var file: String
    /// How the file was decoded (`UTF-8`, `UTF-8 with BOM`, `GB18030`).
    public var encoding: String
    /// Records read from the file.
    public var rows: Int
    public var inserted: Int
    public var updated: Int
    public var unchanged: Int
    /// Records in the database but not in this file: kept unless `--prune`.
    public var missing: Int
    /// Of `missing`, how many `--prune` removed (nil without `--prune`).
    public var pruned: Int?
    public var warnings: Int
    /// True when nothing was written (`--dry-run`).
    public var dryRun: Bool
    /// Seconds spent in each phase (`read`, `copy`, `merge`, ...), for benchmarks and `--json`.
    public var seconds: [String: Double] = [:]

    public init(
        kind: String, file: String, encoding: String, rows: Int, inserted: Int = 0, updated: Int = 0,
        unchanged: Int = 0, missing: Int = 0, pruned: Int? = nil, warnings: Int = 0, dryRun: Bool = false
    ) {
        self.kind = kind
        self.file = file
        self.encoding = encoding
        self.rows = rows
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
        self.missing = missing
        self.pruned = pruned
        self.warnings = warnings
        self.dryRun = dryRun
    }

    enum CodingKeys: String, CodingKey {
        case kind, file, encoding, rows, inserted, updated, unchanged, missing, pruned, warnings
        case seconds
        case dryRun = "dry_run"
    }
}
