import Foundation
import PathwayCore

/// Writes a batch of letters into a folder: one file per letter and kind, plus one combined HTML
/// page to print them all at once.
///
/// Everything is rendered before the first file is written, so a batch never stops half-way for
/// a template reason; files are written atomically, so a reader never sees half a letter.
/// Files of an earlier batch with the same names are replaced (rendering again is how a
/// corrected letter is made).
public struct LetterBatchWriter: Sendable {
    public let renderer: LetterRenderer

    public init(renderer: LetterRenderer) {
        self.renderer = renderer
    }

    /// Writes `letters` × `kinds` in `language` and `format` into `folder` (created if missing),
    /// and `combined.<lang>.html` with every letter on its own A4 page whatever `format` is,
    /// because that is the file an office prints.
    public func write(
        _ letters: [ReferralLetter], kinds: [LetterKind], language: Language, format: LetterFormat, to folder: URL
    ) throws -> LetterBatch {
        var used: Set<String> = [Self.combinedName(language: language)]
        var planned: [(WrittenLetter, String)] = []
        for kind in kinds {
            for letter in letters {
                let base = LetterFileName.name(
                    referenceNumber: letter.referenceNumber, kind: kind, studentName: letter.student.name,
                    language: language, format: format)
                let name = Self.unique(base, used: &used)
                let text = renderer.render(letter, kind: kind, language: language, format: format)
                let written = WrittenLetter(
                    referenceNumber: letter.referenceNumber, studentID: letter.student.id, kind: kind,
                    file: folder.appendingPathComponent(name))
                planned.append((written, text))
            }
        }
        let combined = renderer.renderPrintable(letters, kinds: kinds, language: language)
        let combinedURL = folder.appendingPathComponent(Self.combinedName(language: language))

        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (written, text) in planned {
            try Data(text.utf8).write(to: written.file, options: .atomic)
        }
        try Data(combined.utf8).write(to: combinedURL, options: .atomic)
        return LetterBatch(letters: planned.map(\.0), combined: combinedURL, pageCount: planned.count)
    }

    /// `combined.zh.html`: one per language, so Chinese and English batches can share a folder.
    public static func combinedName(language: Language) -> String {
        "combined.\(language.rawValue).html"
    }

    /// `name`, or `name` with `-2`, `-3`… before its extensions when two letters would share it
    /// (two referrals with references that differ only in unsafe characters).
    static func unique(_ name: String, used: inout Set<String>) -> String {
        guard used.contains(name) else {
            used.insert(name)
            return name
        }
        let dot = name.firstIndex(of: ".") ?? name.endIndex
        let stem = name[..<dot]
        let extensions = name[dot...]
        var counter = 2
        while used.contains("\(stem)-\(counter)\(extensions)") { counter += 1 }
        let candidate = "\(stem)-\(counter)\(extensions)"
        used.insert(candidate)
        return candidate
    }
}

/// One letter file a batch wrote.
public struct WrittenLetter: Sendable, Hashable, Codable {
    public let referenceNumber: String
    public let studentID: String
    public let kind: LetterKind
    public let file: URL
}

/// What a batch wrote: the letters in the order of the combined page, and the combined page.
public struct LetterBatch: Sendable, Hashable, Codable {
    public let letters: [WrittenLetter]
    /// The printable HTML with every letter on its own A4 page.
    public let combined: URL
    /// Pages in the combined file: one per letter.
    public let pageCount: Int
}
