import Foundation
import PathwayCore
import Synchronization

/// Writes a batch of letters into a folder: one file per letter and kind, plus the print files.
///
/// Letters are rendered a chunk at a time on every core, each letter's template once: its own
/// file is written at once and its page goes on into the print files, which are written piece
/// by piece (a county's combined file of 100,000 letters is never held in memory). Everything is
/// written into a hidden staging folder inside the output folder and moved into place only when
/// the whole batch is written (`StagedLetterBatch.publish`), so a batch that fails or is killed
/// leaves none of its files among the letters; the next batch removes a killed batch's staging
/// folder. Files of an earlier batch with the same names are replaced (rendering again is how a
/// corrected letter is made).
public struct LetterBatchWriter: Sendable {
    public let renderer: LetterRenderer

    /// Letters rendered between two progress reports.
    static let chunkSize = 512

    public init(renderer: LetterRenderer) {
        self.renderer = renderer
    }

    /// Writes `letters` × `kinds` in `language` and `format` into `folder` (created if missing).
    /// For HTML also the print files, in the order letters are handed out: one per bundle
    /// (`LetterBundle`: a vocational school's letters, a junior-school class's family letters),
    /// and `combined.<lang>.html` with every bundle, each behind its cover sheet. Plain text
    /// writes no HTML at all. `progress` hears how many of the letters are written, after each
    /// chunk, on the calling thread.
    public func write(
        _ letters: [ReferralLetter], kinds: [LetterKind], language: Language, format: LetterFormat, to folder: URL,
        progress: (_ written: Int, _ total: Int) -> Void = { _, _ in }
    ) throws -> LetterBatch {
        let staged = try stage(letters, kinds: kinds, language: language, format: format, in: folder, progress: progress)
        defer { staged.discard() }
        try staged.publish()
        return staged.batch
    }

    /// Writes the batch `write` would, but into a staging folder inside `folder`: nothing is in
    /// place until `publish()` (which a caller does once it has recorded the export), and
    /// `discard()` removes whatever was not published.
    public func stage(
        _ letters: [ReferralLetter], kinds: [LetterKind], language: Language, format: LetterFormat, in folder: URL,
        progress: (_ written: Int, _ total: Int) -> Void = { _, _ in }
    ) throws -> StagedLetterBatch {
        let bundles = LetterBundle.bundles(letters, kinds: kinds)
        var used: Set<String> = [Self.combinedName(language: language)]
        var planned: [PlannedLetter] = []
        for bundle in bundles {
            for letter in bundle.letters {
                let base = LetterFileName.name(
                    referenceNumber: letter.referenceNumber, kind: bundle.kind, studentName: letter.student.name,
                    language: language, format: format)
                let name = Self.unique(base, used: &used)
                planned.append(PlannedLetter(
                    letter: letter,
                    written: WrittenLetter(
                        referenceNumber: letter.referenceNumber, studentID: letter.student.id, kind: bundle.kind,
                        file: folder.appendingPathComponent(name))))
            }
        }
        var prints: [PrintFile] = []
        if format == .html {
            for bundle in bundles {
                let name = Self.unique("\(bundle.fileStem).\(language.rawValue).html", used: &used)
                prints.append(PrintFile(
                    recipient: bundle.recipient, kind: bundle.kind, letters: bundle.letters.count,
                    file: folder.appendingPathComponent(name)))
            }
            prints.append(PrintFile(
                recipient: nil, kind: nil, letters: planned.count,
                file: folder.appendingPathComponent(Self.combinedName(language: language))))
        }
        let batch = LetterBatch(letters: planned.map(\.written), prints: prints, bundleCount: bundles.count)

        let staged = try StagedLetterBatch(batch: batch, folder: folder)
        do {
            let printing = format == .html
                ? PrintRun(bundles: bundles, files: prints.map { staged.staging($0.file) }, renderer: renderer, language: language)
                : nil
            var written = 0
            while written < planned.count {
                let chunk = planned[written..<min(planned.count, written + Self.chunkSize)]
                let pages = try render(chunk, language: language, format: format, into: staged)
                try printing?.append(pages)
                written += chunk.count
                progress(written, planned.count)
            }
            try printing?.finish()
        } catch {
            staged.discard()
            throw error
        }
        return staged
    }

    /// Renders `chunk` on every core and writes each letter's own file; returns the letters'
    /// pages in order for the print files, none for plain text, which has no print files.
    private func render(
        _ chunk: ArraySlice<PlannedLetter>, language: Language, format: LetterFormat, into staged: StagedLetterBatch
    ) throws -> [String] {
        let pages = Mutex([String](repeating: "", count: format == .html ? chunk.count : 0))
        let failure = Mutex<(any Error)?>(nil)
        let renderer = renderer
        DispatchQueue.concurrentPerform(iterations: chunk.count) { index in
            let planned = chunk[chunk.startIndex + index]
            let context = LetterContext(planned.letter, kind: planned.written.kind, language: language, format: format)
            let (file, page) = renderer.renderLetter(context, language: language, format: format)
            do {
                try Self.write(Data(file.utf8), to: staged.staging(planned.written.file), naming: planned.written.file)
            } catch {
                failure.withLock { if $0 == nil { $0 = error } }
            }
            if format == .html { pages.withLock { $0[index] = page } }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        return pages.withLock { $0 }
    }

    /// Writes `data` to `path` (in the staging folder), replacing it; a failure names `file`,
    /// where the letter goes. Unlike `Data.write`, which waits for the disk (`fsync`) on every
    /// file, it leaves the flushing to the system, and it writes in place rather than under a
    /// temporary name of its own: a batch of 170,000 letters spent a sixth of its time waiting
    /// for the disk and a tenth creating and renaming the temporary files.
    static func write(_ data: Data, to path: URL, naming file: URL) throws {
        try append(data, to: try create(path, flags: O_TRUNC, file: file), file: file)
    }

    /// `path` opened for writing, created if missing; `flags` adds `O_TRUNC` or `O_EXCL`. A
    /// failure names `file`, the file the user asked for.
    static func create(_ path: URL, flags: Int32, file: URL? = nil) throws -> FileHandle {
        let descriptor = open(path.path, O_WRONLY | O_CREAT | O_CLOEXEC | flags, 0o644)
        guard descriptor >= 0 else { throw LetterFileError(path: (file ?? path).path, code: errno) }
        return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    /// `data` at the end of `handle`, and a failure said with the file's path.
    static func append(_ data: Data, to handle: FileHandle, file: URL, closing: Bool = true) throws {
        do {
            try handle.write(contentsOf: data)
            if closing { try handle.close() }
        } catch {
            throw LetterFileError(path: file.path, error: error)
        }
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

    /// Every file: the letters, then the print files.
    public var files: [URL] { letters.map(\.file) + prints.map(\.file) }

    /// Sheets the combined file prints on: one per letter and one per cover.
    public var pageCount: Int { prints.isEmpty ? 0 : letters.count + bundleCount }
}

/// A letter of the batch and the file it goes to.
private struct PlannedLetter: Sendable {
    let letter: ReferralLetter
    let written: WrittenLetter
}

/// The print files of a batch as their pages arrive: each bundle's file and the combined one,
/// each behind a cover sheet per bundle.
private final class PrintRun {
    private let bundles: [LetterBundle]
    private let files: [URL]
    private let renderer: LetterRenderer
    private let language: Language
    private let combined: PrintStream
    /// The bundle whose letters arrive now, its file, and how many of its letters are in.
    private var bundle = 0
    private var current: PrintStream?
    private var inBundle = 0

    /// `files`: one per bundle, then the combined one.
    init(bundles: [LetterBundle], files: [URL], renderer: LetterRenderer, language: Language) {
        self.bundles = bundles
        self.files = files
        self.renderer = renderer
        self.language = language
        combined = PrintStream(bundles, to: files[bundles.count], renderer: renderer, language: language)
    }

    /// The next letters' pages, in bundle order.
    func append(_ pages: [String]) throws {
        for page in pages {
            try openBundleIfNeeded()
            try current?.write(page)
            try combined.write(page)
            inBundle += 1
        }
    }

    /// Writes what is left of every file and gives each its name.
    func finish() throws {
        try openBundleIfNeeded()
        try current?.finish()
        current = nil
        try combined.finish()
    }

    /// Finishes the bundles whose letters are all in and starts the next, with its cover.
    private func openBundleIfNeeded() throws {
        while bundle < bundles.count, current == nil || inBundle == bundles[bundle].letters.count {
            if current != nil {
                try current?.finish()
                current = nil
                bundle += 1
                inBundle = 0
                continue
            }
            let stream = PrintStream([bundles[bundle]], to: files[bundle], renderer: renderer, language: language)
            current = stream
            let cover = renderer.page(CoverContext(bundles[bundle], language: language))
            try stream.write(cover)
            try combined.write(cover)
        }
    }
}

/// One print file written page by page into the staging folder: `document.html` cut into the
/// pieces between pages (`LetterRenderer.frame`), or, when the template cannot be cut, the whole
/// document rendered at the end.
private final class PrintStream {
    private let bundles: [LetterBundle]
    private let target: URL
    private let renderer: LetterRenderer
    private let language: Language
    private let pieces: [String]?
    private var next = 0
    private var pending = ""
    private var handle: FileHandle?

    init(_ bundles: [LetterBundle], to target: URL, renderer: LetterRenderer, language: Language) {
        self.bundles = bundles
        self.target = target
        self.renderer = renderer
        self.language = language
        let pages = PrintablePages(bundles, language: language)
        pieces = renderer.frame(pageCount: pages.count, page: pages.context, language: language, title: pages.title)
    }

    func write(_ page: String) throws {
        guard let pieces else { return }
        pending += pieces[next]
        pending += page
        next += 1
        if pending.utf8.count >= 1 << 20 { try flush() }
    }

    func finish() throws {
        if let pieces {
            pending += pieces[next]
        } else {
            pending = renderer.renderPrintable(bundles, language: language)
        }
        try flush()
        try handle?.close()
        handle = nil
    }

    private func flush() throws {
        if handle == nil { handle = try LetterBatchWriter.create(target, flags: O_TRUNC) }
        if let handle { try LetterBatchWriter.append(Data(pending.utf8), to: handle, file: target, closing: false) }
        pending = ""
    }
}

/// A batch written into a staging folder inside its output folder, not yet in place.
///
/// The staging folder is `.pathway-letters-<pid>-<uuid>.<host>`: hidden, on the same file
/// system as the letters (so moving a file is a rename), and named after the process and the
/// machine that write it, so that a later batch on the same machine can tell a killed batch's
/// folder (its process is gone) from one being written now, and remove it. Another machine's
/// folder (a shared output folder) is left alone.
public final class StagedLetterBatch: @unchecked Sendable {
    /// The files as they will be once published.
    public let batch: LetterBatch
    let stagingFolder: URL
    /// Files moved into place so far; all of them once published.
    public private(set) var moved = 0

    static let prefix = ".pathway-letters-"

    init(batch: LetterBatch, folder: URL) throws {
        self.batch = batch
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw LetterFileError(path: folder.path, error: error)
        }
        Self.removeAbandoned(in: folder)
        stagingFolder = folder.appendingPathComponent("\(Self.prefix)\(getpid())-\(UUID().uuidString).\(Self.host)")
        guard mkdir(stagingFolder.path, 0o700) == 0 else { throw LetterFileError(path: folder.path, code: errno) }
    }

    /// Where `file` (a path of `batch`) is written until it is published.
    func staging(_ file: URL) -> URL {
        stagingFolder.appendingPathComponent(file.lastPathComponent)
    }

    /// Moves every file into the output folder, the print files last, and removes the staging
    /// folder. A folder where a file should go is found before anything moves; a file that
    /// still cannot be moved stops it there, naming the file.
    public func publish() throws {
        let files = batch.files
        for file in files {
            var status = stat()
            if lstat(file.path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
                throw LetterFileError(path: file.path, code: EISDIR)
            }
        }
        for file in files {
            guard rename(staging(file).path, file.path) == 0 else { throw LetterFileError(path: file.path, code: errno) }
            moved += 1
        }
        try? FileManager.default.removeItem(at: stagingFolder)
    }

    /// Removes the staging folder with whatever it still holds; nothing once published.
    public func discard() {
        guard moved < batch.files.count else { return }
        try? FileManager.default.removeItem(at: stagingFolder)
    }

    /// This machine's name, as staging folders carry it.
    static let host: String = {
        var name = [CChar](repeating: 0, count: 256)
        guard gethostname(&name, name.count - 1) == 0 else { return "localhost" }
        let bytes = name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return LetterFileName.safePart(String(decoding: bytes, as: UTF8.self), fallback: "localhost")
    }()

    /// Removes the staging folders of this machine's batches whose process is gone (a killed `letters render`),
    /// and the temporary print files (`.combined.zh.html.<uuid>`) that versions before staging
    /// left behind when they were killed.
    static func removeAbandoned(in folder: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasPrefix(".") {
            if name.hasPrefix(prefix) {
                // `<pid>-<uuid of 36>.<host>`
                let rest = name.dropFirst(prefix.count)
                let pid = rest.prefix { $0.isNumber }
                guard let pid = Int32(pid), rest.dropFirst(pid.description.count + 1 + 36) == "." + host,
                      kill(pid, 0) != 0, errno == ESRCH
                else { continue }
            } else {
                // `.NAME.html.` and a UUID of 36 characters.
                let stem = name.dropLast(37)
                guard name.count > 37, name.dropFirst(name.count - 37).first == ".",
                      UUID(uuidString: String(name.suffix(36))) != nil, stem.hasSuffix(".html") else { continue }
            }
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }
}
