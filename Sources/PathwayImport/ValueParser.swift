import PathwayCore

/// Parsers for the kinds of values the schools, programs and students files share.
///
/// Each takes a cell's text, already trimmed and non-empty (as `CSVRecord` passes it: an empty
/// cell means "absent" and never reaches a parser), and returns the value or a `ValueError`
/// naming what was expected, so that every file reports the same mistake in the same words.
/// Full-width digits and punctuation from Chinese input methods (`９２`, `：`, `；`) are read as
/// their ASCII forms wherever the value is a number, code or list.
public enum ValueParser {
    /// Longest id accepted; the national student number has 19 characters.
    public static let maximumIdentifierLength = 64

    // MARK: Text

    /// An id (`student_id`, `school_id`, `program_id`): one line, at most 64 characters, and
    /// not a long number that Excel has rewritten in scientific notation (`5.22E+17`), which
    /// is how student numbers get destroyed when a column is not formatted as text.
    public static func identifier(_ text: String) -> Result<String, ValueError> {
        if text.isEmpty { return .failure(ValueError("is empty; expected an id", "为空；应填写编号")) }
        var sawNonASCII = false
        var previous: UInt8 = 0
        for byte in text.utf8 {
            // C0 controls, DEL, and C1 controls (C2 80 to C2 9F).
            if byte < 0x20 || byte == 0x7F || (previous == 0xC2 && (0x80...0x9F).contains(byte)) {
                return .failure(
                    ValueError(
                        "contains a line break or control character; expected an id", "含有换行符或控制字符；应填写编号"))
            }
            if byte >= 0x80 { sawNonASCII = true }
            previous = byte
        }
        let length = sawNonASCII ? text.count : text.utf8.count
        if length > maximumIdentifierLength {
            return .failure(
                ValueError(
                    "is longer than \(maximumIdentifierLength) characters; expected an id",
                    "超过 \(maximumIdentifierLength) 个字符；应填写编号"))
        }
        if !sawNonASCII, looksLikeScientificNotation(text) {
            return .failure(
                ValueError(
                    "looks like a number Excel rewrote in scientific notation; "
                        + "format the column as text and enter the ids again",
                    "像是被 Excel 改写成科学计数法的数字；请把这一列设置为文本格式，再重新填写编号"))
        }
        return .success(text)
    }

    /// The longest text each kind of column takes, in characters, so that one runaway cell (a
    /// whole file pasted into a name) is refused with its row instead of filling every listing
    /// and letter. Documented in `docs/data-formats.md`.
    public enum TextLimit: Sendable, CaseIterable {
        /// A person's name (student, guardian, contact): 50.
        case personName
        /// A township or village: 50.
        case placeName
        /// A school's, programme's or county's name: 100.
        case institutionName
        /// An address: 200.
        case address
        /// A phone number or an e-mail address: 254.
        case contact
        /// Notes and descriptions (line breaks allowed): 2,000.
        case paragraph

        /// The limit in characters.
        public var characters: Int {
            switch self {
            case .personName, .placeName: 50
            case .institutionName: 100
            case .address: 200
            case .contact: 254
            case .paragraph: 2000
            }
        }
    }

    /// A one-line text of at most `limit` characters, without control characters (an ESC would
    /// reach staff terminals) or bidirectional controls (a right-to-left override would reverse
    /// what a letter shows).
    public static func line(_ limit: TextLimit) -> (String) -> Result<String, ValueError> {
        { text in checkedText(text, limit: limit, lineBreaks: false) }
    }

    /// Like `line`, but line breaks and tabs are kept (notes, descriptions).
    public static func paragraph(_ text: String) -> Result<String, ValueError> {
        checkedText(text, limit: .paragraph, lineBreaks: true)
    }

    /// A township's or village's name.
    public static func placeName(_ text: String) -> Result<String, ValueError> {
        checkedText(text, limit: .placeName, lineBreaks: false)
    }

    private static func checkedText(_ text: String, limit: TextLimit, lineBreaks: Bool) -> Result<String, ValueError> {
        var count = 0
        var marks = 0
        for scalar in text.unicodeScalars {
            count += 1
            marks = CombiningMarks.isStacking(scalar) ? marks + 1 : 0
            if marks > CombiningMarks.maximumRun {
                return .failure(
                    ValueError(
                        "stacks more than \(CombiningMarks.maximumRun) accents on one letter",
                        "在一个字上叠加了超过 \(CombiningMarks.maximumRun) 个附加符号"))
            }
            let value = scalar.value
            if value == 0 {
                return .failure(ValueError("contains a NUL character (a damaged file?)", "含有空字符（NUL，文件可能已损坏）"))
            }
            // C0 controls, DEL and C1 controls (Unicode's Cc).
            if value < 0x20 || (0x7F...0x9F).contains(value), !(lineBreaks && (value == 0x0A || value == 0x09)) {
                return .failure(
                    lineBreaks
                        ? ValueError("contains a control character", "含有控制字符")
                        : ValueError("contains a line break or control character", "含有换行符或控制字符"))
            }
            if BidirectionalControls.contains(scalar) {
                return .failure(
                    ValueError(
                        "contains a bidirectional control character (U+\(String(value, radix: 16, uppercase: true))), which reorders text",
                        "含有改变文字方向的控制字符（U+\(String(value, radix: 16, uppercase: true))）"))
            }
        }
        // Scalars bound characters from above: count characters only when it could matter.
        if count > limit.characters, text.count > limit.characters {
            return .failure(
                ValueError(
                    "is longer than \(limit.characters) characters (\(text.count))",
                    "超过 \(limit.characters) 个字符（共 \(text.count) 个）"))
        }
        return .success(text)
    }

    /// A `program_id`: an id that is not a two-digit number, because in a wish list two digits
    /// mean a catalogue category (`71`), and the programme could never be wished for.
    public static func programIdentifier(_ text: String) -> Result<String, ValueError> {
        identifier(text).flatMap { id in
            id.utf8.count == 2 && id.utf8.allSatisfy(ImportBytes.isDigit)
                ? .failure(
                    ValueError(
                        "is a two-digit number, which a wish list reads as a catalogue category; use another id",
                        "是两位数字，而志愿中的两位数字会被当作专业大类代码；请换一个编号"))
                : .success(id)
        }
    }

    // MARK: Booleans

    /// `true/false`, `1/0`, `yes/no`, `y/n`, `是/否` (case-insensitive).
    public static func boolean(_ text: String) -> Result<Bool, ValueError> {
        let normal = text.halfWidth
        switch singleScalar(normal) {
        case "是": return .success(true)
        case "否": return .success(false)
        default: break
        }
        switch normal.utf8.count <= 5 ? normal.lowercased() : "" {
        case "true", "1", "yes", "y": return .success(true)
        case "false", "0", "no", "n": return .success(false)
        default:
            return .failure(
                ValueError(
                    "is not a yes/no value (expected true/false, 1/0, yes/no, y/n or 是/否)",
                    "不是有效的是/否值（应填写 true/false、1/0、yes/no、y/n 或 是/否）"))
        }
    }

    // MARK: Numbers

    /// A decimal number (`78`, `78.5`, `-3`, `1.5e2`); `NaN`, infinities, hexadecimal and
    /// thousands separators are refused.
    public static func number(_ text: String) -> Result<Double, ValueError> {
        var normal = text.halfWidth
        guard let value = normal.withUTF8(ImportBytes.decimalValue) else {
            return .failure(ValueError("is not a number", "不是数字"))
        }
        guard value.isFinite else { return .failure(ValueError("is not a finite number", "不是有效的数字（数值太大）")) }
        return .success(value)
    }

    /// A number that must not be negative (a score, a minimum score).
    public static func nonNegativeNumber(_ text: String) -> Result<Double, ValueError> {
        number(text).flatMap { value in
            value >= 0
                ? .success(value)
                : .failure(ValueError("is negative; expected a number ≥ 0", "是负数；应填写不小于 0 的数"))
        }
    }

    /// A whole number (`30`; `30.0` too, as spreadsheets sometimes write integers).
    public static func integer(_ text: String) -> Result<Int, ValueError> {
        var normal = Substring(text.halfWidth)
        if let dot = normal.firstIndex(of: "."),
           normal[normal.index(after: dot)...].allSatisfy({ $0 == "0" }) {
            normal = normal[..<dot]
        }
        let digits = normal.first == "-" || normal.first == "+" ? normal.dropFirst() : normal
        guard !digits.isEmpty, digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
            return .failure(ValueError("is not a whole number", "不是整数"))
        }
        guard let value = Int(normal) else { return .failure(ValueError("is too large a number", "数字太大")) }
        return .success(value)
    }

    /// A whole number ≥ 0 (seats).
    public static func nonNegativeInteger(_ text: String) -> Result<Int, ValueError> {
        integer(text).flatMap { value in
            value >= 0
                ? .success(value)
                : .failure(ValueError("is negative; expected a whole number ≥ 0", "是负数；应填写不小于 0 的整数"))
        }
    }

    /// A number of seats: a whole number from 0 to 100,000 (more is a typing error, and would
    /// not fit the database's column).
    public static func seats(_ text: String) -> Result<Int, ValueError> {
        nonNegativeInteger(text).flatMap { value in
            value <= 100_000
                ? .success(value)
                : .failure(
                    ValueError(
                        "is more seats than a programme can have (at most 100000)",
                        "超过了一个专业能有的计划数（最多 100000）"))
        }
    }

    /// An admission batch (批次), in `Program.batches`: `2`, `第二批`, `第2批` or `二批`.
    public static func batch(_ text: String) -> Result<Int, ValueError> {
        var core = Substring(text.halfWidth)
        if core.hasPrefix("第") { core = core.dropFirst() }
        if core.hasSuffix("批次") { core = core.dropLast(2) } else if core.hasSuffix("批") { core = core.dropLast() }
        let numerals: [String: Int] = ["一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]
        let batches = Program.batches
        if let value = numerals[String(core)] ?? Int(core), batches.contains(value) { return .success(value) }
        return .failure(ValueError(
            "is not an admission batch from \(batches.lowerBound) to \(batches.upperBound) (such as 1 or 第一批)",
            "不是 \(batches.lowerBound) 到 \(batches.upperBound) 的录取批次（例如 1 或 第一批）"))
    }

    /// The year a student leaves junior school (the cohort), in `Student.graduationYears`.
    public static func graduationYear(_ text: String) -> Result<Int, ValueError> {
        let years = Student.graduationYears
        return integer(text).flatMap { value in
            years.contains(value)
                ? .success(value)
                : .failure(ValueError(
                    "is not a year between \(years.lowerBound) and \(years.upperBound)",
                    "不是 \(years.lowerBound) 到 \(years.upperBound) 之间的年份"))
        }
    }

    /// A latitude in degrees, −90 to 90 (WGS 84, as map apps show it).
    public static func latitude(_ text: String) -> Result<Double, ValueError> {
        number(text).flatMap { value in
            if (-90...90).contains(value) { return .success(value) }
            let swapped = (-180...180).contains(value)
            let hint = swapped ? "; are latitude and longitude swapped?" : ""
            let chineseHint = swapped ? "；是不是把纬度和经度填反了？" : ""
            return .failure(
                ValueError(
                    "is out of range for a latitude (-90 to 90)" + hint, "超出了纬度的范围（-90 到 90）" + chineseHint))
        }
    }

    /// A longitude in degrees, −180 to 180.
    public static func longitude(_ text: String) -> Result<Double, ValueError> {
        number(text).flatMap { value in
            (-180...180).contains(value)
                ? .success(value)
                : .failure(ValueError("is out of range for a longitude (-180 to 180)", "超出了经度的范围（-180 到 180）"))
        }
    }

    // MARK: Dates

    /// `YYYY-MM-DD`, `YYYY/M/D` (how Excel in China writes dates), also `YYYY.M.D` and
    /// `YYYY年M月D日`. Stricter than `CalendarDate(parsing:)`: one separator kind, digits only.
    public static func date(_ text: String) -> Result<CalendarDate, ValueError> {
        let expected = "is not a date (expected YYYY-MM-DD or YYYY/M/D)"
        let chineseExpected = "不是日期（应写成 YYYY-MM-DD 或 YYYY/M/D）"
        if let (year, month, day) = asciiDateParts(text) {
            guard let date = CalendarDate(year: year, month: month, day: day) else {
                return .failure(ValueError("is not a day of the calendar", "不是日历上有的日子"))
            }
            return .success(date)
        }
        let normal = text.halfWidth
        var parts: [Substring] = []
        if normal.hasSuffix("日") {
            parts = normal.dropLast().split(omittingEmptySubsequences: false) { $0 == "年" || $0 == "月" }
        } else if let separator = normal.first(where: { $0 == "-" || $0 == "/" || $0 == "." }) {
            parts = normal.split(separator: separator, omittingEmptySubsequences: false)
        }
        let isDigits = { (part: Substring) in part.utf8.allSatisfy { (0x30...0x39).contains($0) } }
        guard parts.count == 3, parts[0].utf8.count == 4, (1...2).contains(parts[1].utf8.count),
              (1...2).contains(parts[2].utf8.count), parts.allSatisfy(isDigits),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else {
            if (4...6).contains(normal.utf8.count), isDigits(Substring(normal)) {
                return .failure(
                    ValueError(
                        expected + "; it looks like an Excel day number: format the column as a date",
                        chineseExpected + "；看起来是 Excel 的日期序号：请把这一列设置为日期格式"))
            }
            return .failure(ValueError(expected, chineseExpected))
        }
        guard let date = CalendarDate(year: year, month: month, day: day) else {
            return .failure(ValueError("is not a day of the calendar", "不是日历上有的日子"))
        }
        return .success(date)
    }

    // MARK: Codes

    /// `M`/`F`, `男`/`女`, also `male`/`female` (case-insensitive).
    public static func gender(_ text: String) -> Result<Gender, ValueError> {
        let normal = text.halfWidth
        switch singleScalar(normal) {
        case "男": return .success(.male)
        case "女": return .success(.female)
        default: break
        }
        switch normal.utf8.count <= 6 ? normal.lowercased() : "" {
        case "m", "male": return .success(.male)
        case "f", "female": return .success(.female)
        default: return .failure(ValueError("is not a gender (expected M/F or 男/女)", "不是性别（应填写 M/F 或 男/女）"))
        }
    }

    /// One to three distinct RIASEC letters (`RIC`, `s`).
    public static func hollandCode(_ text: String) -> Result<HollandCode, ValueError> {
        guard let code = HollandCode(text.halfWidth) else {
            return .failure(
                ValueError(
                    "is not a Holland code (1 to 3 distinct letters of R, I, A, S, E, C)",
                    "不是霍兰德代码（应为 R、I、A、S、E、C 中 1 到 3 个不重复的字母）"))
        }
        return .success(code)
    }

    /// A catalogue category: its two-digit code (`71`), or its name (`电子与信息`, with or
    /// without 大类), or both (`71 电子与信息`). Returns the code.
    public static func catalogueCategory(_ text: String) -> Result<String, ValueError> {
        let normal = text.halfWidth
        let code = normal.prefix(while: { $0.isASCII && $0.isNumber })
        let rest = normal[code.endIndex...].trimmingPrefix(while: { $0 == " " })
        if !code.isEmpty, let category = CatalogueCategory(code: code),
           rest.isEmpty || CatalogueCategory(name: rest) == category {
            return .success(category.code)
        }
        if code.isEmpty, let category = CatalogueCategory(name: normal) {
            return .success(category.code)
        }
        return .failure(
            ValueError(
                "is not a category of the 2021 catalogue (a two-digit code from 61 to 79, e.g. 71 for 电子与信息)",
                "不是 2021 年专业目录中的专业大类（应为 61 到 79 的两位代码，例如 71 表示电子与信息）"))
    }

    // MARK: Lists

    /// `key:value;key:value` with numbers ≥ 0, e.g. `chinese:92;math:78`. Keys are subject
    /// names, canonicalised by `SubjectName` (`数学:78` reads as `math`); each may appear once.
    /// Empty entries (a trailing `;`) are ignored.
    public static func subjectNumbers(_ text: String) -> Result<[SubjectNumber], ValueError> {
        subjectList(text, SubjectNumber.init(subject:value:))
    }

    /// A student's subject scores (`chinese:92;math:78;...`).
    public static func subjectScores(_ text: String) -> Result<[SubjectScore], ValueError> {
        subjectList(text, SubjectScore.init(subject:score:))
    }

    /// A programme's key subjects with their weights (`math:2;physics:1`).
    public static func subjectWeights(_ text: String) -> Result<[SubjectWeight], ValueError> {
        subjectList(text, SubjectWeight.init(subject:weight:))
    }

    /// The `subject:number` list parser behind the three above, building the result type
    /// directly.
    private static func subjectList<Entry>(
        _ text: String, _ make: (String, Double) -> Entry
    ) -> Result<[Entry], ValueError> {
        let expected = ValueError(
            "is not a list of subject:number pairs separated by ; (e.g. math:2;physics:1)",
            "不是用 ; 分隔的“科目:数字”列表（例如 math:2;physics:1）")
        var normal = text.halfWidth
        return normal.withUTF8 { bytes -> Result<[Entry], ValueError> in
            var subjects: [String] = []
            var parsed: [Entry] = []
            for entry in entries(bytes) {
                guard let colon = entry.firstIndex(of: UInt8(ascii: ":")) else { return .failure(expected) }
                let keyBytes = trimmed(UnsafeBufferPointer(rebasing: entry[..<colon]))
                let valueBytes = trimmed(UnsafeBufferPointer(rebasing: entry[(colon + 1)...]))
                guard !keyBytes.isEmpty else { return .failure(expected) }
                let key = String(decoding: keyBytes, as: UTF8.self)
                guard let value = ImportBytes.decimalValue(valueBytes), value.isFinite else {
                    return .failure(
                        ValueError(
                            "has no number for \(key) (expected subject:number pairs, e.g. math:78)",
                            "中 \(key) 后面没有数字（应为“科目:数字”，例如 math:78）"))
                }
                guard value >= 0 else {
                    return .failure(ValueError("has a negative number for \(key)", "中 \(key) 的数字是负数"))
                }
                let subject = SubjectName.canonical(key)
                guard !subjects.contains(subject) else {
                    return .failure(ValueError("names \(subject) twice", "中 \(subject) 出现了两次"))
                }
                subjects.append(subject)
                parsed.append(make(subject, value))
            }
            guard !parsed.isEmpty else { return .failure(expected) }
            return .success(parsed)
        }
    }

    /// A `;`-separated wish list in order of preference; each entry is a catalogue category
    /// code (two digits, 61 to 79) or otherwise a program id. A repeated entry keeps its first
    /// place. Whether the program ids exist is for the importer to check against the
    /// programmes it knows.
    public static func wishes(_ text: String) -> Result<[Wish], ValueError> {
        var normal = text.halfWidth
        return normal.withUTF8 { bytes -> Result<[Wish], ValueError> in
            var wishes: [Wish] = []
            for entry in entries(bytes) {
                let id = String(decoding: entry, as: UTF8.self)
                if entry.contains(where: { $0 == 0x20 || $0 == 0x09 || $0 == UInt8(ascii: ",") })
                    || containsIdeographicSeparator(entry) {
                    return .failure(
                        ValueError(
                            "has \(ImportIssue.quoted(id)) as one wish; separate wishes with ;",
                            "中的\(ImportIssue.chineseQuoted(id))被当成了一个志愿；志愿之间请用 ; 分隔"))
                }
                let wish: Wish
                if entry.count == 2, entry.allSatisfy(ImportBytes.isDigit) {
                    guard CatalogueCategory(code: id) != nil else {
                        return .failure(
                            ValueError(
                                "has \(id), which is not a category of the 2021 catalogue (61 to 79)",
                                "中的 \(id) 不是 2021 年专业目录中的专业大类（61 到 79）"))
                    }
                    wish = .category(id)
                } else {
                    guard case .success = identifier(id) else {
                        return .failure(
                            ValueError(
                                "has \(ImportIssue.quoted(id)), which is not a program id",
                                "中的\(ImportIssue.chineseQuoted(id))不是有效的专业编号"))
                    }
                    wish = .program(id)
                }
                if !wishes.contains(wish) { wishes.append(wish) }
            }
            return .success(wishes)
        }
    }

    // MARK: Helpers

    /// The only Unicode scalar of `text`, or `nil` when it has none or several.
    private static func singleScalar(_ text: String) -> Unicode.Scalar? {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex else {
            return nil
        }
        return first
    }

    /// Whether `bytes` holds 、 (E3 80 81) or the ideographic space (E3 80 80), which people
    /// use between list items.
    private static func containsIdeographicSeparator(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index + 2 < bytes.count {
            if bytes[index] == 0xE3, bytes[index + 1] == 0x80, bytes[index + 2] == 0x80 || bytes[index + 2] == 0x81 {
                return true
            }
            index += 1
        }
        return false
    }

    /// `bytes` without the blanks around it.
    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[ImportBytes.trimmedRange(bytes)])
    }

    /// The non-empty, trimmed `;`-separated entries of a list.
    private static func entries(_ bytes: UnsafeBufferPointer<UInt8>) -> ListEntries {
        ListEntries(bytes: bytes)
    }

    /// Iterates the entries of a `;`-separated list without allocating.
    private struct ListEntries: Sequence, IteratorProtocol {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        mutating func next() -> UnsafeBufferPointer<UInt8>? {
            while position < bytes.count {
                var end = position
                while end < bytes.count, bytes[end] != UInt8(ascii: ";") { end += 1 }
                let entry = trimmed(UnsafeBufferPointer(rebasing: bytes[position..<end]))
                position = end + 1
                if !entry.isEmpty { return entry }
            }
            return nil
        }
    }

    /// Year, month and day of an ASCII `YYYY-M-D`, `YYYY/M/D` or `YYYY.M.D` (one separator
    /// kind, months and days of one or two digits), without judging whether the day exists.
    private static func asciiDateParts(_ text: String) -> (Int, Int, Int)? {
        var numbers: [Int] = []
        var current = 0
        var digits = 0
        var separator: UInt8?
        for byte in text.utf8 {
            if ImportBytes.isDigit(byte) {
                current = current * 10 + Int(byte - 0x30)
                digits += 1
                continue
            }
            guard byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "."),
                  separator == nil || separator == byte, numbers.count < 2,
                  numbers.isEmpty ? digits == 4 : (1...2).contains(digits)
            else { return nil }
            separator = byte
            numbers.append(current)
            current = 0
            digits = 0
        }
        guard numbers.count == 2, (1...2).contains(digits) else { return nil }
        return (numbers[0], numbers[1], current)
    }

    /// `5.22123E+17`: the shape Excel gives a long digit string in a General-formatted cell.
    static func looksLikeScientificNotation(_ text: String) -> Bool {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "E") || $0 == UInt8(ascii: "e") }),
              text.utf8.contains(UInt8(ascii: "+"))
        else { return false }
        var copy = text
        return copy.withUTF8(ImportBytes.decimalValue) != nil
    }
}
