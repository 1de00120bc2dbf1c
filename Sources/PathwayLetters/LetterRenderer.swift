import Foundation
import Mustache
import PathwayCore

/// Turns referral letters into printable text with a checked set of templates.
///
/// Build one per batch (templates are parsed and checked once, in `init`), then render as many
/// letters as needed; rendering itself cannot fail. Every value is escaped in HTML, because a
/// student's name is data typed by someone else and ends up in a page a browser opens.
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
        let context = LetterContext(letter, kind: kind, language: language, format: format)
        switch format {
        case .html:
            return document(pages: [context], language: language, title: "\(context.referenceNumber) \(context.student.name)")
        case .txt:
            let text = templates.library.render(context, withTemplate: context.template) ?? ""
            return PlainTextLayout.layout(text, breaksInsideWideRuns: language == .chinese)
        }
    }

    /// Every letter on one HTML page made for printing: an A4 sheet per letter, bundle after
    /// bundle in the order given, each with a cover sheet on top saying whom it goes to.
    public func renderPrintable(_ bundles: [LetterBundle], language: Language) -> String {
        var pages: [Any] = []
        var letters = 0
        for bundle in bundles {
            pages.append(CoverContext(bundle, language: language))
            for letter in bundle.letters {
                pages.append(LetterContext(letter, kind: bundle.kind, language: language, format: .html))
            }
            letters += bundle.letters.count
        }
        let title = language == .chinese ? "转介信（共\(letters)封）" : "Referral letters (\(letters))"
        return document(pages: pages, language: language, title: title)
    }

    private func document(pages: [Any], language: Language, title: String) -> String {
        let context = DocumentContext(lang: language.htmlTag, title: title, pages: pages, pageCount: pages.count)
        return templates.library.render(context, withTemplate: LetterTemplates.documentName) ?? ""
    }
}

/// What `document.html` sees: the page's language and title, and the letters, each of which
/// names its own template (`{{>*template}}`).
struct DocumentContext {
    let lang: String
    let title: String
    /// `LetterContext`s and `CoverContext`s.
    let pages: [Any]
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
