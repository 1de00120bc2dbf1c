extension CSVReader {
    /// The text encoding of an imported file.
    ///
    /// Excel on a Chinese Windows saves "CSV (comma delimited)" in GBK (code page 936), "CSV
    /// UTF-8" with a byte order mark; WPS and the student-status system vary. `auto` reads all
    /// of them; forcing is for the rare file whose bytes happen to be valid in both.
    public enum Encoding: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        /// UTF-8 (a leading byte order mark is skipped) when the bytes are valid UTF-8,
        /// otherwise GB18030, which includes GBK and GB2312.
        case auto
        /// UTF-8, with or without a byte order mark; invalid bytes are an error.
        case utf8 = "utf-8"
        /// GB18030 (and therefore GBK and GB2312); invalid bytes are an error.
        case gb18030

        /// Accepts the spellings people type on a command line: `auto`, `utf-8`, `utf8`,
        /// `gb18030`, `gbk`, `gb2312`, `cp936` (case-insensitive).
        public init?(name: String) {
            switch name.lowercased() {
            case "auto": self = .auto
            case "utf-8", "utf8": self = .utf8
            case "gb18030", "gbk", "gb2312", "cp936": self = .gb18030
            default: return nil
            }
        }

        public var description: String { rawValue }
    }

    /// The field separator. Comma is what "CSV" means to Excel in China; tab is Excel's "Text
    /// (tab delimited)"; semicolon is what Excel writes where the decimal separator is a comma.
    public enum Delimiter: String, Sendable, Hashable, CaseIterable {
        case comma = ","
        case semicolon = ";"
        case tab = "\t"

        var byte: UInt8 {
            switch self {
            case .comma: UInt8(ascii: ",")
            case .semicolon: UInt8(ascii: ";")
            case .tab: UInt8(ascii: "\t")
            }
        }
    }
}
