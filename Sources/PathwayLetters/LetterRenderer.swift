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

    /// Every letter on one HTML page made for printing: an A4 sheet per letter, in the order
    /// given by `kinds` first (all school letters, then all family letters, so that each pile
    /// goes to its own envelope run), then by `letters`.
    public func renderPrintable(_ letters: [ReferralLetter], kinds: [LetterKind], language: Language) -> String {
        var pages: [LetterContext] = []
        for kind in kinds {
            for letter in letters {
                pages.append(LetterContext(letter, kind: kind, language: language, format: .html))
            }
        }
        let title = language == .chinese ? "转介信（共\(pages.count)封）" : "Referral letters (\(pages.count))"
        return document(pages: pages, language: language, title: title)
    }

    private func document(pages: [LetterContext], language: Language, title: String) -> String {
        let context = DocumentContext(lang: language.htmlTag, title: title, pages: pages, pageCount: pages.count)
        return templates.library.render(context, withTemplate: LetterTemplates.documentName) ?? ""
    }
}

/// What `document.html` sees: the page's language and title, and the letters, each of which
/// names its own template (`{{>*template}}`).
struct DocumentContext {
    let lang: String
    let title: String
    let pages: [LetterContext]
    let pageCount: Int
}
