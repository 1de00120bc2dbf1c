/// Reads the two JSON shapes students are stored with — `{"math": 78, ...}` (jsonb of numbers) and
/// `["P008", "70"]` (wishes) — without `JSONDecoder`, whose set-up per call made reading 20 000
/// students take over a second; `pathway match run` reads them on every run.
///
/// Returns nil for anything else, and callers then fall back to `JSONDecoder`, so an unexpected
/// form is never misread.
enum JSONTextScanner {
    /// `{"key": number, ...}` as key-value pairs in text order.
    static func numberObject(_ text: String) -> [(String, Double)]? {
        var scanner = Scanner(bytes: Array(text.utf8))
        guard scanner.take(UInt8(ascii: "{")) else { return nil }
        var members: [(String, Double)] = []
        if scanner.take(UInt8(ascii: "}")) { return scanner.atEnd ? members : nil }
        repeat {
            guard let key = scanner.string(), scanner.take(UInt8(ascii: ":")), let value = scanner.number() else { return nil }
            members.append((key, value))
        } while scanner.take(UInt8(ascii: ","))
        return scanner.take(UInt8(ascii: "}")) && scanner.atEnd ? members : nil
    }

    /// `["a", "b"]` in order.
    static func stringArray(_ text: String) -> [String]? {
        var scanner = Scanner(bytes: Array(text.utf8))
        guard scanner.take(UInt8(ascii: "[")) else { return nil }
        var elements: [String] = []
        if scanner.take(UInt8(ascii: "]")) { return scanner.atEnd ? elements : nil }
        repeat {
            guard let element = scanner.string() else { return nil }
            elements.append(element)
        } while scanner.take(UInt8(ascii: ","))
        return scanner.take(UInt8(ascii: "]")) && scanner.atEnd ? elements : nil
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        var atEnd: Bool {
            mutating get {
                skipSpace()
                return index == bytes.count
            }
        }

        mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        mutating func take(_ byte: UInt8) -> Bool {
            skipSpace()
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        /// A string without escapes other than `\"`, `\\`, `\/` and the control letters; `\u`
        /// escapes are left to `JSONDecoder` (nil).
        mutating func string() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            var out: [UInt8] = []
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return String(decoding: out, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard index < bytes.count else { return nil }
                    let escaped = bytes[index]
                    index += 1
                    switch escaped {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escaped)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    default: return nil
                    }
                default:
                    out.append(byte)
                }
            }
            return nil
        }

        mutating func number() -> Double? {
            skipSpace()
            let start = index
            while index < bytes.count {
                let byte = bytes[index]
                let numeric = (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
                    || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e")
                    || byte == UInt8(ascii: "E")
                guard numeric else { break }
                index += 1
            }
            guard index > start else { return nil }
            return Double(String(decoding: bytes[start..<index], as: UTF8.self))
        }
    }
}
