import Foundation
import Testing

@testable import PathwayImport

@Suite("GB18030Decoder")
struct GB18030DecoderTests {
    private static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    @Test func decodesWhatFoundationEncodes() throws {
        // Every common CJK ideograph, the GBK punctuation and symbol rows, Latin letters with
        // accents and characters that take four bytes in GB18030.
        var scalars: [Unicode.Scalar] = []
        for value in Array(0x20...0x7E) + Array(0x4E00...0x9FA5) + Array(0x3000...0x3017) + Array(0xFF01...0xFF5E)
            + [0xE9, 0xB7, 0x2014, 0x2026, 0x20AC, 0x4DAE, 0x20000, 0x2A6D6, 0x1F600, 0x0A, 0x0D] {
            if let scalar = Unicode.Scalar(value) { scalars.append(scalar) }
        }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars)
        let encoded = try #require(text.data(using: Self.gb18030))
        let decoder = try #require(GB18030Decoder())
        guard case .decoded(let utf8) = decoder.decode([UInt8](encoded)) else {
            Issue.record("valid GB18030 was refused")
            return
        }
        #expect(String(decoding: utf8, as: UTF8.self) == text)
    }

    @Test func eightyIsTheEuroSignAsInCodePage936() throws {
        let decoder = try #require(GB18030Decoder())
        guard case .decoded(let utf8) = decoder.decode([0x80, 0x41]) else {
            Issue.record("0x80 was refused")
            return
        }
        #expect(String(decoding: utf8, as: UTF8.self) == "€A")
    }

    @Test(arguments: [
        [0x41, 0x0A, 0x81, 0x20] as [UInt8], [0x41, 0x0A, 0xFF], [0x41, 0x0A, 0xD1], [0x41, 0x0A, 0x81, 0x30, 0x81],
        [0x41, 0x0A, 0x84, 0x31, 0xA5, 0x30],
    ])
    func invalidSequencesAreFound(_ bytes: [UInt8]) throws {
        let decoder = try #require(GB18030Decoder())
        guard case .invalid(let offset) = decoder.decode(bytes) else {
            Issue.record("invalid bytes were decoded")
            return
        }
        #expect(offset == 2)
    }

    @Test func readerNamesTheLineOfBadBytes() throws {
        let good = try #require("学籍号,姓名\nQL1,王\n".data(using: Self.gb18030))
        let bytes = [UInt8](good) + [0x51, 0x4C, 0x32, 0x2C, 0xFF, 0x0A]
        for encoding in [CSVReader.Encoding.auto, .gb18030] {
            do {
                _ = try CSVReader(encoding: encoding).read(bytes, fileName: "students.csv")
                Issue.record("bad bytes were accepted")
            } catch {
                #expect(error.message.contains("GB18030/GBK text (bad bytes on line 3)"), "\(error)")
                #expect(error.message.contains(encoding == .auto ? "neither UTF-8 nor" : "not valid"))
            }
        }
    }
}
