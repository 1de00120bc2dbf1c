/// The names of the junior-school exam subjects, by the canonical codes of
/// docs/data-formats.md (`math`, `chinese` …): what a letter prints and a county list heads a
/// column with.
public enum SubjectNames {
    /// The subject's name in `language`; a subject not among the known ones keeps its code.
    public static func name(_ code: String, in language: Language) -> String {
        guard let names = table[code.lowercased()] else { return code }
        return language == .chinese ? names.zh : names.en
    }

    private static let table: [String: (zh: String, en: String)] = [
        "chinese": ("语文", "Chinese"), "math": ("数学", "Mathematics"), "english": ("英语", "English"),
        "physics": ("物理", "Physics"), "chemistry": ("化学", "Chemistry"),
        "politics": ("道德与法治", "Ethics and Law"), "history": ("历史", "History"),
        "biology": ("生物", "Biology"), "geography": ("地理", "Geography"), "pe": ("体育", "Physical education"),
        "it": ("信息技术", "Information technology"), "music": ("音乐", "Music"), "art": ("美术", "Art"),
    ]
}
