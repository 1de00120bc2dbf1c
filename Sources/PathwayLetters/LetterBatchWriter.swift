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

    /// Writes `letters` × `kinds` in `language` and `format` into `folder` (created if missing).
    /// For HTML also the print files, in the order letters are handed out: one per bundle
    /// (`LetterBundle`: a vocational school's letters, a junior-school class's family letters),
    /// and `combined.<lang>.html` with every bundle, each behind its cover sheet. Plain text
    /// writes no HTML at all.
    public func write(
        _ letters: [ReferralLetter], kinds: [LetterKind], language: Language, format: LetterFormat, to folder: URL
    ) throws -> LetterBatch {
        let bundles = LetterBundle.bundles(letters, kinds: kinds)
        var used: Set<String> = [Self.combinedName(language: language)]
        var planned: [(WrittenLetter, String)] = []
        for bundle in bundles {
            for letter in bundle.letters {
                let base = LetterFileName.name(
                    referenceNumber: letter.referenceNumber, kind: bundle.kind, studentName: letter.student.name,
                    language: language, format: format)
                let name = Self.unique(base, used: &used)
                let text = renderer.render(letter, kind: bundle.kind, language: language, format: format)
                let written = WrittenLetter(
                    referenceNumber: letter.referenceNumber, studentID: letter.student.id, kind: bundle.kind,
                    file: folder.appendingPathComponent(name))
                planned.append((written, text))
            }
        }
        var prints: [(PrintFile, String)] = []
        if format == .html {
            for bundle in bundles {
                let name = Self.unique("\(bundle.fileStem).\(language.rawValue).html", used: &used)
                prints.append((
                    PrintFile(recipient: bundle.recipient, kind: bundle.kind, letters: bundle.letters.count,
                              file: folder.appendingPathComponent(name)),
                    renderer.renderPrintable([bundle], language: language)))
            }
            prints.append((
                PrintFile(recipient: nil, kind: nil, letters: planned.count,
                          file: folder.appendingPathComponent(Self.combinedName(language: language))),
                renderer.renderPrintable(bundles, language: language)))
        }

        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (written, text) in planned {
            try Data(text.utf8).write(to: written.file, options: .atomic)
        }
        for (file, text) in prints {
            try Data(text.utf8).write(to: file.file, options: .atomic)
        }
        return LetterBatch(letters: planned.map(\.0), prints: prints.map(\.0), bundleCount: bundles.count)
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

/// One print file: a bundle's, or the combined one (`recipient` and `kind` nil).
public struct PrintFile: Sendable, Hashable, Codable {
    public let recipient: String?
    public let kind: LetterKind?
    public let letters: Int
    public let file: URL
}

/// What a batch wrote: the letters in the order of the print files, and the print files.
public struct LetterBatch: Sendable, Hashable, Codable {
    public let letters: [WrittenLetter]
    /// Each bundle's print file, then the combined one; none for plain text.
    public let prints: [PrintFile]
    /// Bundles, each behind a cover sheet of its own in the print files.
    public let bundleCount: Int

    /// The printable HTML with every bundle, nil for plain text.
    public var combined: URL? { prints.last?.file }

    /// Sheets the combined file prints on: one per letter and one per cover.
    public var pageCount: Int { prints.isEmpty ? 0 : letters.count + bundleCount }
}
