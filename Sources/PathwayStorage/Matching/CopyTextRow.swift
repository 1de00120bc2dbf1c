/// Reads one row of `COPY ... TO STDOUT` in PostgreSQL's text format: fields split by tabs,
/// `\N` for NULL, backslash escapes undone. Streaming rows this way keeps a 400 000-row export
/// from ever holding the whole result in memory.
enum CopyTextRow {
    static func fields(_ bytes: UnsafeRawBufferPointer) -> [String?] {
        var fields: [String?] = []
        var field: [UInt8] = []
        var isNull = false
        var index = 0
        let count = bytes.last == UInt8(ascii: "\n") ? bytes.count - 1 : bytes.count
        func finish() {
            fields.append(isNull ? nil : String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            isNull = false
        }
        while index < count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\t") {
                finish()
            } else if byte == UInt8(ascii: "\\"), index + 1 < count {
                index += 1
                switch bytes[index] {
                case UInt8(ascii: "N"): isNull = true
                case UInt8(ascii: "t"): field.append(UInt8(ascii: "\t"))
                case UInt8(ascii: "n"): field.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "r"): field.append(UInt8(ascii: "\r"))
                case UInt8(ascii: "b"): field.append(0x08)
                case UInt8(ascii: "f"): field.append(0x0C)
                case UInt8(ascii: "v"): field.append(0x0B)
                default: field.append(bytes[index])
                }
            } else {
                field.append(byte)
            }
            index += 1
        }
        finish()
        return fields
    }
}
