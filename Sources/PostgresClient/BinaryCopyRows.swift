/// Rows in PostgreSQL's binary `COPY` format, for bulk writes (a run's candidates, an import's
/// students): a double goes over as its eight bytes and a date as a day number, so neither side
/// formats or parses decimal text, and every stored figure is the computed one to the last bit.
///
/// Format (PostgreSQL manual, "COPY", binary format): a signature and two zero words, then per row
/// the field count and each field as a length and its big-endian bytes (-1 for NULL), then -1.
/// Each field is written in the receiving column's binary form (`float8send`, `date_send`,
/// `array_send`, `jsonb_send`); a mismatch is refused by the server, never stored.
public struct BinaryCopyRows {
    /// The rows so far, in the format `COPY ... FROM STDIN (FORMAT binary)` reads.
    public var bytes: [UInt8] { storage }

    // The methods that write a field are inlinable so that an import's per-row calls compile to
    // appends in the caller, not to calls across modules (a fifth of the client's time).
    @usableFromInline var storage: [UInt8] = []

    /// PostgreSQL's oid of `text`, the element type of a `text[]`.
    @usableFromInline static let textOID: UInt32 = 25
    /// PostgreSQL's oid of `double precision`, the element type of a `double precision[]`.
    @usableFromInline static let float8OID: UInt32 = 701

    public init() {
        storage.reserveCapacity(1 << 17)
        storage += Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00]
        append32(0)
        append32(0)
    }

    @inlinable
    public mutating func beginRow(fields: Int) { append16(UInt16(truncatingIfNeeded: fields)) }

    @inlinable
    public mutating func text(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            append32(UInt32(truncatingIfNeeded: utf8.count))
            storage.append(contentsOf: utf8)
        }
    }

    @inlinable
    public mutating func text(_ value: String?) {
        guard let value else { return null() }
        text(value)
    }

    @inlinable
    public mutating func int8(_ value: Int64) {
        append32(8)
        append64(UInt64(bitPattern: value))
    }

    @inlinable
    public mutating func int8(_ value: Int64?) {
        guard let value else { return null() }
        int8(value)
    }

    @inlinable
    public mutating func int2(_ value: Int) {
        append32(2)
        let bits = UInt16(bitPattern: Int16(truncatingIfNeeded: value))
        storage.append(UInt8(bits >> 8))
        storage.append(UInt8(bits & 0xFF))
    }

    @inlinable
    public mutating func int4(_ value: Int) {
        append32(4)
        append32(UInt32(bitPattern: Int32(truncatingIfNeeded: value)))
    }

    @inlinable
    public mutating func int4(_ value: Int?) {
        guard let value else { return null() }
        int4(value)
    }

    @inlinable
    public mutating func float8(_ value: Double) {
        append32(8)
        append64(value.bitPattern)
    }

    @inlinable
    public mutating func float8(_ value: Double?) {
        guard let value else { return null() }
        float8(value)
    }

    @inlinable
    public mutating func bool(_ value: Bool) {
        append32(1)
        storage.append(value ? 1 : 0)
    }

    /// A `date`: days since 2000-01-01 in the proleptic Gregorian calendar.
    @inlinable
    public mutating func date(year: Int, month: Int, day: Int) {
        append32(4)
        append32(UInt32(bitPattern: Int32(truncatingIfNeeded: Self.daysSince2000(year: year, month: month, day: day))))
    }

    /// A `text[]` of one dimension (an empty array has none), with no NULL elements.
    @inlinable
    public mutating func textArray(_ elements: some Collection<String>) {
        field { rows in
            rows.arrayHeader(count: elements.count, elementType: Self.textOID)
            for element in elements { rows.text(element) }
        }
    }

    /// A `double precision[]` of one dimension (an empty array has none), with no NULL elements.
    @inlinable
    public mutating func float8Array(_ elements: some Collection<Double>) {
        field { rows in
            rows.arrayHeader(count: elements.count, elementType: Self.float8OID)
            for element in elements { rows.float8(element) }
        }
    }

    /// A `double precision[]` of one dimension whose elements may be NULL.
    @inlinable
    public mutating func float8Array(optionals elements: some Collection<Double?>) {
        field { rows in
            rows.append32(elements.count == 0 ? 0 : 1)
            rows.append32(elements.contains(nil) ? 1 : 0)
            rows.append32(Self.float8OID)
            if !elements.isEmpty {
                rows.append32(UInt32(truncatingIfNeeded: elements.count))
                rows.append32(1)
            }
            for element in elements { rows.float8(element) }
        }
    }

    /// A `jsonb` value: the version byte, then JSON text that `body` appends with `appendJSON...`.
    @inlinable
    public mutating func jsonb(_ body: (inout BinaryCopyRows) -> Void) {
        field { rows in
            rows.storage.append(1)
            body(&rows)
        }
    }

    /// Appends raw JSON text inside `jsonb(_:)`.
    @inlinable
    public mutating func appendJSON(_ text: StaticString) {
        text.withUTF8Buffer { storage.append(contentsOf: $0) }
    }

    /// Appends a JSON string literal inside `jsonb(_:)`, escaped as RFC 8259 requires.
    @inlinable
    public mutating func appendJSONString(_ value: String) {
        storage.append(UInt8(ascii: "\""))
        var value = value
        let plain = value.withUTF8 { utf8 in
            guard !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
                return false
            }
            storage.append(contentsOf: utf8)
            return true
        }
        if !plain { appendEscaped(value) }
        storage.append(UInt8(ascii: "\""))
    }

    @usableFromInline mutating func appendEscaped(_ value: String) {
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): storage += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): storage += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                storage += [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")]
                storage += [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: storage.append(byte)
            }
        }
    }

    /// Appends a JSON number inside `jsonb(_:)` (`null` for infinity or NaN, which JSON lacks).
    ///
    /// Whole numbers and those with one or two decimals (every mark on a report card) are written
    /// digit by digit. Such text reads back as the same double: if `Double(n) / 10^k == value`,
    /// the decimal `n / 10^k` rounds to `value` too, because IEEE division rounds correctly.
    /// Anything else takes Swift's shortest round-tripping form.
    @inlinable
    public mutating func appendJSONNumber(_ value: Double) {
        guard value.isFinite else { return appendJSON("null") }
        if appendDecimal(value, scale: 1, fractionDigits: 0) || appendDecimal(value, scale: 10, fractionDigits: 1)
            || appendDecimal(value, scale: 100, fractionDigits: 2) {
            return
        }
        storage.append(contentsOf: "\(value)".utf8)
    }

    @inlinable
    public mutating func null() { append32(UInt32.max) }

    /// Takes back the last `count` bytes: a row the caller decided, once it was written, not to
    /// send after all (call it before `send(to:)`).
    @inlinable
    public mutating func removeLast(_ count: Int) { storage.removeLast(count) }

    /// The trailer that ends the data.
    public mutating func end() { append16(UInt16.max) }

    /// Hands the bytes gathered so far to the writer once there are enough of them.
    public mutating func send(to writer: inout CopyInWriter, force: Bool = false) throws(PostgresError) {
        guard force || storage.count >= 1 << 16 else { return }
        try writer.writeRaw(storage)
        storage.removeAll(keepingCapacity: true)
    }

    // MARK: Plumbing

    /// Writes a field whose length is known only once `body` has appended it.
    @usableFromInline mutating func field(_ body: (inout BinaryCopyRows) -> Void) {
        let start = storage.count
        append32(0)
        body(&self)
        let length = UInt32(truncatingIfNeeded: storage.count - start - 4)
        storage[start] = UInt8(length >> 24)
        storage[start + 1] = UInt8((length >> 16) & 0xFF)
        storage[start + 2] = UInt8((length >> 8) & 0xFF)
        storage[start + 3] = UInt8(length & 0xFF)
    }

    /// Writes `value` with `fractionDigits` decimals if `value * scale` is whole and reads back
    /// exactly; returns whether it did.
    @usableFromInline mutating func appendDecimal(_ value: Double, scale: Double, fractionDigits: Int) -> Bool {
        let scaled = value * scale
        guard scaled.magnitude < 1e15, scaled == scaled.rounded(), Double(Int64(scaled)) / scale == value else {
            return false
        }
        let whole = Int64(scaled)
        if whole < 0 { storage.append(UInt8(ascii: "-")) }
        let start = storage.count
        var magnitude = whole.magnitude
        var written = 0
        repeat {
            if written == fractionDigits, fractionDigits > 0 { storage.append(UInt8(ascii: ".")) }
            storage.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
            written += 1
        } while magnitude > 0 || written <= fractionDigits
        storage[start...].reverse()
        return true
    }

    /// `array_send`'s header: dimensions, no NULLs, the element type, and the one dimension's
    /// length and lower bound (1).
    @usableFromInline mutating func arrayHeader(count: Int, elementType: UInt32) {
        append32(count == 0 ? 0 : 1)
        append32(0)
        append32(elementType)
        if count > 0 {
            append32(UInt32(truncatingIfNeeded: count))
            append32(1)
        }
    }

    /// Days from 2000-01-01 (PostgreSQL's epoch) to the given day (H. Hinnant's `days_from_civil`).
    @usableFromInline static func daysSince2000(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468 - 10_957
    }

    @usableFromInline mutating func append16(_ value: UInt16) {
        storage.append(UInt8(value >> 8))
        storage.append(UInt8(value & 0xFF))
    }

    @usableFromInline mutating func append32(_ value: UInt32) {
        withUnsafeBytes(of: value.bigEndian) { storage.append(contentsOf: $0) }
    }

    @usableFromInline mutating func append64(_ value: UInt64) {
        withUnsafeBytes(of: value.bigEndian) { storage.append(contentsOf: $0) }
    }
}
