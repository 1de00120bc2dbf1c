/// The languages explanations are written in: Chinese for families, English for the rest.
public enum Language: String, Sendable, Hashable, Codable, CaseIterable {
    /// Simplified Chinese.
    case chinese = "zh"
    /// English.
    case english = "en"
}
