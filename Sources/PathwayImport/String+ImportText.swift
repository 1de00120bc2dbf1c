extension String {
    /// The text without the blank characters spreadsheets leave around values: ASCII spaces,
    /// tabs and line breaks, no-break spaces (U+00A0), the ideographic space of Chinese input
    /// methods (U+3000), zero-width spaces (U+200B) and stray byte order marks (U+FEFF).
    @usableFromInline
    var trimmedForImport: String {
        var copy = self
        return copy.withUTF8 { bytes in
            let range = ImportBytes.trimmedRange(bytes)
            if range.lowerBound == 0 && range.upperBound == bytes.count { return self }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
    }

    /// The text with full-width ASCII forms (`１２３`, `：`, `；`, `Ｍ`) and the ideographic space
    /// replaced by their ASCII equivalents, as Chinese input methods type them in numbers,
    /// codes and lists.
    var halfWidth: String {
        // Full-width forms are EF BC xx / EF BD xx in UTF-8, the ideographic space E3 80 80.
        let mayHaveWideForms = utf8.withContiguousStorageIfAvailable { bytes in
            bytes.contains { $0 == 0xEF || $0 == 0xE3 }
        } ?? true
        guard mayHaveWideForms else { return self }
        var result = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            if (0xFF01...0xFF5E).contains(scalar.value),
               let ascii = Unicode.Scalar(scalar.value - 0xFEE0) {
                result.append(ascii)
            } else if scalar.value == 0x3000 {
                result.append(" ")
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }
}
