/// Lays out a rendered text letter: long lines wrapped at 72 terminal columns, runs of blank
/// lines (left by sections a letter does not need) folded into one, trailing spaces removed.
///
/// Wrapping is done here rather than in the templates because the long lines are the data
/// (an address, a reason) whose length no template author can know. Chinese wraps between any
/// two characters, counting two columns each, but never puts `，。` and the like at the start of
/// a line; other text wraps between words, and in an English letter a Chinese name or address
/// inside a sentence is kept whole like a word. A line that starts with spaces, with a list mark
/// (`- `, `• `, `1. `) or with an indented label (`    Address: `), keeps its continuation lines
/// under its text.
enum PlainTextLayout {
    static let width = 72

    static func layout(_ text: String, width: Int = width, breaksInsideWideRuns: Bool = true) -> String {
        var lines: [String] = []
        var blank = false
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = trimmingTrailing(String(raw))
            if line.isEmpty {
                if !lines.isEmpty { blank = true }
                continue
            }
            if blank { lines.append(""); blank = false }
            lines += wrap(line, width: width, breaksInsideWideRuns: breaksInsideWideRuns)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One line as several, none wider than `width` unless a single word is.
    static func wrap(_ line: String, width: Int, breaksInsideWideRuns: Bool = true) -> [String] {
        guard columns(line) > width else { return [line] }
        let (prefix, hanging) = indentation(of: line)
        let body = String(line.dropFirst(prefix.count))
        var lines: [String] = []
        var current = prefix
        var currentWidth = columns(prefix)
        let hangingWidth = columns(hanging)
        for token in tokens(body, breaksInsideWideRuns: breaksInsideWideRuns) {
            let tokenWidth = columns(token)
            let isSpace = token.allSatisfy { $0 == " " }
            let atLineStart = lines.isEmpty ? current == prefix : current == hanging
            if isSpace && atLineStart { continue }
            if currentWidth + tokenWidth > width && !atLineStart {
                lines.append(trimmingTrailing(current))
                current = hanging
                currentWidth = hangingWidth
                if isSpace { continue }
            }
            if currentWidth + tokenWidth > width {
                // A word wider than the whole line: cut it where the line is full.
                for character in token {
                    let characterWidth = columns(String(character))
                    if currentWidth + characterWidth > width && current != hanging && current != prefix {
                        lines.append(trimmingTrailing(current))
                        current = hanging
                        currentWidth = hangingWidth
                    }
                    current.append(character)
                    currentWidth += characterWidth
                }
                continue
            }
            current += token
            currentWidth += tokenWidth
        }
        let last = trimmingTrailing(current)
        if !last.isEmpty && last != trimmingTrailing(hanging) { lines.append(last) }
        return lines
    }

    /// The line's leading indentation and list mark, and the indentation its continuation lines
    /// get. A Chinese paragraph's first-line indent (two ideographic spaces) is not repeated.
    static func indentation(of line: String) -> (prefix: String, hanging: String) {
        let spaces = String(line.prefix { $0 == " " })
        let rest = line.dropFirst(spaces.count)
        for mark in ["- ", "* ", "• ", "· "] where rest.hasPrefix(mark) {
            return (spaces + mark, spaces + String(repeating: " ", count: mark.count))
        }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, rest.dropFirst(digits.count).hasPrefix(". ") {
            let mark = String(digits) + ". "
            return (spaces + mark, spaces + String(repeating: " ", count: mark.count))
        }
        if !spaces.isEmpty, let label = labelWidth(of: rest) {
            let start = String(rest.prefix(label.characters))
            return (spaces + start, spaces + String(repeating: " ", count: label.columns))
        }
        if rest.hasPrefix("\u{3000}") {
            let ideographic = String(rest.prefix { $0 == "\u{3000}" })
            return (spaces + ideographic, spaces)
        }
        return (spaces, spaces)
    }

    /// For `Address:     value` or `学校地址：value`: the characters and columns up to the
    /// value, when the label is short enough to be one.
    static func labelWidth(of text: Substring) -> (characters: Int, columns: Int)? {
        var count = 0
        var width = 0
        var iterator = text.makeIterator()
        while let character = iterator.next(), width <= 24 {
            count += 1
            width += columns(String(character))
            if character == "：" {
                return (count, width)
            }
            if character == ":" {
                var rest = text.dropFirst(count)
                guard rest.first == " " else { return nil }
                while rest.first == " " {
                    rest = rest.dropFirst()
                    count += 1
                    width += 1
                }
                return (count, width)
            }
        }
        return nil
    }

    /// Units between which a line may break: words with the spaces after them as separate
    /// tokens, single wide characters, punctuation glued to what it belongs to.
    static func tokens(_ text: String, breaksInsideWideRuns: Bool = true) -> [String] {
        var tokens: [String] = []
        var word = ""
        var pendingOpen = ""
        func flushWord() {
            if !word.isEmpty { tokens.append(word); word = "" }
        }
        for character in text {
            if character == " " {
                flushWord()
                if let last = tokens.last, last.allSatisfy({ $0 == " " }) {
                    tokens[tokens.count - 1] += " "
                } else {
                    tokens.append(" ")
                }
            } else if noLineStart.contains(character) {
                // Closing punctuation stays with what it closes.
                if !word.isEmpty {
                    word.append(character)
                } else if let last = tokens.last, !last.allSatisfy({ $0 == " " }) {
                    tokens[tokens.count - 1].append(character)
                } else {
                    word.append(character)
                }
            } else if noLineEnd.contains(character) {
                flushWord()
                pendingOpen.append(character)
            } else if isWide(character) && breaksInsideWideRuns {
                flushWord()
                tokens.append(pendingOpen + String(character))
                pendingOpen = ""
            } else {
                if !pendingOpen.isEmpty { word += pendingOpen; pendingOpen = "" }
                word.append(character)
            }
        }
        flushWord()
        if !pendingOpen.isEmpty { tokens.append(pendingOpen) }
        return tokens
    }

    /// Characters that may not begin a line (Chinese typesetting's 行首禁则).
    private static let noLineStart: Set<Character> = Set("，。、；：？！）》」』”’〉】…—,.;:?!)%")
    /// Characters that may not end a line.
    private static let noLineEnd: Set<Character> = Set("（《「『“‘〈【")

    /// Terminal columns: two for East Asian wide characters, one otherwise.
    static func columns(_ text: String) -> Int {
        text.reduce(0) { $0 + (isWide($1) ? 2 : 1) }
    }

    static func isWide(_ character: Character) -> Bool {
        guard let value = character.unicodeScalars.first?.value else { return false }
        return (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value)
            || (0xAC00...0xD7A3).contains(value) || (0xF900...0xFAFF).contains(value)
            || (0xFE30...0xFE4F).contains(value) || (0xFF00...0xFF60).contains(value)
            || (0xFFE0...0xFFE6).contains(value) || (0x20000...0x3FFFD).contains(value)
    }

    private static func trimmingTrailing(_ text: String) -> String {
        var text = text
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return text
    }
}
