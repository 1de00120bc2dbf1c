import Testing
@testable import PathwayLetters

@Suite("Plain-text letters wrap as a reader expects")
struct PlainTextLayoutTests {
    @Test("English wraps between words, never over 72 columns")
    func english() {
        let line = String(repeating: "plain words in a sentence ", count: 8)
        let lines = PlainTextLayout.wrap(line, width: 72)
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { PlainTextLayout.columns($0) <= 72 })
        #expect(lines.joined(separator: " ") == line.trimmingWhitespace())
    }

    @Test("Chinese wraps between characters, 36 to a line, with no comma or full stop at a line's start")
    func chinese() {
        let line = "　　" + String(repeating: "我们会尽力帮助，", count: 12)
        let lines = PlainTextLayout.wrap(line, width: 72)
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { PlainTextLayout.columns($0) <= 72 })
        #expect(lines.dropFirst().allSatisfy { !$0.hasPrefix("，") && !$0.hasPrefix(" ") })
        #expect(lines.joined() == line)
    }

    @Test("list items and labelled values keep their continuation lines under their text")
    func hanging() {
        let item = PlainTextLayout.wrap("    - " + String(repeating: "reason ", count: 20), width: 40)
        #expect(item.dropFirst().allSatisfy { $0.hasPrefix("      ") && !$0.hasPrefix("       ") })
        let label = PlainTextLayout.wrap("    Boarding:    " + String(repeating: "word ", count: 20), width: 40)
        #expect(label.dropFirst().allSatisfy { $0.hasPrefix(String(repeating: " ", count: 17)) })
    }

    @Test("blank-line runs fold into one, and a word longer than the line is cut rather than lost")
    func foldingAndLongWords() {
        #expect(PlainTextLayout.layout("a\n\n\n\nb\n") == "a\n\nb\n")
        let long = String(repeating: "x", count: 100)
        let lines = PlainTextLayout.wrap(long, width: 72)
        #expect(lines.joined() == long)
        #expect(lines.allSatisfy { PlainTextLayout.columns($0) <= 72 })
    }
}
