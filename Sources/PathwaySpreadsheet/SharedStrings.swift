import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads `xl/sharedStrings.xml` into the table that `t="s"` cells index.
///
/// An item is either one `<t>` or rich text, runs `<r><t>…</t></r>` whose texts are joined;
/// `<rPh>` phonetic runs (furigana, pinyin guides) are not part of the cell's text and are left
/// out, as Excel does when it shows the cell.
final class SharedStringsHandler: SAXHandler {
    var strings: [String] = []
    var failure: SpreadsheetError?
    private var text = ""
    private var inItem = false
    private var inText = false
    private var phoneticDepth = 0

    func startElement(_ name: String, attributes: [String: String], parser: XMLParser) {
        switch name {
        case "si":
            inItem = true
            text = ""
        case "t" where inItem && phoneticDepth == 0:
            inText = true
        case "rPh":
            phoneticDepth += 1
        default:
            break
        }
    }

    func endElement(_ name: String, parser: XMLParser) {
        switch name {
        case "si":
            strings.append(ExcelText.decodingEscapes(text))
            inItem = false
        case "t":
            inText = false
        case "rPh":
            phoneticDepth -= 1
        default:
            break
        }
    }

    func characters(_ string: String) {
        if inText { text += string }
    }
}

/// Excel's escapes inside string content.
enum ExcelText {
    /// Decodes `_xHHHH_` escapes, which Excel writes for characters XML cannot carry (`_x000D_`
    /// for a carriage return, `_x0001_`) and for a literal `_x` sequence (`_x005F_` is `_`).
    /// A UTF-16 surrogate pair written as two escapes becomes one character; an escape that is
    /// not a valid character is left as it was.
    static func decodingEscapes(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.count >= 7, hasEscape(utf8) else { return text }
        let bytes = Array(utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        var pendingHighSurrogate: UInt32?
        while index < bytes.count {
            if let unit = escape(in: bytes, at: index) {
                if let high = pendingHighSurrogate {
                    pendingHighSurrogate = nil
                    if (0xDC00...0xDFFF).contains(unit) {
                        let scalar = 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00)
                        if let value = Unicode.Scalar(scalar) { append(value, to: &result) }
                        index += 7
                        continue
                    }
                    result.append(contentsOf: bytes[(index - 7)..<index])
                }
                if (0xD800...0xDBFF).contains(unit) {
                    pendingHighSurrogate = unit
                } else if let value = Unicode.Scalar(unit) {
                    append(value, to: &result)
                } else {
                    result.append(contentsOf: bytes[index..<(index + 7)])
                }
                index += 7
                continue
            }
            if pendingHighSurrogate != nil {
                pendingHighSurrogate = nil
                result.append(contentsOf: bytes[(index - 7)..<index])
            }
            result.append(bytes[index])
            index += 1
        }
        if pendingHighSurrogate != nil { result.append(contentsOf: bytes[(bytes.count - 7)...]) }
        return String(decoding: result, as: UTF8.self)
    }

    /// Whether `utf8` contains `_x` at all: the common case, no escapes, costs one scan.
    private static func hasEscape(_ utf8: String.UTF8View) -> Bool {
        var previousWasUnderscore = false
        for byte in utf8 {
            if previousWasUnderscore && (byte == UInt8(ascii: "x") || byte == UInt8(ascii: "X")) { return true }
            previousWasUnderscore = byte == UInt8(ascii: "_")
        }
        return false
    }

    /// The UTF-16 code unit of an `_xHHHH_` escape starting at `index`, if there is one.
    private static func escape(in bytes: [UInt8], at index: Int) -> UInt32? {
        guard index + 7 <= bytes.count, bytes[index] == UInt8(ascii: "_"),
            bytes[index + 1] == UInt8(ascii: "x") || bytes[index + 1] == UInt8(ascii: "X"),
            bytes[index + 6] == UInt8(ascii: "_")
        else { return nil }
        var value: UInt32 = 0
        for byte in bytes[(index + 2)..<(index + 6)] {
            guard let digit = hexDigit(byte) else { return nil }
            value = value << 4 | digit
        }
        return value
    }

    private static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private static func append(_ scalar: Unicode.Scalar, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: String(Character(scalar)).utf8)
    }
}
