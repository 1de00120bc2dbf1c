import PathwayCore

/// The language a letter is written in: the core's `Language` (`zh`, `en`), so that a letter and
/// the explanation it quotes can never disagree about what "Chinese" means.
public typealias LetterLanguage = Language

extension Language {
    /// The BCP 47 tag for HTML's `lang` attribute, which picks fonts and line breaking.
    var htmlTag: String {
        switch self {
        case .chinese: "zh-CN"
        case .english: "en"
        }
    }
}
