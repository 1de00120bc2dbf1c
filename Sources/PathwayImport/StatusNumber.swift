import PathwayCore

/// The national student-status number (全国学籍号) that the student-status system gives every
/// pupil, as counties export it in `student_id`: a letter and 18 characters.
///
/// - `G` and the pupil's resident ID number (居民身份证号): 17 digits and a check character (a
///   digit or `X`) computed with ISO 7064 MOD 11-2. Digits 7 to 14 of the ID number are the
///   birth date, which must be a day of the calendar from 1990 to 2100 (a fixed range, so that
///   checking stays pure and does not depend on the clock).
/// - `J`, the number given to a pupil who has no ID number, and `L`, a temporary number: 18
///   digits, the last of which may be `X`. Their check scheme is not public, so only their
///   length and characters are checked.
///
/// Full-width input from Chinese input methods (`Ｇ５２…`) and lower-case letters (`g…x`) are
/// accepted; the normalised form has an upper-case letter and an upper-case `X`.
public enum StatusNumber {
    /// Characters after the letter.
    static let bodyLength = 18
    /// The letter and the 18 characters.
    static let length = 19
    /// The years an ID number's birth date may fall in.
    static let birthYears = 1990...2100

    /// ISO 7064 MOD 11-2 weights of the first 17 digits of a resident ID number.
    private static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    /// The check character for each remainder of the weighted sum modulo 11.
    private static let checkCharacters: [UInt8] = Array("10X98765432".utf8)

    /// Whether `text` is shaped like a status number, for deciding whether a student_id should
    /// be checked as one: a leading G, J or L (either case) followed by 17 or more characters
    /// that are digits (or a final X).
    ///
    /// Seventeen rather than eighteen, so that a number with a digit missing is still checked
    /// (and refused for its length) instead of passing for a county's own id.
    public static func looksLikeOne(_ text: String) -> Bool {
        var normal = text.halfWidth.trimmedForImport
        return normal.withUTF8 { bytes in
            guard bytes.count >= 1 + 17, let first = bytes.first, upperCaseLetter(first) != nil else {
                return false
            }
            let last = bytes.count - 1
            for index in 1..<bytes.count {
                let byte = bytes[index]
                if ImportBytes.isDigit(byte) { continue }
                if index == last, byte | 0x20 == UInt8(ascii: "x") { continue }
                return false
            }
            return true
        }
    }

    /// A student id as every importer reads it: one shaped like a 学籍号 is checked and
    /// normalised as one, anything else is an ordinary id.
    public static func studentID(_ text: String) -> Result<String, ValueError> {
        looksLikeOne(text) ? parse(text) : ValueParser.identifier(text)
    }

    /// Parses and checks: returns the normalised form (upper-case letter prefix, upper-case X)
    /// or a ValueError with English and Chinese messages.
    public static func parse(_ text: String) -> Result<String, ValueError> {
        let normal = text.halfWidth.trimmedForImport
        if ValueParser.looksLikeScientificNotation(normal), case .failure(let error) = ValueParser.identifier(normal) {
            // The same words the id parser uses for the same accident.
            return .failure(error)
        }
        let characters = Array(normal)
        guard let first = characters.first, let ascii = first.asciiValue, let prefix = upperCaseLetter(ascii) else {
            return .failure(
                ValueError(
                    "is not a national student number (G, J or L and 18 characters)",
                    "不是全国学籍号（应为 G、J 或 L 加 18 位）"))
        }
        let isG = prefix == UInt8(ascii: "G")
        let letter = String(Character(Unicode.Scalar(prefix)))

        // Characters first: a stray letter or blank explains a wrong length too.
        let lastOffset = characters.count - 2
        for (offset, character) in characters.dropFirst().enumerated() {
            if let value = character.asciiValue,
               ImportBytes.isDigit(value) || (offset == lastOffset && value | 0x20 == UInt8(ascii: "x")) {
                continue
            }
            let position = offset + 2
            let shown = String(character)
            return .failure(
                ValueError(
                    "has \(ImportIssue.quoted(shown)) at position \(position), which is not a digit "
                        + "(only the last character may be X)",
                    "中第 \(position) 位的\(ImportIssue.chineseQuoted(shown))不是数字（只有最后一位可以是 X）"))
        }

        guard characters.count == length else {
            let (english, chinese) =
                isG
                ? ("G and the 18-character ID number", "G 加 18 位身份证号")
                : ("\(letter) and 18 digits", "\(letter) 加 18 位数字")
            return .failure(
                ValueError(
                    "has \(characters.count) characters where \(length) are expected (\(english))",
                    "应为 \(length) 位（\(chinese)），实际为 \(characters.count) 位"))
        }

        // Every character is ASCII now: the letter, 17 digits and a digit or X.
        var bytes: [UInt8] = [prefix]
        bytes.reserveCapacity(length)
        for character in characters.dropFirst() {
            let value = character.asciiValue ?? UInt8(ascii: "0")
            bytes.append(value == UInt8(ascii: "x") ? UInt8(ascii: "X") : value)
        }
        if isG, let error = idNumberError(bytes) { return .failure(error) }
        return .success(String(decoding: bytes, as: UTF8.self))
    }

    /// What is wrong with the resident ID number in `bytes[1...18]` (a `G` number whose
    /// characters and length are already checked), or nil.
    private static func idNumberError(_ bytes: [UInt8]) -> ValueError? {
        func number(_ range: Range<Int>) -> Int {
            range.reduce(0) { $0 * 10 + Int(bytes[$1] &- 0x30) }
        }
        // ID digits 7 to 14 are the number's characters 8 to 15.
        let birthRange = 7..<15
        let birth = String(decoding: bytes[birthRange], as: UTF8.self)
        let year = number(7..<11)
        guard CalendarDate(year: year, month: number(11..<13), day: number(13..<15)) != nil else {
            return ValueError(
                "has the birth date \(birth) (digits 7 to 14 of the ID number), which is not a day of the calendar",
                "中的出生日期 \(birth)（身份证号第 7 到 14 位）不是日历上有的日子")
        }
        guard birthYears.contains(year) else {
            return ValueError(
                "has the birth date \(birth) (digits 7 to 14 of the ID number), "
                    + "which is not between \(birthYears.lowerBound) and \(birthYears.upperBound)",
                "中的出生日期 \(birth)（身份证号第 7 到 14 位）不在 \(birthYears.lowerBound) 到 \(birthYears.upperBound) 年之间")
        }
        var sum = 0
        for (index, weight) in weights.enumerated() {
            sum += Int(bytes[index + 1] &- 0x30) * weight
        }
        guard bytes[bodyLength] == checkCharacters[sum % 11] else {
            return ValueError(
                "has a last character that does not match the ID number's check digit; check for a mistyped digit",
                "的最后一位与身份证号的校验码不符；请检查是否有数字输错")
        }
        return nil
    }

    /// `G`, `J` or `L` for that letter in either case, else nil.
    private static func upperCaseLetter(_ byte: UInt8) -> UInt8? {
        switch byte | 0x20 {
        case UInt8(ascii: "g"), UInt8(ascii: "j"), UInt8(ascii: "l"): return byte & 0xDF
        default: return nil
        }
    }
}
