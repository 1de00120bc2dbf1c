/// Why a cell's text is not a value of the expected kind, phrased to follow the quoted value
/// in an `ImportIssue` (`"abc" is not a number`, `“abc”不是数字`).
///
/// Parsers return it instead of throwing so that validation can collect one per cell and carry
/// on with the rest of the row.
public struct ValueError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Starts with a verb about the value: `is not a number`, `has "math" twice`.
    public var message: String
    /// The same in Chinese, continuing the quoted value the same way: `不是数字`.
    public var chineseMessage: String

    public init(_ message: String, _ chineseMessage: String) {
        self.message = message
        self.chineseMessage = chineseMessage
    }

    /// The English message.
    public var description: String { message }
}
