import Foundation

extension CSVReader {
    /// UTF-8 bytes ready to parse: `bytes[start...]`, so that a byte order mark is skipped
    /// without copying the file.
    struct DecodedText {
        var bytes: [UInt8]
        var start: Int
        var encoding: CSVTable.SourceEncoding
    }

    /// CoreFoundation's `kCFStringEncodingGB_18030_2000` as a Foundation encoding; swift-corelibs
    /// Foundation on Linux decodes it (checked), including four-byte sequences.
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    private static let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Turns the file's bytes into UTF-8 once, so that parsing works on one representation.
    func decode(_ bytes: [UInt8], fileName: String) throws(ImportIssue) -> DecodedText {
        func fileIssue(_ message: String, _ chineseMessage: String) -> ImportIssue {
            ImportIssue(file: fileName, message: message, chineseMessage: chineseMessage)
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw fileIssue(
                "the file is UTF-16 text (Excel's \"Unicode Text\"); save it as \"CSV UTF-8\" or \"CSV\"",
                "文件是 UTF-16 文本（Excel 的“Unicode 文本”）；请另存为“CSV UTF-8”或“CSV”格式")
        }
        let hasBOM = bytes.starts(with: Self.utf8BOM)
        switch encoding {
        case .utf8, .auto:
            let start = hasBOM ? 3 : 0
            if let badOffset = Self.firstInvalidUTF8Offset(bytes, from: start) {
                if encoding == .utf8 {
                    let line = Self.lineNumber(of: badOffset, in: bytes)
                    throw fileIssue(
                        "the file is not valid UTF-8 (first bad byte on line \(line)); "
                            + "if it was saved as GBK/GB18030, import it with encoding gb18030",
                        "文件不是有效的 UTF-8 文本（第一个错误字节在第\(line)行）；"
                            + "如果文件是按 GBK/GB18030 保存的，请用 gb18030 编码导入")
                }
                // Not UTF-8: a Chinese Windows wrote it in its ANSI code page (GBK).
                return try decodeGB18030(bytes, fileName: fileName, utf8Offset: badOffset)
            }
            return DecodedText(bytes: bytes, start: start, encoding: hasBOM ? .utf8WithBOM : .utf8)
        case .gb18030:
            if hasBOM {
                throw fileIssue(
                    "the file starts with a UTF-8 byte order mark but gb18030 was requested; "
                        + "import it with encoding auto or utf-8",
                    "文件以 UTF-8 字节顺序标记（BOM）开头，但指定的编码是 gb18030；"
                        + "请用 auto 或 utf-8 编码导入")
            }
            return try decodeGB18030(bytes, fileName: fileName, utf8Offset: nil)
        }
    }

    private func decodeGB18030(
        _ bytes: [UInt8], fileName: String, utf8Offset: Int?
    ) throws(ImportIssue) -> DecodedText {
        func refusal(gbOffset: Int?) -> ImportIssue {
            var message = utf8Offset == nil
                ? "the file is not valid GB18030/GBK text"
                : "the file is neither UTF-8 nor GB18030/GBK text"
            var chineseMessage = utf8Offset == nil
                ? "文件不是有效的 GB18030/GBK 文本"
                : "文件既不是 UTF-8 文本，也不是 GB18030/GBK 文本"
            if let gbOffset {
                let line = Self.lineNumber(of: gbOffset, in: bytes)
                message += " (bad bytes on line \(line))"
                chineseMessage += "（第\(line)行有错误字节）"
            }
            return ImportIssue(
                file: fileName, message: message + "; save it as \"CSV UTF-8\"",
                chineseMessage: chineseMessage + "；请另存为“CSV UTF-8”格式")
        }
        var utf8: [UInt8]
        if let decoder = GB18030Decoder() {
            switch decoder.decode(bytes) {
            case .decoded(let decoded): utf8 = decoded
            case .invalid(let offset): throw refusal(gbOffset: offset)
            }
        } else {
            // Without the table, let Foundation convert the whole file (slower, same result).
            guard var text = String(bytes: bytes, encoding: Self.gb18030) else {
                throw refusal(gbOffset: nil)
            }
            text.makeContiguousUTF8()
            utf8 = [UInt8](text.utf8)
        }
        // GB18030's own byte order mark (84 31 95 33) decodes to U+FEFF.
        if utf8.starts(with: Self.utf8BOM) { utf8.removeFirst(3) }
        return DecodedText(bytes: utf8, start: 0, encoding: .gb18030)
    }

    /// The offset of the first byte that is not part of valid UTF-8, or `nil` when all are.
    static func firstInvalidUTF8Offset(_ bytes: [UInt8], from start: Int) -> Int? {
        let body = bytes[start...]
        // The standard library's validation is vectorised; the slow scan runs only on failure.
        if String(validating: body, as: UTF8.self) != nil { return nil }
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = body.makeIterator()
        var offset = start
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    /// The 1-based line holding `offset`, counting LF, CRLF and lone CR as line ends.
    static func lineNumber(of offset: Int, in bytes: [UInt8]) -> Int {
        var line = 1
        var index = 0
        let end = min(offset, bytes.count)
        while index < end {
            let byte = bytes[index]
            if byte == 0x0A {
                line += 1
            } else if byte == 0x0D, index + 1 >= bytes.count || bytes[index + 1] != 0x0A {
                line += 1
            }
            index += 1
        }
        return line
    }
}
