/// Rough widths of text in an SVG, where nothing wraps: a label column must be wide enough for
/// its longest label, and a label too long for any column is shortened with "…" (the full text
/// stays in the tooltip).
enum TextWidth {
    /// Width at `fontSize` px: a Han character or other wide glyph is a full em, the rest about 0.6.
    static func estimate(_ text: String, fontSize: Double) -> Double {
        text.unicodeScalars.reduce(0) { $0 + (isWide($1) ? 1.0 : 0.6) } * fontSize
    }

    /// `text`, shortened with "…" to fit `width`.
    static func fitted(_ text: String, width: Double, fontSize: Double) -> String {
        guard estimate(text, fontSize: fontSize) > width else { return text }
        var characters = Array(text)
        while !characters.isEmpty, estimate(String(characters) + "…", fontSize: fontSize) > width {
            characters.removeLast()
        }
        return String(characters) + "…"
    }

    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value)
            || (0xAC00...0xD7A3).contains(value) || (0xF900...0xFAFF).contains(value)
            || (0xFE30...0xFE4F).contains(value) || (0xFF00...0xFF60).contains(value)
            || (0xFFE0...0xFFE6).contains(value) || (0x20000...0x3FFFD).contains(value)
    }
}
