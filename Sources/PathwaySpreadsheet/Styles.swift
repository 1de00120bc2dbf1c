import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads `xl/styles.xml` far enough to know which cell styles show numbers as dates.
///
/// A cell's `s` attribute indexes `<cellXfs>`; each `<xf>` names a number format by id, either
/// built in or defined by a `<numFmt>` in `<numFmts>`. Only those two lists matter here; the
/// `<numFmt>`s inside `<dxfs>` (conditional formats) and the `<xf>`s of `<cellStyleXfs>` are
/// skipped by tracking the enclosing list.
final class StylesHandler: SAXHandler {
    var failure: SpreadsheetError?
    private var customFormats: [Int: String] = [:]
    private var formatIDs: [Int] = []
    private var list = ""

    /// For each cell style index, whether its number format is a date or time format.
    var dateStyles: [Bool] {
        formatIDs.map { NumberFormat.isDate(id: $0, code: customFormats[$0]) }
    }

    func startElement(_ name: String, attributes: [String: String], parser: XMLParser) {
        switch name {
        case "numFmts", "cellXfs", "cellStyleXfs", "dxfs":
            list = name
        case "numFmt" where list == "numFmts":
            if let id = attributes["numFmtId"].flatMap({ Int($0) }), let code = attributes["formatCode"] {
                customFormats[id] = code
            }
        case "xf" where list == "cellXfs":
            formatIDs.append(attributes["numFmtId"].flatMap { Int($0) } ?? 0)
        default:
            break
        }
    }

    func endElement(_ name: String, parser: XMLParser) {
        switch name {
        case "numFmts", "cellXfs", "cellStyleXfs", "dxfs": list = ""
        default: break
        }
    }
}

/// Whether a number format shows a number as a date or time.
enum NumberFormat {
    /// Built-in ids that are dates or times: 14–22 and 45–47 everywhere; 27–36 and 50–58 in
    /// the Chinese, Japanese and Korean locales, where they are `yyyy"年"m"月"` and the like.
    /// (In other locales Excel never writes those ids.)
    static let builtInDateIDs: Set<Int> = Set(14...22).union(45...47).union(27...36).union(50...58)

    /// Whether the format with `id`, or the custom `code` defining it, is a date or time format.
    /// A custom code wins over the built-in meaning of its id.
    static func isDate(id: Int, code: String?) -> Bool {
        if let code { return isDate(code: code) }
        return builtInDateIDs.contains(id)
    }

    /// Whether a format code shows dates or times: it has a date or time token (`y`, `m`, `d`,
    /// `h`, `s`, `年`, `月`, `日`) outside quoted literals, backslash escapes, `_`/`*` padding and
    /// `[...]` brackets (colours, conditions, locales). Elapsed-time formats (`[h]:mm`) show a
    /// duration, not a point in time, and are numbers here. `General` has no such letter. `分`
    /// and `秒` are not tokens: a score format like `0分` must stay a number.
    static func isDate(code: String) -> Bool {
        var iterator = code.unicodeScalars.makeIterator()
        var found = false
        while let scalar = iterator.next() {
            switch scalar {
            case "\"":
                while let next = iterator.next(), next != "\"" {}
            case "\\", "_", "*":
                _ = iterator.next()
            case "[":
                var bracket = ""
                while let next = iterator.next(), next != "]" { bracket.unicodeScalars.append(next) }
                let lowered = bracket.lowercased()
                if !lowered.isEmpty, lowered.allSatisfy({ "hms".contains($0) }) { return false }
            case "y", "Y", "m", "M", "d", "D", "h", "H", "s", "S", "年", "月", "日":
                found = true
            default:
                break
            }
        }
        return found
    }
}
