/// Buffers rows for `COPY ... FROM STDIN` in PostgreSQL's text format and sends them in
/// large chunks, so that a 100,000-row import costs a few dozen round trips, not 100,000.
public struct CopyInWriter {
    private let connection: PostgresConnection
    private var buffer: [UInt8] = []
    private let chunkSize = 1 << 16

    init(connection: PostgresConnection) {
        self.connection = connection
        buffer.reserveCapacity(chunkSize + 4096)
    }

    /// Appends one row; `nil` is SQL NULL. Tabs, newlines and backslashes are escaped, so any
    /// text (commas, quotes, line breaks, Chinese) arrives as written.
    public mutating func writeRow(_ fields: [String?]) throws(PostgresError) {
        for (index, field) in fields.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: "\t")) }
            guard let field else {
                buffer.append(UInt8(ascii: "\\"))
                buffer.append(UInt8(ascii: "N"))
                continue
            }
            for byte in field.utf8 {
                switch byte {
                case UInt8(ascii: "\\"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case UInt8(ascii: "\t"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                case UInt8(ascii: "\n"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case UInt8(ascii: "\r"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                default: buffer.append(byte)
                }
            }
        }
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= chunkSize { try flush() }
    }

    /// Appends bytes already in the format the `COPY` statement names (e.g. CSV).
    public mutating func writeRaw(_ bytes: some Sequence<UInt8>) throws(PostgresError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= chunkSize { try flush() }
    }

    mutating func flush() throws(PostgresError) {
        guard !buffer.isEmpty else { return }
        try connection.putCopyData(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
