/// Accents stacked over one letter: a real name carries one or two (Vietnamese tones, pinyin
/// with tone marks written as combining characters), a "Zalgo" text hundreds, which print as a
/// tower over the lines around it and make a file name longer than a file system allows.
public enum CombiningMarks {
    /// The most marks in a row a name keeps.
    public static let maximumRun = 4

    /// A combining diacritical mark of the blocks such towers are built from. Checked by value,
    /// without the scalar's Unicode properties, because imports ask it of every character.
    public static func isStacking(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0300...0x036F, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x20D0...0x20FF, 0xFE20...0xFE2F: true
        default: false
        }
    }

    /// Whether `text` holds a run of more than `maximumRun` stacking marks.
    public static func hasTower(_ text: String) -> Bool {
        var run = 0
        for scalar in text.unicodeScalars {
            run = isStacking(scalar) ? run + 1 : 0
            if run > maximumRun { return true }
        }
        return false
    }

    /// `text` with every run of stacking marks cut to `maximumRun`.
    public static func levelled(_ text: String) -> String {
        guard hasTower(text) else { return text }
        var result = String.UnicodeScalarView()
        var run = 0
        for scalar in text.unicodeScalars {
            run = isStacking(scalar) ? run + 1 : 0
            if run <= maximumRun { result.append(scalar) }
        }
        return String(result)
    }
}
