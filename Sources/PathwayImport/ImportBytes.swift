/// Byte-level helpers for the value parsers, which run once per cell (two million times for
/// 100,000 students) and so avoid `Character` iteration and Unicode-aware comparison where the
/// syntax is ASCII anyway.
enum ImportBytes {
    /// Whether `byte` is an ASCII digit.
    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    /// The range of `bytes` without leading and trailing blanks (see `String.trimmedForImport`).
    /// UTF-8 is self-synchronising, so a multi-byte blank found at either end is a whole
    /// character.
    static func trimmedRange(_ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var start = 0
        var end = bytes.count
        while start < end {
            let length = blankLength(bytes, at: start, end: end)
            if length == 0 { break }
            start += length
        }
        while end > start {
            let byte = bytes[end - 1]
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                end -= 1
            } else if end - start >= 2, byte == 0xA0, bytes[end - 2] == 0xC2 {
                end -= 2
            } else if end - start >= 3, isThreeByteBlank(bytes[end - 3], bytes[end - 2], byte) {
                end -= 3
            } else {
                break
            }
        }
        return start..<end
    }

    /// The length of the blank character starting at `index`, or 0.
    private static func blankLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> Int {
        let byte = bytes[index]
        if byte == 0x20 || (0x09...0x0D).contains(byte) { return 1 }
        if byte == 0xC2, index + 1 < end, bytes[index + 1] == 0xA0 { return 2 }
        if index + 2 < end, isThreeByteBlank(byte, bytes[index + 1], bytes[index + 2]) { return 3 }
        return 0
    }

    /// U+3000 (E3 80 80), U+FEFF (EF BB BF) or U+200B (E2 80 8B).
    private static func isThreeByteBlank(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Bool {
        (a == 0xE3 && b == 0x80 && c == 0x80) || (a == 0xEF && b == 0xBB && c == 0xBF)
            || (a == 0xE2 && b == 0x80 && c == 0x8B)
    }

    /// Exact powers of ten representable in a `Double`.
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
        1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// The value of a decimal literal `[+-]digits[.digits][e[+-]digits]` (also `.5`, `5.`),
    /// or `nil` when `bytes` is anything else, including `nan`, `inf` and hexadecimal, which
    /// `Double.init` would accept. May be infinite for huge exponents.
    static func decimalValue(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var index = 0
        let count = bytes.count
        var negative = false
        if index < count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var digits = 0
        var fractionDigits = 0
        while index < count, isDigit(bytes[index]) {
            if mantissa != 0 || bytes[index] != 0x30 { significantDigits += 1 }
            if significantDigits <= 18 { mantissa = mantissa * 10 + UInt64(bytes[index] - 0x30) }
            digits += 1
            index += 1
        }
        if index < count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < count, isDigit(bytes[index]) {
                if mantissa != 0 || bytes[index] != 0x30 { significantDigits += 1 }
                if significantDigits <= 18 { mantissa = mantissa * 10 + UInt64(bytes[index] - 0x30) }
                digits += 1
                fractionDigits += 1
                index += 1
            }
        }
        guard digits > 0 else { return nil }
        var hasExponent = false
        if index < count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            hasExponent = true
            index += 1
            if index < count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            let exponentStart = index
            while index < count, isDigit(bytes[index]) { index += 1 }
            guard index > exponentStart else { return nil }
        }
        guard index == count else { return nil }
        // Clinger's fast path: an exact integer below 2^53 divided by an exact power of ten is
        // correctly rounded, the same value the C library would produce.
        if !hasExponent, significantDigits <= 15, fractionDigits < powersOfTen.count {
            let value = Double(mantissa) / powersOfTen[fractionDigits]
            return negative ? -value : value
        }
        return Double(String(decoding: bytes, as: UTF8.self))
    }
}
