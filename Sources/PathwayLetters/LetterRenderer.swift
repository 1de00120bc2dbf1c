import Foundation
import Mustache
import PathwayCore

/// Turns referral letters into printable text with a checked set of templates.
///
/// Build one per batch (templates are parsed and checked once, in `init`), then render as many
/// letters as needed; rendering itself cannot fail. Every value is escaped in HTML, because a
/// student's name is data typed by someone else and ends up in a page a browser opens: HTML
/// templates see their context only through `EscapedParent`.
public struct LetterRenderer: Sendable {
    public let templates: LetterTemplates

    /// With the templates shipped with Pathway.
    public init() throws {
        templates = try LetterTemplates.bundled()
    }

    /// With the templates in `templatesFolder` (`pathway letters render --templates DIR`).
    ///
    /// - Throws: `LetterTemplateError` naming the missing or broken file.
    public init(templatesFolder: URL) throws {
        templates = try LetterTemplates(folder: templatesFolder)
    }

    public init(templates: LetterTemplates) {
        self.templates = templates
    }

    /// One letter, as a whole HTML page or as wrapped plain text.
    public func render(_ letter: ReferralLetter, kind: LetterKind, language: Language, format: LetterFormat) -> String {
        renderLetter(LetterContext(letter, kind: kind, language: language, format: format), language: language, format: format)
            .file
    }

    /// A letter's own file (a whole HTML page, or wrapped text), and its page as the print files
    /// hold it.
    func renderLetter(_ context: LetterContext, language: Language, format: LetterFormat) -> (file: String, page: String) {
        let page = page(context)
        switch format {
        case .html:
            let title = "\(context.referenceNumber) \(context.student.name)"
            guard let frame = frame(pageCount: 1, page: { _ in context }, language: language, title: title) else {
                return (document(pages: [context], language: language, title: title), page)
            }
            return (frame[0] + page + frame[1], page)
        case .txt:
            return (PlainTextLayout.layout(page, breaksInsideWideRuns: language == .chinese), page)
        }
    }

    /// Every letter on one HTML page made for printing: an A4 sheet per letter, bundle after
    /// bundle in the order given, each with a cover sheet on top saying whom it goes to.
    /// (`LetterBatchWriter` writes the same page piece by piece, without holding it whole.)
    public func renderPrintable(_ bundles: [LetterBundle], language: Language) -> String {
        let pages = PrintablePages(bundles, language: language)
        return document(pages: (0..<pages.count).map(pages.context), language: language, title: pages.title)
    }

    /// What a page's own template makes of it (a letter's or a cover's), as `document.html`
    /// places it inside the page's `<section>`.
    func page(_ context: some PageContext) -> String {
        render(context, withTemplate: context.template)
    }

    /// `template` over `context`, which an HTML template sees only through `EscapedParent`.
    private func render(_ context: any MustacheParent, withTemplate template: String) -> String {
        let seen: Any = LetterTemplates.isHTML(template) ? EscapedParent(base: context) : context
        return templates.library.render(seen, withTemplate: template) ?? ""
    }

    /// `document.html` around `pageCount` pages, cut where each page's own template goes:
    /// `pageCount + 1` pieces, so that page `i` is written between pieces `i` and `i + 1`. The
    /// document's own parts around a page still see that page's names (`lang`, `kind`), which
    /// `page` gives when the document reaches it; the pages' templates are not run. Nil when
    /// the template does not place every page exactly once in order, or when a value holds the
    /// mark: `document(pages:)` then renders the whole document instead.
    func frame(
        pageCount: Int, page: @escaping (Int) -> any PageContext, language: Language, title: String
    ) -> [String]? {
        let slots = PageSlots(count: pageCount, lang: language.htmlTag, page: page)
        let context = DocumentContext(lang: language.htmlTag, title: title, pages: slots, pageCount: pageCount)
        let text = render(context, withTemplate: LetterTemplates.documentName)
        let pieces = Self.pieces(of: text, cutAt: LetterTemplates.slotMark)
        return pieces.count == pageCount + 1 ? pieces : nil
    }

    /// `text` cut at each `mark`, a mark that starts with a NUL: found byte by byte, since
    /// Foundation's `components(separatedBy:)` cost a tenth of a batch's time.
    static func pieces(of text: String, cutAt mark: String) -> [String] {
        let mark = Array(mark.utf8)
        let bytes = Array(text.utf8)
        var pieces: [String] = []
        var start = 0, index = 0
        while let nul = bytes[index...].firstIndex(of: mark[0]) {
            if bytes[nul...].starts(with: mark) {
                pieces.append(String(decoding: bytes[start..<nul], as: UTF8.self))
                start = nul + mark.count
                index = start
            } else {
                index = nul + 1
            }
        }
        pieces.append(String(decoding: bytes[start...], as: UTF8.self))
        return pieces
    }

    /// The whole document rendered at once, every page's template inside it.
    func document(pages: [any PageContext], language: Language, title: String) -> String {
        let context = DocumentContext(lang: language.htmlTag, title: title, pages: pages, pageCount: pages.count)
        return render(context, withTemplate: LetterTemplates.documentName)
    }
}

/// A page of a document: a letter or a cover, naming the template that renders it
/// (`{{>*template}}` in `document.html`).
protocol PageContext: TemplateFields {
    var template: String { get }
}

extension LetterContext: PageContext {}
extension CoverContext: PageContext {}

/// The pages of a print file, in order: each bundle's cover, then its letters. Contexts are
/// built when asked for, so that a file of 100,000 letters never holds them all.
struct PrintablePages {
    private let bundles: [LetterBundle]
    private let starts: [Int]
    private let language: Language
    let count: Int
    /// Letters, covers left out.
    let letterCount: Int

    init(_ bundles: [LetterBundle], language: Language) {
        self.bundles = bundles
        self.language = language
        var starts: [Int] = []
        var next = 0
        for bundle in bundles {
            starts.append(next)
            next += 1 + bundle.letters.count
        }
        self.starts = starts
        count = next
        letterCount = next - bundles.count
    }

    var title: String {
        language == .chinese ? "转介信（共\(letterCount)封）" : "Referral letters (\(letterCount))"
    }

    /// The bundle page `index` belongs to, and its place in it: 0 for the cover, then 1… for
    /// the letters.
    func position(of index: Int) -> (bundle: Int, offset: Int) {
        // The last bundle starting at or before `index`.
        var low = 0, high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= index { low = middle } else { high = middle - 1 }
        }
        return (low, index - starts[low])
    }

    func context(_ index: Int) -> any PageContext {
        let (b, offset) = position(of: index)
        let bundle = bundles[b]
        if offset == 0 { return CoverContext(bundle, language: language) }
        return LetterContext(bundle.letters[offset - 1], kind: bundle.kind, language: language, format: .html)
    }
}

/// `document.html`'s `pages` while a frame is rendered: each page's names, but its template
/// replaced by the one-mark slot that `frame` cuts at.
struct PageSlots: MustacheSequence {
    let count: Int
    /// The pages' `lang`, the same for every page of a document.
    let lang: String
    let page: (Int) -> any PageContext

    func makeIterator() -> AnyIterator<PageSlot> {
        var next = 0
        return AnyIterator { [count, lang, page] in
            guard next < count else { return nil }
            let index = next
            next += 1
            return PageSlot(lang: lang) { page(index) }
        }
    }
}

/// A page as the document's own parts around it see it. `lang` (all the shipped document asks
/// of a page) is answered without building the page's context, which for a print file of
/// 170,000 letters took longer than the rest of its frame.
struct PageSlot: MustacheParent {
    let lang: String
    let page: () -> any PageContext

    func child(named name: String) -> Any? {
        switch name {
        case "template": LetterTemplates.slotName
        case "lang": lang
        default: page().child(named: name)
        }
    }
}

/// What `document.html` sees: the page's language and title, and the letters, each of which
/// names its own template (`{{>*template}}`).
struct DocumentContext {
    let lang: String
    let title: String
    /// `LetterContext`s and `CoverContext`s, or their slots.
    let pages: any MustacheSequence
    let pageCount: Int
}

/// What `cover.html` sees: whom a bundle goes to, how many letters, and the students' names
/// when they fit on the sheet (a class list, not a school's whole intake).
struct CoverContext {
    struct Name {
        let coverName: String
    }

    /// Names a cover lists: four columns of a sheet.
    static let namesShown = 120

    let template = LetterTemplates.coverName
    let lang: String
    let date: String
    let recipient: String
    let heading: String
    let names: [Name]
    let hasNames: Bool

    init(_ bundle: LetterBundle, language: Language) {
        let zh = language == .chinese, count = bundle.letters.count
        lang = language.htmlTag
        date = bundle.letters.first.map { LetterWording(language: language).date($0.issuedOn) } ?? ""
        recipient = LetterContext.oneLine(bundle.recipient, limit: 80) ?? "—"
        switch bundle.kind {
        case .school:
            heading = zh ? "致学校的推荐函，共\(count)封" : "\(count) referral letters to the school"
        case .family:
            heading = zh ? "家长信，共\(count)封：请按名单发给学生带回家" : "\(count) family letters: one for each student to take home"
        }
        let listed = bundle.kind == .family && count <= Self.namesShown
        names = listed ? bundle.letters.map { Name(coverName: LetterContext.oneLine($0.student.name) ?? "—") } : []
        hasNames = listed
    }
}
