import PathwayCore

/// File names for letters that are safe whatever a student's name or a reference holds.
///
/// Names are typed by people and imported from spreadsheets: `../x`, `a/b`, a newline or a
/// right-to-left override must not move a file out of the output folder or hide its extension.
/// Only letters and digits of any script (Chinese names stay readable), combining marks, `-`,
/// `_` and the middle dot of minority names (`阿依古丽·买买提`) are kept; anything else becomes
/// `_`. No part can begin with a dot or contain one, so no name is hidden or climbs a folder.
public enum LetterFileName {
    /// Longest name part kept, in characters and in UTF-8 bytes, so that the whole name (two
    /// parts and at most 30 bytes more) stays below the 255 bytes file systems allow, whatever
    /// the script: 40 Chinese characters are 120 bytes, and one letter with 300 combining marks
    /// over it would be 601 bytes on its own.
    public static let maximumPart = 40
    public static let maximumPartBytes = 100

    /// `R2026-0001_school_杨安洁.zh.html`: reference first (it makes the name unique and sorts
    /// letters by referral), then kind, student, language and format.
    public static func name(
        referenceNumber: String, kind: LetterKind, studentName: String, language: Language, format: LetterFormat
    ) -> String {
        let reference = safePart(referenceNumber, fallback: "letter")
        let student = safePart(studentName, fallback: "student")
        return "\(reference)_\(kind.rawValue)_\(student).\(language.rawValue).\(format.fileExtension)"
    }

    /// `text` with every unsafe character replaced by `_`, runs of `_` folded, towers of accents
    /// levelled (`CombiningMarks`), trimmed of `_` and `-` at both ends, and cut to `limit`
    /// characters and `maximumPartBytes` bytes; `fallback` when nothing is left.
    public static func safePart(_ text: String, fallback: String, limit: Int = maximumPart) -> String {
        var result = ""
        var lastWasUnderscore = false
        for character in CombiningMarks.levelled(text) {
            let keep = character.unicodeScalars.allSatisfy(isSafe) && isSafe(firstOf: character)
            if keep {
                result.append(character)
                lastWasUnderscore = character == "_"
            } else if !lastWasUnderscore {
                result.append("_")
                lastWasUnderscore = true
            }
        }
        var trimmed = Substring(result)
        while let first = trimmed.first, first == "_" || first == "-" { trimmed.removeFirst() }
        while let last = trimmed.last, last == "_" || last == "-" { trimmed.removeLast() }
        var cut = ""
        var bytes = 0
        for character in trimmed.prefix(limit) {
            bytes += character.utf8.count
            guard bytes <= maximumPartBytes else { break }
            cut.append(character)
        }
        var clean = Substring(cut)
        while let last = clean.last, last == "_" || last == "-" { clean.removeLast() }
        return clean.isEmpty ? fallback : String(clean)
    }

    private static func isSafe(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "-" || scalar == "_" || scalar == "\u{00B7}" { return true }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .nonspacingMark, .spacingMark, .enclosingMark:
            return true
        default:
            return false
        }
    }

    /// A character must start with a letter, digit or the allowed punctuation, never a bare mark.
    private static func isSafe(firstOf character: Character) -> Bool {
        guard let first = character.unicodeScalars.first else { return false }
        switch first.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return false
        default: return true
        }
    }
}
