/// Text made safe for XML 1.0 when writing parts by string building.
///
/// Markup characters are escaped; characters XML 1.0 forbids (C0 controls other than tab, LF
/// and CR; U+FFFE and U+FFFF) are dropped, because no parser would accept the part otherwise.
/// A carriage return is written as `&#13;` since parsers turn a literal one into LF.
enum XMLText {
    /// Appends `text` as element content. With `excelEscapes`, a literal `_xHHHH_` in the text is
    /// protected as `_x005F_xHHHH_` so that Excel (and this library's reader) does not decode it.
    static func appendContent(_ text: String, to output: inout String, excelEscapes: Bool = false) {
        guard needsWork(text, excelEscapes: excelEscapes) else {
            output += text
            return
        }
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\r": output += "&#13;"
            case "_" where excelEscapes && isEscapeLike(scalars, at: index): output += "_x005F_"
            default:
                if isAllowed(scalar) { output.unicodeScalars.append(scalar) }
            }
        }
    }

    /// Appends `text` as an attribute value in double quotes (without the quotes); tabs and
    /// line breaks are written as character references, which attribute normalisation keeps.
    static func appendAttribute(_ text: String, to output: inout String) {
        guard needsWork(text, excelEscapes: false) else {
            output += text
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "\r": output += "&#13;"
            case "\n": output += "&#10;"
            case "\t": output += "&#9;"
            default:
                if isAllowed(scalar) { output.unicodeScalars.append(scalar) }
            }
        }
    }

    /// `text` as attribute content, for building small parts.
    static func attribute(_ text: String) -> String {
        var output = ""
        appendAttribute(text, to: &output)
        return output
    }

    /// Whether `scalar` may appear in an XML 1.0 document at all.
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: true
        case 0..<0x20: false
        case 0xFFFE, 0xFFFF: false
        default: true
        }
    }

    /// Whether `text` holds anything that must be escaped or dropped: one pass over the bytes,
    /// so that the usual plain text is appended as it is.
    private static func needsWork(_ text: String, excelEscapes: Bool) -> Bool {
        var previous: UInt8 = 0
        var beforePrevious: UInt8 = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), 0x0D: return true
            case 0x09, 0x0A: break
            case 0..<0x20: return true
            // U+FFFE and U+FFFF are EF BF BE and EF BF BF.
            case 0xBE...0xBF: if previous == 0xBF && beforePrevious == 0xEF { return true }
            case UInt8(ascii: "x"), UInt8(ascii: "X"): if excelEscapes && previous == UInt8(ascii: "_") { return true }
            default: break
            }
            beforePrevious = previous
            previous = byte
        }
        return false
    }

    /// Whether `_xHHHH_` starts at `index`.
    private static func isEscapeLike(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        guard index + 6 < scalars.count, scalars[index + 1] == "x" || scalars[index + 1] == "X",
            scalars[index + 6] == "_"
        else { return false }
        return scalars[(index + 2)...(index + 5)].allSatisfy { $0.properties.isASCIIHexDigit }
    }
}
