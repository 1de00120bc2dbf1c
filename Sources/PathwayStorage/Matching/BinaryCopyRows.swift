import PostgresClient

/// Rows in PostgreSQL's binary `COPY` format, for the hundreds of thousands of candidate rows of
/// a run: a double goes over as its eight bytes, so neither side formats or parses decimal text,
/// and every stored figure is the computed one to the last bit.
///
/// Format (PostgreSQL manual, "COPY", binary format): a signature and two zero words, then per row
/// the field count and each field as a length and its big-endian bytes (-1 for NULL), then -1.
struct BinaryCopyRows {
    private(set) var bytes: [UInt8] = []

    init() {
        bytes.reserveCapacity(1 << 17)
        bytes += Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00]
        append32(0)
        append32(0)
    }

    mutating func beginRow(fields: Int) { append16(UInt16(truncatingIfNeeded: fields)) }

    mutating func text(_ value: String) {
        let utf8 = value.utf8
        append32(UInt32(truncatingIfNeeded: utf8.count))
        bytes.append(contentsOf: utf8)
    }

    mutating func text(_ value: String?) {
        guard let value else { return null() }
        text(value)
    }

    mutating func int8(_ value: Int64) {
        append32(8)
        append64(UInt64(bitPattern: value))
    }

    mutating func int4(_ value: Int) {
        append32(4)
        append32(UInt32(bitPattern: Int32(truncatingIfNeeded: value)))
    }

    mutating func int4(_ value: Int?) {
        guard let value else { return null() }
        int4(value)
    }

    mutating func float8(_ value: Double) {
        append32(8)
        append64(value.bitPattern)
    }

    mutating func float8(_ value: Double?) {
        guard let value else { return null() }
        float8(value)
    }

    mutating func null() { append32(UInt32.max) }

    /// The trailer that ends the data.
    mutating func end() { append16(UInt16.max) }

    /// Hands the bytes gathered so far to the writer once there are enough of them.
    mutating func send(to writer: inout CopyInWriter, force: Bool = false) throws {
        guard force || bytes.count >= 1 << 16 else { return }
        try writer.writeRaw(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    private mutating func append16(_ value: UInt16) {
        bytes.append(UInt8(value >> 8))
        bytes.append(UInt8(value & 0xFF))
    }

    private mutating func append32(_ value: UInt32) {
        bytes.append(UInt8(value >> 24))
        bytes.append(UInt8((value >> 16) & 0xFF))
        bytes.append(UInt8((value >> 8) & 0xFF))
        bytes.append(UInt8(value & 0xFF))
    }

    private mutating func append64(_ value: UInt64) {
        append32(UInt32(value >> 32))
        append32(UInt32(value & 0xFFFF_FFFF))
    }
}
