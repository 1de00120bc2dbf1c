/// The canonical spelling of exam subjects in `scores` and `key_subjects`.
///
/// A programme's key subjects are matched against students' subject scores by name, so both
/// files must agree on spelling; staff type `数学` as often as `math`. Known Chinese and English
/// spellings map to one lower-case English name; any other subject is kept, lower-cased.
public enum SubjectName {
    /// Chinese names and English variants of the junior-school exam subjects.
    public static let aliases: [String: String] = [
        "语文": "chinese", "数学": "math", "maths": "math", "mathematics": "math", "英语": "english",
        "物理": "physics", "化学": "chemistry", "道德与法治": "politics", "道法": "politics",
        "政治": "politics", "思想品德": "politics", "历史": "history", "生物": "biology",
        "生物学": "biology", "地理": "geography", "体育": "pe", "体育与健康": "pe",
        "信息技术": "it", "音乐": "music", "美术": "art",
    ]

    /// The canonical names of the known subjects.
    public static let knownNames = Set(aliases.values)

    /// The canonical name of `text` (already trimmed).
    public static func canonical(_ text: String) -> String {
        // Fast path for what Seeds and most files contain: lower-case ASCII names.
        let isLowerASCII = text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.allSatisfy { $0 < 0x80 && !(0x41...0x5A).contains($0) }
        } ?? false
        if isLowerASCII, text.utf8.count < 5 || !text.hasPrefix("math") {
            return text
        }
        let lower = text.lowercased()
        return aliases[lower] ?? lower
    }
}
