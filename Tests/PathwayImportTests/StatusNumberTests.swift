import PathwayCore
import Testing

@testable import PathwayImport

@Suite("StatusNumber")
struct StatusNumberTests {
    private func value(_ result: Result<String, ValueError>) -> String? {
        try? result.get()
    }

    private func failure(_ result: Result<String, ValueError>) -> ValueError? {
        if case .failure(let error) = result { return error }
        return nil
    }

    private func message(_ result: Result<String, ValueError>) -> String? {
        failure(result)?.message
    }

    private func chineseMessage(_ result: Result<String, ValueError>) -> String? {
        failure(result)?.chineseMessage
    }

    /// The ISO 7064 MOD 11-2 check character of 17 ID digits, computed independently of
    /// `StatusNumber` to confirm the numbers used below.
    private func checkCharacter(_ digits: String) -> Character? {
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let values = digits.compactMap(\.wholeNumberValue)
        guard values.count == weights.count else { return nil }
        let sum = zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return Array("10X98765432")[sum % 11]
    }

    /// `text` with every ASCII character in its full-width form (`G1` → `Ｇ１`).
    private func fullWidth(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if (0x21...0x7E).contains(scalar.value), let wide = Unicode.Scalar(scalar.value + 0xFEE0) {
                scalars.append(wide)
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    @Test func checkCharactersOfTheNumbersUsed() {
        #expect(checkCharacter("52270120100901001") == "0")
        #expect(checkCharacter("52270120110315002") == "8")
        #expect(checkCharacter("52270120110315001") == "X")
        #expect(checkCharacter("52270120120229001") == "8")
        #expect(checkCharacter("52270119900101001") == "6")
        #expect(checkCharacter("52270120991231001") == "6")
    }

    @Test(arguments: [
        "G522701201009010010", "G522701201103150028", "G52270120110315001X", "G522701201202290018",
        "G522701199001010016", "G522701209912310016",
    ])
    func validGNumbers(_ text: String) {
        #expect(value(StatusNumber.parse(text)) == text)
        #expect(StatusNumber.looksLikeOne(text))
    }

    @Test func lowerCaseFullWidthAndBlanksAreNormalised() {
        #expect(value(StatusNumber.parse("g52270120110315001x")) == "G52270120110315001X")
        #expect(value(StatusNumber.parse("G52270120110315001x")) == "G52270120110315001X")
        #expect(value(StatusNumber.parse(fullWidth("G522701201009010010"))) == "G522701201009010010")
        #expect(value(StatusNumber.parse(fullWidth("g52270120110315001x"))) == "G52270120110315001X")
        #expect(value(StatusNumber.parse(" G522701201009010010\u{3000}")) == "G522701201009010010")
        #expect(StatusNumber.looksLikeOne(fullWidth("G522701201009010010")))
        #expect(StatusNumber.looksLikeOne("g52270120110315001x"))
    }

    @Test func jAndLNumbersAreCheckedForShapeOnly() {
        #expect(value(StatusNumber.parse("J123456789012345678")) == "J123456789012345678")
        #expect(value(StatusNumber.parse("j12345678901234567x")) == "J12345678901234567X")
        #expect(value(StatusNumber.parse("L000000000000000001")) == "L000000000000000001")
        #expect(value(StatusNumber.parse(fullWidth("l123456789012345678"))) == "L123456789012345678")
        // No check digit or birth date is known for them.
        #expect(value(StatusNumber.parse("J999999999999999999")) == "J999999999999999999")
        #expect(
            message(StatusNumber.parse("J12345678901234567"))
                == "has 18 characters where 19 are expected (J and 18 digits)")
        #expect(chineseMessage(StatusNumber.parse("L12345678901234567890")) == "应为 19 位（L 加 18 位数字），实际为 21 位")
        #expect(message(StatusNumber.parse("J1234567890123456A8"))?.hasPrefix("has \"A\" at position 18") == true)
    }

    @Test func wrongLength() {
        #expect(
            message(StatusNumber.parse("G52270120100901001"))
                == "has 18 characters where 19 are expected (G and the 18-character ID number)")
        #expect(chineseMessage(StatusNumber.parse("G52270120100901001")) == "应为 19 位（G 加 18 位身份证号），实际为 18 位")
        #expect(
            message(StatusNumber.parse("G5227012010090100100"))
                == "has 20 characters where 19 are expected (G and the 18-character ID number)")
        #expect(chineseMessage(StatusNumber.parse("G5227012010090100")) == "应为 19 位（G 加 18 位身份证号），实际为 17 位")
    }

    @Test func characterThatIsNotADigit() {
        #expect(
            message(StatusNumber.parse("G5227012010O9010010"))
                == "has \"O\" at position 12, which is not a digit (only the last character may be X)")
        #expect(chineseMessage(StatusNumber.parse("G5227012010O9010010")) == "中第 12 位的“O”不是数字（只有最后一位可以是 X）")
        #expect(message(StatusNumber.parse("G5227012010090100X0"))?.hasPrefix("has \"X\" at position 18") == true)
        #expect(message(StatusNumber.parse("G522701 201009010010"))?.hasPrefix("has \" \" at position 8") == true)
    }

    @Test func badCheckDigit() {
        let expected = "has a last character that does not match the ID number's check digit; check for a mistyped digit"
        #expect(message(StatusNumber.parse("G522701201009010011")) == expected)
        #expect(message(StatusNumber.parse("G52270120100901001X")) == expected)
        // One digit mistyped in the sequence number.
        #expect(message(StatusNumber.parse("G522701201009010020")) == expected)
        #expect(chineseMessage(StatusNumber.parse("G522701201009010011")) == "的最后一位与身份证号的校验码不符；请检查是否有数字输错")
    }

    @Test func birthDates() {
        #expect(
            message(StatusNumber.parse("G522701201013010013"))
                == "has the birth date 20101301 (digits 7 to 14 of the ID number), which is not a day of the calendar")
        #expect(
            chineseMessage(StatusNumber.parse("G522701201013010013"))
                == "中的出生日期 20101301（身份证号第 7 到 14 位）不是日历上有的日子")
        #expect(message(StatusNumber.parse("G522701201102290010"))?.hasSuffix("which is not a day of the calendar") == true)
        // A valid ID number, but of someone born before 1990.
        #expect(
            message(StatusNumber.parse("G11010519491231002X"))
                == "has the birth date 19491231 (digits 7 to 14 of the ID number), which is not between 1990 and 2100")
        #expect(
            chineseMessage(StatusNumber.parse("G522701198912310015"))
                == "中的出生日期 19891231（身份证号第 7 到 14 位）不在 1990 到 2100 年之间")
        #expect(message(StatusNumber.parse("G522701210101010018"))?.hasSuffix("not between 1990 and 2100") == true)
    }

    @Test func scientificNotationGetsTheIdentifierMessage() {
        let text = "5.2012220110202E+17"
        #expect(failure(StatusNumber.parse(text)) == failure(ValueParser.identifier(text)))
        #expect(message(StatusNumber.parse(text))?.contains("scientific notation") == true)
    }

    @Test func notAStatusNumber() {
        #expect(
            message(StatusNumber.parse("QL202600001")) == "is not a national student number (G, J or L and 18 characters)")
        #expect(message(StatusNumber.parse("")) == "is not a national student number (G, J or L and 18 characters)")
        #expect(chineseMessage(StatusNumber.parse("522701201009010010")) == "不是全国学籍号（应为 G、J 或 L 加 18 位）")
    }

    @Test(arguments: [
        "G52270120100901001", "G5227012010090100100", "J123456789012345678", "l12345678901234567X",
    ])
    func shapesThatAreChecked(_ text: String) {
        #expect(StatusNumber.looksLikeOne(text))
    }

    @Test(arguments: [
        "QL202600001", "G1234", "P001", "5.2012220110202E+17", "522701201009010010", "G5227012010O9010010",
        "GX22701201009010010", "A522701201009010010", "G5227012010090100", "", "G", "张三",
    ])
    func shapesThatAreNotChecked(_ text: String) {
        #expect(!StatusNumber.looksLikeOne(text))
    }

    @Test func everyFailureHasAChineseMessage() {
        let failures = [
            "G52270120100901001", "J12345678901234567", "G5227012010O9010010", "G522701201009010011",
            "G522701201013010013", "G11010519491231002X", "5.2012220110202E+17", "QL202600001",
        ].map { failure(StatusNumber.parse($0)) }
        for (index, error) in failures.enumerated() {
            guard let error else {
                Issue.record("case \(index) did not fail")
                continue
            }
            let isChinese = error.chineseMessage.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }
            #expect(isChinese, "case \(index): \(error.chineseMessage)")
        }
    }
}
