/// The headers of a county's own student list that are not single columns of
/// `students.csv`: one column per subject (`语文`, `数学(120分)`, `Math`) and one per wish
/// (`第一志愿`, `第2志愿`, `志愿三`, `wish_4`).
enum WideColumns {
    /// The subject a header names, by its canonical name: a known subject (see `SubjectName`)
    /// or one of the county's own, after dropping a mark's suffix (`成绩`, `分数`, `score`) and a
    /// bracketed full mark (`(120分)`). `nil` for any other header.
    static func subject(of header: String, countySubjects: Set<String>) -> String? {
        var text = header.halfWidth.trimmedForImport
        if let open = text.firstIndex(of: "("), text.hasSuffix(")") {
            text = String(text[..<open]).trimmedForImport
        }
        for suffix in ["成绩", "分数", "得分", " score", "_score", " mark", "_mark"]
        where text.lowercased().hasSuffix(suffix) && text.count > suffix.count {
            text = String(text.dropLast(suffix.count)).trimmedForImport
            break
        }
        guard !text.isEmpty else { return nil }
        let canonical = SubjectName.canonical(text)
        if SubjectName.aliases[text.lowercased()] != nil || SubjectName.knownNames.contains(canonical)
            || countySubjects.contains(canonical) {
            return canonical
        }
        return nil
    }

    /// The place in the order of preference a wish header gives (`第一志愿` → 1, `志愿2` → 2,
    /// `wish 3` → 3), or `nil` for any other header.
    static func wishOrder(of header: String) -> Int? {
        var text = header.halfWidth.trimmedForImport.lowercased()
        text.removeAll { $0 == " " || $0 == "_" || $0 == "-" }
        for suffix in ["专业", "(专业)"] where text.hasSuffix(suffix) { text.removeLast(suffix.count) }
        if text.hasPrefix("第"), text.hasSuffix("志愿") {
            return number(text.dropFirst().dropLast(2))
        }
        for prefix in ["志愿", "wish", "choice"] where text.hasPrefix(prefix) {
            return number(text.dropFirst(prefix.count))
        }
        return nil
    }

    /// `3`, `12`, `三`, `十二`: a number from 1 to 99, or `nil`.
    private static func number(_ text: Substring) -> Int? {
        guard !text.isEmpty else { return nil }
        if text.allSatisfy(\.isASCII), let value = Int(text), (1...99).contains(value) { return value }
        let digits: [Character: Int] = ["一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]
        let characters = Array(text)
        switch characters.count {
        case 1:
            if characters[0] == "十" { return 10 }
            return digits[characters[0]]
        case 2 where characters[0] == "十":
            return digits[characters[1]].map { 10 + $0 }
        case 2 where characters[1] == "十":
            return digits[characters[0]].map { $0 * 10 }
        case 3 where characters[1] == "十":
            guard let tens = digits[characters[0]], let ones = digits[characters[2]] else { return nil }
            return tens * 10 + ones
        default:
            return nil
        }
    }
}
