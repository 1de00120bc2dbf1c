/// How a letter is written out.
public enum LetterFormat: String, Sendable, Hashable, Codable, CaseIterable {
    /// A standalone HTML page with an A4 print stylesheet: what an office prints.
    case html
    /// Plain UTF-8 text wrapped at 72 columns, for e-mail bodies or SMS-length copying.
    case txt

    /// The file name extension.
    public var fileExtension: String { rawValue }
}
