import Foundation

/// Decodes GB18030 (and so GBK and GB2312) bytes to UTF-8, fast.
///
/// Foundation decodes GB18030 correctly but slowly (some 30 MB/s here, through UTF-16), which
/// would make a 20 MB GBK export from Excel the slowest step of an import. This decoder asks
/// Foundation once for the 23,940 two-byte codes, which cover every character of GBK, and then
/// converts the file with a table lookup per character. The rare four-byte sequences (characters
/// outside GBK, such as uncommon name characters) are handed to Foundation one at a time, so the
/// result is always Foundation's.
struct GB18030Decoder {
    /// Unicode scalar values of the two-byte codes, indexed by `(lead - 0x81) * 190 + trail'`,
    /// where `trail'` numbers the trail bytes 0x40–0x7E, 0x80–0xFE from zero.
    private let twoByteTable: [UInt32]

    /// Builds the table; `nil` if Foundation cannot decode GB18030 on this system.
    init?() {
        var codes: [UInt8] = []
        codes.reserveCapacity(126 * 190 * 2)
        for lead in UInt8(0x81)...0xFE {
            for trail in UInt8(0x40)...0xFE where trail != 0x7F {
                codes.append(lead)
                codes.append(trail)
            }
        }
        guard let text = String(bytes: codes, encoding: CSVReader.gb18030) else { return nil }
        let table = text.unicodeScalars.map(\.value)
        guard table.count == 126 * 190 else { return nil }
        twoByteTable = table
    }

    /// The outcome of decoding: UTF-8 bytes, or the offset of the first byte that is not
    /// GB18030.
    enum Outcome {
        case decoded([UInt8])
        case invalid(offset: Int)
    }

    func decode(_ bytes: [UInt8]) -> Outcome {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 2)
        let count = bytes.count
        var index = 0
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                output.append(lead)
                index += 1
                continue
            }
            if lead == 0x80 {
                // Code page 936 (and Foundation) read 0x80 as the euro sign.
                Self.appendUTF8(0x20AC, to: &output)
                index += 1
                continue
            }
            guard lead != 0xFF, index + 1 < count else { return .invalid(offset: index) }
            let second = bytes[index + 1]
            if second >= 0x30 && second <= 0x39 {
                // A four-byte sequence: rare enough to ask Foundation each time.
                guard index + 3 < count,
                      let text = String(bytes: bytes[index..<index + 4], encoding: CSVReader.gb18030),
                      text.unicodeScalars.count == 1
                else { return .invalid(offset: index) }
                output.append(contentsOf: text.utf8)
                index += 4
                continue
            }
            guard second >= 0x40, second <= 0xFE, second != 0x7F else { return .invalid(offset: index) }
            let trailIndex = Int(second) - (second < 0x7F ? 0x40 : 0x41)
            Self.appendUTF8(twoByteTable[(Int(lead) - 0x81) * 190 + trailIndex], to: &output)
            index += 2
        }
        return .decoded(output)
    }

    private static func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            output.append(UInt8(scalar))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | (scalar >> 6)))
            output.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | (scalar >> 12)))
            output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            output.append(UInt8(0xF0 | (scalar >> 18)))
            output.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }
}
