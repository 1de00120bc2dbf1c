import CLibPQ
import Foundation

/// One libpq connection to a PostgreSQL database.
///
/// Every call blocks the calling thread until the server answers, as libpq does. A connection
/// is used by one thread at a time: it is `@unchecked Sendable` so that a `ConnectionPool` can
/// hand it from task to task, never so that two tasks share it at once.
public final class PostgresConnection: @unchecked Sendable {
    private var handle: OpaquePointer?
    var openHandleIfAny: OpaquePointer? { handle }

    /// Opens a connection from a URL (`postgresql://user@host/db`) or a conninfo string
    /// (`host=/tmp dbname=pathway`). An empty string lets libpq read the `PG*` variables.
    ///
    /// Every session is set to UTF-8, ISO dates and UTC, which the value decoders rely on.
    ///
    /// - Parameter database: when given, replaces the database that `conninfo` names, so that
    ///   one configured server can hold several databases (the demo's, each test suite's).
    public init(_ conninfo: String, database: String? = nil) throws(PostgresError) {
        var keys = ["dbname"]
        var values = [conninfo]
        if let database {
            keys.append("dbname")
            values.append(database)
        }
        let connection = PostgresConnection.connect(keys: keys, values: values)
        guard let connection, PQstatus(connection) == CONNECTION_OK else {
            let message = connection.map { PostgresConnection.errorMessage(of: $0) } ?? "out of memory"
            PQfinish(connection)
            throw PostgresError(kind: .connection, message: "could not connect to PostgreSQL: \(message)")
        }
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        handle = connection
        try execute("SET client_encoding TO 'UTF8'; SET DateStyle TO 'ISO, YMD'; SET TimeZone TO 'UTC'")
    }

    deinit { PQfinish(handle) }

    /// `PQconnectdbParams` with `expand_dbname`: the first `dbname` may be a whole URL or
    /// conninfo string, and a later `dbname` overrides the database it names.
    private static func connect(keys: [String], values: [String]) -> OpaquePointer? {
        let cKeys = keys.map { strdup($0) } + [nil]
        let cValues = values.map { strdup($0) } + [nil]
        defer {
            cKeys.forEach { free($0) }
            cValues.forEach { free($0) }
        }
        return cKeys.withUnsafeBufferPointer { keyBuffer in
            cValues.withUnsafeBufferPointer { valueBuffer in
                keyBuffer.withMemoryRebound(to: UnsafePointer<CChar>?.self) { k in
                    valueBuffer.withMemoryRebound(to: UnsafePointer<CChar>?.self) { v in
                        PQconnectdbParams(k.baseAddress, v.baseAddress, 1)
                    }
                }
            }
        }
    }

    /// Closes the connection; later calls throw.
    public func close() {
        PQfinish(handle)
        handle = nil
    }

    /// Whether the connection is open and not broken (a restarted server breaks it).
    public var isHealthy: Bool {
        guard let handle else { return false }
        return PQstatus(handle) == CONNECTION_OK
    }

    /// Whether the server is still at the other end, found without a round trip: reads what
    /// the server sent while the connection sat idle (a shutdown notice, the end of the stream).
    /// A pool asks before handing out an idle connection, so that the first request after a
    /// database restart does not fail on a connection that only looks open.
    public var isAlive: Bool {
        guard let handle, PQstatus(handle) == CONNECTION_OK else { return false }
        guard PQconsumeInput(handle) == 1 else { return false }
        return PQstatus(handle) == CONNECTION_OK
    }

    /// The database name the connection is attached to.
    public var databaseName: String {
        guard let handle, let name = PQdb(handle) else { return "" }
        return String(cString: name)
    }

    /// Runs one statement with `$1`, `$2`, ... bound to `parameters` (`nil` is SQL NULL).
    ///
    /// Values never become part of the SQL text, so no input can change what the statement does.
    @discardableResult
    public func query(_ sql: String, _ parameters: [(any PostgresEncodable)?] = []) throws(PostgresError) -> QueryResult {
        let handle = try openHandle()
        let texts: [UnsafeMutablePointer<CChar>?] = parameters.map { value in
            value.flatMap { strdup($0.postgresText) }
        }
        defer { texts.forEach { free($0) } }
        let result = texts.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: UnsafePointer<CChar>?.self) { values in
                PQexecParams(handle, sql, Int32(values.count), nil, values.baseAddress, nil, nil, 0)
            }
        }
        return try check(result, expecting: [PGRES_COMMAND_OK, PGRES_TUPLES_OK])
    }

    /// Runs one or more statements without parameters (DDL, `SET`, migrations).
    public func execute(_ sql: String) throws(PostgresError) {
        let handle = try openHandle()
        _ = try check(PQexec(handle, sql), expecting: [PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY])
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    ///
    /// Transactions do not nest; the body must not begin one of its own.
    public func withTransaction<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        try execute("BEGIN")
        let value: T
        do {
            value = try body(self)
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
        try execute("COMMIT")
        return value
    }

    /// Streams rows into `COPY ... FROM STDIN` (text or binary, as `sql` says); returns the
    /// rows the server copied.
    ///
    /// When `body` throws, the copy is cancelled, the server writes nothing, and the error is
    /// rethrown.
    @discardableResult
    public func copyIn(_ sql: String, _ body: (inout CopyInWriter) throws -> Void) throws -> Int {
        let handle = try openHandle()
        _ = try check(PQexec(handle, sql), expecting: [PGRES_COPY_IN])
        widenSendBuffer(handle)
        var writer = CopyInWriter(connection: self)
        do {
            try body(&writer)
            try writer.flush()
        } catch {
            _ = PQputCopyEnd(handle, "cancelled by the client")
            drainResults(handle)
            throw error
        }
        guard PQputCopyEnd(handle, nil) == 1 else {
            drainResults(handle)
            throw PostgresError(kind: .copy, message: PostgresConnection.errorMessage(of: handle))
        }
        return try finishCommand(handle)
    }

    /// Streams the output of `COPY ... TO STDOUT`, one chunk (normally one row) at a time.
    public func copyOut(_ sql: String, _ chunk: (UnsafeRawBufferPointer) throws -> Void) throws {
        let handle = try openHandle()
        _ = try check(PQexec(handle, sql), expecting: [PGRES_COPY_OUT])
        var failure: (any Error)?
        while true {
            var buffer: UnsafeMutablePointer<CChar>?
            let length = PQgetCopyData(handle, &buffer, 0)
            if length > 0, let buffer {
                if failure == nil {
                    do { try chunk(UnsafeRawBufferPointer(start: buffer, count: Int(length))) } catch { failure = error }
                }
                PQfreemem(buffer)
            } else if length == -1 {
                break
            } else {
                drainResults(handle)
                throw PostgresError(kind: .copy, message: PostgresConnection.errorMessage(of: handle))
            }
        }
        _ = try finishCommand(handle)
        if let failure { throw failure }
    }

    func putCopyData(_ bytes: [UInt8]) throws(PostgresError) {
        let handle = try openHandle()
        let status = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { PQputCopyData(handle, $0.baseAddress, Int32($0.count)) }
        }
        guard status == 1 else {
            throw PostgresError(kind: .copy, message: PostgresConnection.errorMessage(of: handle))
        }
    }

    // MARK: - libpq plumbing

    /// Asks for a socket send buffer of up to 4 MB (the kernel caps it at `net.core.wmem_max`),
    /// so that a client producing COPY data can run a few megabytes ahead of the server instead
    /// of waiting each time the server pauses; the two then work side by side on two cores.
    /// Best effort: a refusal only costs speed.
    private func widenSendBuffer(_ handle: OpaquePointer) {
        let socket = PQsocket(handle)
        guard socket >= 0 else { return }
        var size: Int32 = 4 << 20
        _ = setsockopt(socket, SOL_SOCKET, SO_SNDBUF, &size, socklen_t(MemoryLayout<Int32>.size))
    }

    private func openHandle() throws(PostgresError) -> OpaquePointer {
        guard let handle else { throw PostgresError(kind: .misuse, message: "the connection is closed") }
        return handle
    }

    /// Collects the results after a COPY ends; the last one says whether it succeeded.
    private func finishCommand(_ handle: OpaquePointer) throws(PostgresError) -> Int {
        var error: PostgresError?
        var count = 0
        while let result = PQgetResult(handle) {
            if PQresultStatus(result) == PGRES_COMMAND_OK {
                count = Int(String(cString: PQcmdTuples(result))) ?? 0
            } else if error == nil {
                error = PostgresConnection.error(from: result, connection: handle, kind: .copy)
            }
            PQclear(result)
        }
        if let error { throw error }
        return count
    }

    private func drainResults(_ handle: OpaquePointer) {
        while let result = PQgetResult(handle) { PQclear(result) }
    }

    private func check(_ result: OpaquePointer?, expecting statuses: [ExecStatusType]) throws(PostgresError) -> QueryResult {
        guard let result else {
            let message = handle.map { PostgresConnection.errorMessage(of: $0) } ?? "no connection"
            throw PostgresError(kind: .connection, message: message)
        }
        guard statuses.contains(PQresultStatus(result)) else {
            let error = PostgresConnection.error(from: result, connection: handle, kind: .server)
            PQclear(result)
            throw error
        }
        return QueryResult(handle: result)
    }

    private static func error(from result: OpaquePointer, connection: OpaquePointer?, kind: PostgresError.Kind) -> PostgresError {
        func field(_ code: Character) -> String? {
            guard let ascii = code.asciiValue, let text = PQresultErrorField(result, Int32(ascii)) else { return nil }
            return String(cString: text)
        }
        let code = field("C").map(PostgresError.Code.init)
        let message = field("M") ?? connection.map(errorMessage(of:)) ?? "unknown error"
        let broken = connection.map { PQstatus($0) != CONNECTION_OK } ?? true
        return PostgresError(
            kind: broken && code == nil ? .connection : kind,
            code: code, message: message, detail: field("D"), hint: field("H")
        )
    }

    static func errorMessage(of connection: OpaquePointer) -> String {
        guard let text = PQerrorMessage(connection) else { return "unknown error" }
        return String(cString: text).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

extension PostgresConnection {
    /// Whether a transaction was left open (a body that began one and returned); such a
    /// connection is not handed to the next user.
    var isInTransaction: Bool {
        guard let handle = openHandleIfAny else { return false }
        return PQtransactionStatus(handle) != PQTRANS_IDLE
    }
}
