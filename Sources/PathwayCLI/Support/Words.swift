import Foundation
import PathwayCore

/// The language the command line speaks, and the one function every sentence it prints goes
/// through.
///
/// Chinese when `PATHWAY_LANG`, else `LC_ALL`, else `LC_MESSAGES`, else `LANG` starts with `zh`
/// (the first of them that is set decides, as in POSIX); English otherwise. Tests choose with
/// `Words.$language.withValue(...)`.
enum Words {
    @TaskLocal static var language: Language = fromEnvironment(ProcessInfo.processInfo.environment)

    static var chinese: Bool { language == .chinese }

    /// The language the environment asks for.
    static func fromEnvironment(_ environment: [String: String]) -> Language {
        for name in ["PATHWAY_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            return value.lowercased().hasPrefix("zh") ? .chinese : .english
        }
        return .english
    }
}

/// `english` or `chinese`, whichever the command line speaks: `L("placed", "已安置")`.
func L(_ english: String, _ chinese: String) -> String {
    Words.chinese ? chinese : english
}
