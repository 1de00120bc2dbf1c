/// Text made safe to put in HTML: element content, quoted attribute values and SVG text alike.
/// The report and the letters both escape through it.
///
/// Every name in the report comes from a spreadsheet someone typed (`<`, `&` and quotes happen
/// in real programme names), so every piece of data goes through `escaped` before it meets
/// markup; markup written by the report itself never does.
public enum HTMLText {
    /// Escapes `& < > " '`; NUL, which HTML forbids, becomes U+FFFD.
    public static func escaped(_ text: String) -> String {
        // Most names hold none of these: answer them without building a copy.
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 || $0 == 0 })
        else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\u{0}": result += "\u{FFFD}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
