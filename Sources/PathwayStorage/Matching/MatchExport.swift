import PathwayCore
import PathwayImport
import PathwaySpreadsheet
import PostgresClient

/// `pathway match export`: a run's candidates or assignments as a file staff open in Excel or WPS
/// (`.xlsx` with headers in their language, ids as text; or CSV, UTF-8 with a byte-order mark,
/// CRLF) or scripts read (a JSON array of objects with the same keys as the CSV columns).
///
/// Rows stream from `COPY` to the destination in 256 KiB chunks; numbers are PostgreSQL's
/// shortest exact text, so `program_priority` is the key the assignment used to the last bit.
public struct MatchExport {
    /// Which rows.
    public enum Table: String, Sendable, CaseIterable {
        /// Every pair that took part in the assignment, students by id, each best first.
        case candidates
        /// One row per student of the run, by id; `program_id` empty when unplaced.
        case assignments

        /// The columns, exactly as issue 5 names them.
        public var columns: [String] {
            switch self {
            case .candidates:
                ["student_id", "program_id", "student_rank", "score", "program_priority", "interest", "grades",
                 "location", "distance_km"]
            case .assignments: ["student_id", "program_id", "school_id", "score", "student_rank"]
            }
        }

        /// The columns as a workbook heads them, in `language`.
        public func headers(in language: Language) -> [String] {
            switch (self, language) {
            case (.candidates, .chinese): ["学生编号", "专业代码", "候选名次", "匹配分", "专业排序键", "兴趣", "成绩", "距离得分", "距离（公里）"]
            case (.candidates, .english):
                ["Student id", "Programme", "Rank", "Score", "Programme priority", "Interest", "Grades", "Location", "Distance (km)"]
            case (.assignments, .chinese): ["学生编号", "专业代码", "学校代码", "匹配分", "候选名次"]
            case (.assignments, .english): ["Student id", "Programme", "School", "Score", "Rank"]
            }
        }

        /// How many decimals a workbook shows of each numeric column (nil: all of them, for the
        /// priority, which is a key to the last bit).
        var decimals: [String: Int?] {
            ["student_rank": 0, "score": 1, "program_priority": nil, "interest": 3, "grades": 3, "location": 3, "distance_km": 1]
        }

        /// Columns that JSON writes as strings; the rest are numbers.
        var textColumns: Set<String> { ["student_id", "program_id", "school_id"] }

        var order: String {
            switch self {
            case .candidates: "student_id COLLATE \"C\", student_rank"
            case .assignments: "student_id COLLATE \"C\""
            }
        }
    }

    /// The file format.
    public enum Format: String, Sendable, CaseIterable {
        case xlsx, csv, json
    }

    public let store: MatchRunStore

    public init(store: MatchRunStore) {
        self.store = store
    }

    /// Writes the run's rows through `write` and records the export in the audit log, in one
    /// transaction: an export that fails to write is not recorded. Returns the number of rows.
    ///
    /// - Parameter destination: where the rows go (a file name, or `stdout`), for the audit log.
    @discardableResult
    /// - Parameter language: the workbook's headers; CSV and JSON keep the column names.
    public func export(
        runID: RunID, table: Table, format: Format, language: Language = .chinese, destination: String, actor: String,
        write: ([UInt8]) throws -> Void
    ) throws -> Int {
        let connection = store.connection
        return try connection.withTransaction { connection in
            let record = try store.record(runID)
            if table == .assignments && record.strategy == .ranked { throw MatchRunError.rankedRunHasNoAssignments(runID) }
            var buffer: [UInt8] = []
            buffer.reserveCapacity(1 << 18 + 4096)
            let columns = table.columns
            let isText = columns.map { table.textColumns.contains($0) }
            switch format {
            case .csv:
                let header = CSVTextBuilder(header: columns, style: .spreadsheet)
                buffer.append(contentsOf: header.text.utf8)
            case .json:
                buffer.append(UInt8(ascii: "["))
            case .xlsx:
                break
            }
            var rows = 0
            // A workbook is written whole at the end: its rows are kept as cells.
            var cells: [[XLSXWriter.Cell]] = []
            let decimals = columns.map { table.decimals[$0] ?? nil }
            // COPY takes no parameters; the run id is an integer the server generated.
            try connection.copyOut(
                "COPY (SELECT \(columns.joined(separator: ", ")) FROM \(table.rawValue) WHERE run_id = \(runID.rawValue) ORDER BY \(table.order)) TO STDOUT"
            ) { bytes in
                let fields = CopyTextRow.fields(bytes)
                switch format {
                case .csv:
                    for (index, field) in fields.enumerated() {
                        if index > 0 { buffer.append(UInt8(ascii: ",")) }
                        buffer.append(contentsOf: CSVTextBuilder.escaped(field ?? "").utf8)
                    }
                    buffer.append(contentsOf: [0x0D, 0x0A])
                case .json:
                    var object = rows == 0 ? "\n{" : ",\n{"
                    for (index, field) in fields.enumerated() where index < columns.count {
                        if index > 0 { object += "," }
                        JSONValue.writeString(columns[index], to: &object)
                        object += ":"
                        if let field {
                            if isText[index] { JSONValue.writeString(field, to: &object) } else { object += field }
                        } else {
                            object += "null"
                        }
                    }
                    object += "}"
                    buffer.append(contentsOf: object.utf8)
                case .xlsx:
                    cells.append(fields.prefix(columns.count).enumerated().map { index, field in
                        guard let field, !field.isEmpty else { return .empty }
                        if isText[index] { return .text(field) }
                        return Double(field).map { .number($0, decimals: decimals[index]) } ?? .text(field)
                    })
                }
                rows += 1
                if buffer.count >= 1 << 18 {
                    try write(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            if format == .json { buffer.append(contentsOf: (rows == 0 ? "]\n" : "\n]\n").utf8) }
            if format == .xlsx {
                let sheet = XLSXWriter.SheetContent(
                    name: language == .chinese ? "第\(runID)次匹配" : "Run \(runID)",
                    columns: table.headers(in: language).map { XLSXWriter.Column(header: $0) }, rows: cells)
                buffer = try XLSXWriter().workbook([sheet])
            }
            try write(buffer)
            try AuditLog.record(
                connection, actor: actor, action: "match.export", region: store.region, subjectType: "match_run",
                subjectID: runID.description,
                details: [
                    "what": .string(table.rawValue), "format": .string(format.rawValue), "rows": .integer(rows),
                    "destination": .string(destination),
                ])
            return rows
        }
    }
}
