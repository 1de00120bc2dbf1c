/// A problem that makes a workbook unreadable (or unwritable) as a whole.
///
/// Callers show `message` or `chineseMessage` to the person who supplied the file, so each one
/// is a single sentence that says what is wrong and what to do about it; `kind` is for code
/// that needs to react differently (offer the sheet names, fall back to CSV, ...).
public struct SpreadsheetError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, with the details a caller may want to act on.
    public enum Kind: Sendable, Hashable {
        /// Not a zip archive, or a zip without a workbook part: a renamed CSV, a .docx, ...
        case notAWorkbook
        /// An OLE compound file: an old binary .xls or a password-protected (encrypted) .xlsx,
        /// which cannot be told apart without decrypting.
        case encrypted
        /// The requested sheet does not exist; `available` lists the workbook's sheets in order.
        case noSuchSheet(name: String, available: [String])
        /// The workbook lists no sheets, or a workbook to be written was given none.
        case emptyWorkbook
        /// A part that is missing, fails to decompress or is not well-formed XML.
        case malformed(part: String, detail: String)
        /// A part or sheet beyond a limit that guards memory (zip bombs, runaway sheets) or
        /// that Excel itself imposes when writing.
        case tooLarge(limit: String)
        /// A value the writer cannot store in a cell (an impossible date, text over Excel's
        /// 32,767 characters); `cell` is the reference Excel shows, such as `B7`.
        case invalidCell(sheet: String, cell: String, detail: String)
    }

    /// What went wrong.
    public var kind: Kind
    /// One English sentence saying what is wrong and what to do.
    public var message: String
    /// The same sentence in Chinese, for county staff.
    public var chineseMessage: String

    /// An error with explicit messages, for callers that wrap or re-word one.
    public init(kind: Kind, message: String, chineseMessage: String) {
        self.kind = kind
        self.message = message
        self.chineseMessage = chineseMessage
    }

    /// An error of `kind` with the standard wording in both languages.
    public init(_ kind: Kind) {
        self.kind = kind
        switch kind {
        case .notAWorkbook:
            message =
                "The file is not an .xlsx workbook; open it in Excel or WPS and save it as "
                + "\"Excel Workbook (.xlsx)\", or export it as CSV."
            chineseMessage = "文件不是 .xlsx 工作簿；请在 Excel/WPS 中打开，另存为“Excel 工作簿（.xlsx）”，或导出为 CSV。"
        case .encrypted:
            message =
                "The file is not an .xlsx workbook (an old .xls or a password-protected file); "
                + "open it in Excel or WPS, remove any password and save it as \"Excel Workbook (.xlsx)\"."
            chineseMessage = "文件不是 .xlsx 工作簿（可能是旧版 .xls 或设置了密码的文件）；请在 Excel/WPS 中打开，取消密码后另存为“Excel 工作簿（.xlsx）”。"
        case .noSuchSheet(let name, let available):
            message =
                "The workbook has no sheet named \"\(name)\"; choose one of: "
                + available.map { "\"\($0)\"" }.joined(separator: ", ") + "."
            chineseMessage =
                "工作簿中没有名为“\(name)”的工作表；可选的工作表："
                + available.map { "“\($0)”" }.joined(separator: "、") + "。"
        case .emptyWorkbook:
            message = "The workbook has no sheets; add a sheet with the data and save it again."
            chineseMessage = "工作簿中没有工作表；请添加含数据的工作表后重新保存。"
        case .malformed(let part, let detail):
            message =
                "The workbook is damaged (\(part): \(detail)); open it in Excel or WPS and save it "
                + "again as \"Excel Workbook (.xlsx)\"."
            chineseMessage = "工作簿已损坏（\(part)：\(detail)）；请在 Excel/WPS 中打开后重新另存为“Excel 工作簿（.xlsx）”。"
        case .tooLarge(let limit):
            message = "The workbook is too large (more than \(limit)); split it into smaller files."
            chineseMessage = "工作簿过大（超过 \(limit)）；请拆分为较小的文件。"
        case .invalidCell(let sheet, let cell, let detail):
            message = "Cell \(cell) of sheet \"\(sheet)\" cannot be written: \(detail)."
            chineseMessage = "工作表“\(sheet)”的单元格 \(cell) 无法写入：\(detail)。"
        }
    }

    /// A `tooLarge` error whose Chinese sentence names the limit in Chinese.
    static func tooLarge(_ limit: String, chinese: String) -> SpreadsheetError {
        var error = SpreadsheetError(.tooLarge(limit: limit))
        error.chineseMessage = "工作簿过大（超过\(chinese)）；请拆分为较小的文件。"
        return error
    }

    /// An `invalidCell` error whose Chinese sentence gives the detail in Chinese.
    static func invalidCell(sheet: String, cell: String, detail: String, chinese: String) -> SpreadsheetError {
        var error = SpreadsheetError(.invalidCell(sheet: sheet, cell: cell, detail: detail))
        error.chineseMessage = "工作表“\(sheet)”的单元格 \(cell) 无法写入：\(chinese)。"
        return error
    }

    /// A `malformed` error for `part`.
    static func malformed(_ part: String, _ detail: String) -> SpreadsheetError {
        SpreadsheetError(.malformed(part: part, detail: detail))
    }

    /// `message`, so that an uncaught error prints something a person can act on.
    public var description: String { message }
}
