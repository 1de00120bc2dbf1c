import Foundation
import PathwayCore
import Testing
@testable import PathwayLetters

/// Letters rendered once each, on every core, and the print files written piece by piece: the
/// same bytes as rendering every document whole through Mustache.
@Suite("Letters rendered once, on every core")
struct LetterRenderingTests {
    /// Every wording case, hostile names, two junior schools (two family bundles) and enough
    /// letters for several chunks.
    static func letters() -> [ReferralLetter] {
        var letters = LetterPrintTests.hostile()
        for index in 0..<(LetterBatchWriter.chunkSize + 40) {
            var letter = LetterFixtures.letter(name: index % 7 == 0 ? "<b>&\"'\(index)" : "学生\(index)", reference: "QL-\(index)")
            letter.student.juniorSchool = index % 3 == 0 ? "云台乡九年制学校" : "城关镇第一中学"
            letter.wishOutcome = index % 2 == 0 ? .noWishes : .wish(WishMatch(kind: .program, position: 1 + index % 3))
            letters.append(letter)
        }
        return letters
    }

    @Test("each print file and each letter's file is what rendering the whole document gives", arguments: Language.allCases)
    func sameAsWholeDocuments(language: Language) throws {
        let folder = try LetterFixtures.temporaryFolder("rendering")
        defer { try? FileManager.default.removeItem(at: folder) }
        let renderer = try LetterRenderer()
        let letters = Self.letters()
        var reports: [(Int, Int)] = []
        let batch = try LetterBatchWriter(renderer: renderer).write(
            letters, kinds: LetterKind.allCases, language: language, format: .html, to: folder) { reports.append(($0, $1)) }
        #expect(batch.letters.count == letters.count * 2)
        // Progress after each chunk, rising to the whole.
        #expect(reports.count == (batch.letters.count + LetterBatchWriter.chunkSize - 1) / LetterBatchWriter.chunkSize)
        #expect(reports.map(\.0) == reports.map(\.0).sorted() && reports.last?.0 == batch.letters.count)
        #expect(reports.allSatisfy { $0.1 == batch.letters.count })

        let bundles = LetterBundle.bundles(letters, kinds: LetterKind.allCases)
        #expect(batch.prints.count == bundles.count + 1 && bundles.count >= 4)
        for (print, bundle) in zip(batch.prints, bundles) {
            #expect(try String(contentsOf: print.file, encoding: .utf8) == renderer.renderPrintable([bundle], language: language))
        }
        let combined = try String(contentsOf: try #require(batch.combined), encoding: .utf8)
        #expect(combined == renderer.renderPrintable(bundles, language: language))
        for written in batch.letters.prefix(40) {
            let letter = try #require(letters.first { $0.referenceNumber == written.referenceNumber })
            let context = LetterContext(letter, kind: written.kind, language: language, format: .html)
            let whole = renderer.document(
                pages: [context], language: language, title: "\(context.referenceNumber) \(context.student.name)")
            #expect(try String(contentsOf: written.file, encoding: .utf8) == whole)
        }
        let hidden = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }
        #expect(hidden.isEmpty, "no temporary file is left")
    }

    @Test("a document template that does not place each page once is rendered whole, and still right")
    func documentThatCannotBeCut() throws {
        let templates = try LetterFixtures.temporaryFolder("templates")
        defer { try? FileManager.default.removeItem(at: templates) }
        _ = try LetterTemplates.writeDefaults(to: templates)
        // Each page twice, the second time only in a print file's index.
        let document = templates.appendingPathComponent("document.html.mustache")
        let text = try String(contentsOf: document, encoding: .utf8)
            .replacingOccurrences(of: "{{/pages}}\n", with: "{{/pages}}\n<!-- {{pageCount}} -->{{#pages}}<i>{{>*template}}</i>{{/pages}}\n")
        try Data(text.utf8).write(to: document)
        let renderer = try LetterRenderer(templatesFolder: templates)
        let letters = Array(Self.letters().prefix(6))
        #expect(renderer.frame(pageCount: 1, page: { _ in LetterContext(letters[0], kind: .school, language: .chinese, format: .html) },
                               language: .chinese, title: "t") == nil)
        let folder = try LetterFixtures.temporaryFolder("uncut")
        defer { try? FileManager.default.removeItem(at: folder) }
        let batch = try LetterBatchWriter(renderer: renderer).write(
            letters, kinds: [.family], language: .chinese, format: .html, to: folder)
        let bundles = LetterBundle.bundles(letters, kinds: [.family])
        let combined = try String(contentsOf: try #require(batch.combined), encoding: .utf8)
        #expect(combined == renderer.renderPrintable(bundles, language: .chinese))
        #expect(LetterFixtures.count("<i><article class=\"letter family\">", in: combined) == letters.count)
    }

    @Test("a frame is cut at each mark, wherever it stands, and only there")
    func cutting() {
        let mark = LetterTemplates.slotMark
        #expect(LetterRenderer.pieces(of: "", cutAt: mark) == [""])
        #expect(LetterRenderer.pieces(of: mark, cutAt: mark) == ["", ""])
        #expect(LetterRenderer.pieces(of: "a\(mark)\(mark)b\u{0}pag\u{0}页\(mark)", cutAt: mark) == ["a", "", "b\u{0}pag\u{0}页", ""])
        #expect(LetterRenderer.pieces(of: "无标记 no mark", cutAt: mark) == ["无标记 no mark"])
    }

    @Test("one-line texts lose every control and line separator, and keep everything else as it is")
    func oneLine() {
        #expect(LetterContext.oneLine("a\u{0}b\u{1B}c\u{7F}d\u{85}e\u{9F}f\u{2028}g\u{2029}h\ni") == "a b c d e f g h i")
        #expect(LetterContext.oneLine("阿依古丽·买买提 José ½ — “引号”") == "阿依古丽·买买提 José ½ — “引号”")
        #expect(LetterContext.oneLine(" \u{2028}\t ") == nil)
        // A right-to-left override (from data that came in before the import refused it, or
        // the county's own profile) is dropped, not printed: the name reads as stored.
        #expect(LetterContext.oneLine("evil\u{202E}lmth.exe\u{2066}\u{061C}") == "evillmth.exe")
        #expect(LetterContext.oneLine("a" + String(repeating: "\u{0301}", count: 300)) == "a" + String(repeating: "\u{0301}", count: 4))
        #expect(LetterContext.oneLine(String(repeating: "长", count: 41)) == String(repeating: "长", count: 39) + "…")
    }

    @Test("a print file that cannot be written fails the batch and leaves no temporary file")
    func failedPrintFile() throws {
        let folder = try LetterFixtures.temporaryFolder("blocked")
        defer { try? FileManager.default.removeItem(at: folder) }
        // A folder where the combined file should go: renaming onto it fails.
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent(LetterBatchWriter.combinedName(language: .chinese)).appendingPathComponent("x"),
            withIntermediateDirectories: true)
        let writer = LetterBatchWriter(renderer: try LetterRenderer())
        let combined = folder.appendingPathComponent(LetterBatchWriter.combinedName(language: .chinese))
        #expect(throws: LetterFileError(path: combined.path, reason: "Is a directory")) {
            try writer.write(Self.letters(), kinds: [.school], language: .chinese, format: .html, to: folder)
        }
        // A letter's own file in the way stops the batch at that letter, with its path.
        let letterFolder = try LetterFixtures.temporaryFolder("blocked-letter")
        defer { try? FileManager.default.removeItem(at: letterFolder) }
        let first = try writer.write(Array(Self.letters().prefix(1)), kinds: [.school], language: .chinese, format: .txt, to: letterFolder)
        let file = try #require(first.letters.first).file
        try FileManager.default.removeItem(at: file)
        try FileManager.default.createDirectory(at: file, withIntermediateDirectories: false)
        #expect(throws: LetterFileError(path: file.path, reason: "Is a directory")) {
            try writer.write(Array(Self.letters().prefix(1)), kinds: [.school], language: .chinese, format: .txt, to: letterFolder)
        }
        let hidden = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }
        #expect(hidden.isEmpty)
    }

    @Test("a batch is written aside and moved into place whole; the next batch removes what a killed one left")
    func stagedBatch() throws {
        let folder = try LetterFixtures.temporaryFolder("staged")
        defer { try? FileManager.default.removeItem(at: folder) }
        func names(hidden: Bool) throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") == hidden }.sorted()
        }
        let writer = LetterBatchWriter(renderer: try LetterRenderer())
        let staged = try writer.stage(Self.letters(), kinds: [.school, .family], language: .chinese, format: .html, in: folder)
        #expect(try names(hidden: false).isEmpty)
        #expect(staged.batch.letters.allSatisfy { !FileManager.default.fileExists(atPath: $0.file.path) })

        // What a killed render leaves: the staging folder of a process that is gone, and the
        // temporary print file of a version before staging.
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        let abandoned = folder.appendingPathComponent(
            ".pathway-letters-\(gone.processIdentifier)-\(UUID().uuidString).\(StagedLetterBatch.host)")
        // The same, written on another machine sharing the folder: not ours to judge.
        let elsewhere = ".pathway-letters-\(gone.processIdentifier)-\(UUID().uuidString).another-host"
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(elsewhere), withIntermediateDirectories: false)
        try FileManager.default.createDirectory(at: abandoned, withIntermediateDirectories: false)
        try Data("half a letter".utf8).write(to: abandoned.appendingPathComponent("R1_school_x.zh.html"))
        try Data().write(to: folder.appendingPathComponent(".combined.zh.html.\(UUID().uuidString)"))
        let someoneElses = folder.appendingPathComponent(".notes.html")
        try Data().write(to: someoneElses)

        let batch = try writer.write(Self.letters(), kinds: [.school], language: .chinese, format: .html, to: folder)
        // A batch still being written (this process's) is left alone, and so is a file that is not Pathway's.
        #expect(try names(hidden: true) == [".notes.html", elsewhere, staged.stagingFolder.lastPathComponent].sorted())
        #expect(try names(hidden: false).count == batch.letters.count + batch.prints.count)
        staged.discard()
        #expect(try names(hidden: true) == [".notes.html", elsewhere].sorted())
    }

    @Test("every context answers templates by each of its stored properties, the same values Mirror finds")
    func fieldTablesMatchTheTypes() throws {
        var checked: Set<String> = []
        for letter in LetterPrintTests.hostile() + Self.letters().suffix(3) {
            for kind in LetterKind.allCases {
                check(LetterContext(letter, kind: kind, language: .chinese, format: .html), checked: &checked)
            }
        }
        for bundle in LetterBundle.bundles(Self.letters(), kinds: LetterKind.allCases) {
            check(CoverContext(bundle, language: .english), checked: &checked)
        }
        let bundle = try #require(LetterBundle.bundles(Self.letters(), kinds: [.school]).first)
        let pages = PageSlots(count: 0, lang: "zh-CN") { _ in CoverContext(bundle, language: .chinese) }
        check(DocumentContext(lang: "zh-CN", title: "t", pages: pages, pageCount: 0), checked: &checked)
        // Every type that templates read was reached.
        #expect(checked.count == 14, "\(checked.sorted())")
    }

    /// `value`'s table against its stored properties, then the same for what it holds.
    private func check(_ value: Any, checked: inout Set<String>) {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional || mirror.displayStyle == .collection {
            for child in mirror.children { check(child.value, checked: &checked) }
            return
        }
        guard let fields = value as? any TemplateFields else { return }
        checked.insert(String(describing: type(of: value)))
        let labels = mirror.children.compactMap(\.label)
        #expect(Set(labels) == Set(Self.names(of: fields)), "\(type(of: value))")
        for child in mirror.children {
            guard let label = child.label else { continue }
            let viaTable = fields.child(named: label)
            let direct: Any? = { () -> Any? in
                let inner = Mirror(reflecting: child.value)
                guard inner.displayStyle == .optional else { return child.value }
                return inner.children.first?.value
            }()
            #expect(viaTable.map { String(describing: $0) } == direct.map { String(describing: $0) }, "\(type(of: value)).\(label)")
            check(child.value, checked: &checked)
        }
    }

    private static func names<T: TemplateFields>(of value: T) -> [String] { Array(T.fields.keys) }
}
