import CLibPQ

/// The rows a statement returned, read in PostgreSQL's text format.
///
/// Owns the libpq `PGresult` and frees it when the last reference goes. A result is immutable
/// once returned, so reading it from several threads is safe.
public final class QueryResult: @unchecked Sendable {
    private let handle: OpaquePointer

    init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit { PQclear(handle) }

    /// Number of rows returned.
    public var rowCount: Int { Int(PQntuples(handle)) }

    /// Number of columns returned.
    public var columnCount: Int { Int(PQnfields(handle)) }

    /// Rows inserted, updated or deleted by the statement (0 for other statements).
    public var affectedRows: Int {
        guard let text = PQcmdTuples(handle) else { return 0 }
        return Int(String(cString: text)) ?? 0
    }

    /// Column names in result order.
    public var columnNames: [String] {
        (0..<columnCount).map { String(cString: PQfname(handle, Int32($0))) }
    }

    /// Index of the column named `name`, if the result has one.
    public func columnIndex(_ name: String) -> Int? {
        let index = Int(PQfnumber(handle, name))
        return index >= 0 ? index : nil
    }

    /// The raw text of a cell, `nil` for SQL NULL.
    public func text(row: Int, column: Int) -> String? {
        guard row >= 0, row < rowCount, column >= 0, column < columnCount else { return nil }
        if PQgetisnull(handle, Int32(row), Int32(column)) == 1 { return nil }
        guard let pointer = PQgetvalue(handle, Int32(row), Int32(column)) else { return nil }
        return String(cString: pointer)
    }

    /// The rows, each decoded on demand.
    public var rows: Rows { Rows(result: self) }

    /// Decodes one cell, throwing when it is NULL or not a `T`.
    public func decode<T: PostgresDecodable>(_ type: T.Type, row: Int, column: Int) throws(PostgresError) -> T {
        guard let text = text(row: row, column: column) else {
            throw PostgresError(kind: .decoding, message: "column \(columnLabel(column)) of row \(row + 1) is NULL, expected \(T.self)")
        }
        guard let value = T(postgresText: text) else {
            throw PostgresError(kind: .decoding, message: "column \(columnLabel(column)) of row \(row + 1) is not a \(T.self)")
        }
        return value
    }

    /// Decodes one cell that may be NULL.
    public func decode<T: PostgresDecodable>(_ type: T?.Type, row: Int, column: Int) throws(PostgresError) -> T? {
        guard text(row: row, column: column) != nil else { return nil }
        return try decode(T.self, row: row, column: column)
    }

    func columnLabel(_ column: Int) -> String {
        guard column >= 0, column < columnCount else { return "#\(column + 1)" }
        return "\"\(String(cString: PQfname(handle, Int32(column))))\""
    }

    /// The rows of a result as a random-access collection.
    public struct Rows: RandomAccessCollection, Sendable {
        let result: QueryResult
        public var startIndex: Int { 0 }
        public var endIndex: Int { result.rowCount }
        public subscript(position: Int) -> Row { Row(result: result, index: position) }
    }

    /// One row; cells are addressed by column name or position.
    public struct Row: Sendable {
        let result: QueryResult
        /// Zero-based position of the row in its result.
        public let index: Int

        /// Decodes the cell in column `name`.
        public func decode<T: PostgresDecodable>(_ name: String, as type: T.Type = T.self) throws(PostgresError) -> T {
            try result.decode(T.self, row: index, column: try column(name))
        }

        /// Decodes the cell in column `name`, which may be NULL.
        public func decode<T: PostgresDecodable>(_ name: String, as type: T?.Type = T?.self) throws(PostgresError) -> T? {
            try result.decode(T?.self, row: index, column: try column(name))
        }

        /// Decodes the cell at `position`.
        public func decode<T: PostgresDecodable>(_ position: Int, as type: T.Type = T.self) throws(PostgresError) -> T {
            try result.decode(T.self, row: index, column: position)
        }

        /// Decodes the cell at `position`, which may be NULL.
        public func decode<T: PostgresDecodable>(_ position: Int, as type: T?.Type = T?.self) throws(PostgresError) -> T? {
            try result.decode(T?.self, row: index, column: position)
        }

        private func column(_ name: String) throws(PostgresError) -> Int {
            guard let column = result.columnIndex(name) else {
                throw PostgresError(kind: .decoding, message: "the result has no column \"\(name)\"")
            }
            return column
        }
    }
}
