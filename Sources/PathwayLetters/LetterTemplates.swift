import Foundation
import Mustache
import PathwayCore

/// A complete set of letter templates, parsed and checked: the defaults shipped in this module's
/// `Templates` folder, or a folder of the user's own (a copy of the defaults, edited).
///
/// Every `*.mustache` file of the folder is loaded under its name without the extension
/// (`school.zh.html`), so a folder may add partials of its own (`{{> letterhead.html}}`). The
/// files named in `requiredFiles` must all be there: a folder is the whole set, never a patch on
/// the defaults, so what is in the folder is exactly what gets printed.
public struct LetterTemplates: Sendable {
    /// The HTML page around one letter or many (`{{#pages}}…{{>*template}}…{{/pages}}`): the
    /// print stylesheet lives here.
    static let documentName = "document.html"
    /// The sheet on top of each bundle of a print file: whom it goes to, how many letters.
    static let coverName = "cover.html"
    /// What `LetterRenderer.frame` puts where each page's template goes, and the partial that
    /// prints it. No value a template prints can hold a NUL: `LetterContext.oneLine` turns
    /// control characters into spaces.
    static let slotName = "pathway.page-slot"
    static let slotMark = "\u{0}page\u{0}"

    /// Every file a templates folder must hold.
    public static let requiredFiles: [String] = {
        var names = [documentName + ".mustache", coverName + ".mustache"]
        for format in LetterFormat.allCases {
            for kind in LetterKind.allCases {
                for language in Language.allCases {
                    names.append(letterName(kind: kind, language: language, format: format) + ".mustache")
                }
            }
        }
        return names
    }()

    /// `school.zh.html`: the template of one kind, language and format.
    static func letterName(kind: LetterKind, language: Language, format: LetterFormat) -> String {
        "\(kind.rawValue).\(language.rawValue).\(format.fileExtension)"
    }

    let library: MustacheLibrary

    /// The templates shipped with Pathway.
    public static func bundled() throws -> LetterTemplates {
        try LetterTemplates(folder: try bundledFolder())
    }

    /// Loads and checks every template in `folder`.
    ///
    /// - Throws: `LetterTemplateError` naming the first file that is missing, unreadable or not
    ///   valid Mustache.
    public init(folder: URL) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw LetterTemplateError(path: folder.path, problem: .folderNotFound)
        }
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        } catch {
            throw LetterTemplateError(path: folder.path, problem: .unreadable(String(describing: error)))
        }
        for required in Self.requiredFiles where !files.contains(required) {
            throw LetterTemplateError(path: folder.appendingPathComponent(required).path, problem: .missing)
        }
        var library = MustacheLibrary()
        for file in files where file.hasSuffix(".mustache") && !file.hasPrefix(".") {
            let url = folder.appendingPathComponent(file)
            let name = String(file.dropLast(".mustache".count))
            library.register(try Self.parse(url, name: name), named: name)
        }
        library.register(try MustacheTemplate(string: Self.slotMark), named: Self.slotName)
        self.library = library
    }

    /// Copies the shipped templates (and their README) into `folder`, creating it, and returns
    /// the files written. Existing files are left alone unless `overwrite` is set, because they
    /// may be someone's edits.
    public static func writeDefaults(to folder: URL, overwrite: Bool = false) throws -> [URL] {
        let source = try bundledFolder()
        let names = try FileManager.default.contentsOfDirectory(atPath: source.path)
            .filter { !$0.hasPrefix(".") }.sorted()
        let targets = names.map { folder.appendingPathComponent($0) }
        if !overwrite {
            let existing = targets.filter { FileManager.default.fileExists(atPath: $0.path) }
            if !existing.isEmpty {
                throw LetterTemplateFolderError.wouldOverwrite(existing.map(\.path))
            }
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, target) in zip(names, targets) {
            let data = try Data(contentsOf: source.appendingPathComponent(name))
            try data.write(to: target, options: .atomic)
        }
        return targets
    }

    private static func bundledFolder() throws -> URL {
        guard let folder = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw LetterTemplateError(path: "Templates (PathwayLetters resources)", problem: .folderNotFound)
        }
        return folder
    }

    /// Parses one file as plain text, HTML templates too: Mustache escapes nothing itself. An
    /// HTML template is rendered over an `EscapedParent`, which hands it every value already
    /// escaped, so no tag in it can print data raw; a text letter prints values as typed (it
    /// must not print `&amp;`).
    private static func parse(_ url: URL, name: String) throws -> MustacheTemplate {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw LetterTemplateError(path: url.path, problem: .unreadable("not a readable UTF-8 file"))
        }
        // On a line of its own, so that it is a standalone tag that leaves no trace in the output
        // and moves the file's first tag off the first line, where it would stop being standalone.
        do {
            return try MustacheTemplate(string: "{{%CONTENT_TYPE: TEXT}}\n" + text)
        } catch let error as MustacheTemplate.ParserError {
            let context = error.context
            throw LetterTemplateError(
                path: url.path,
                problem: .syntax(line: max(1, context.lineNumber - 1), column: context.columnNumber, reason: reason(error.error)))
        } catch {
            throw LetterTemplateError(path: url.path, problem: .syntax(line: 1, column: 1, reason: String(describing: error)))
        }
    }

    /// Whether `template` (a name as `LetterContext.template` gives it) renders HTML.
    static func isHTML(_ template: String) -> Bool {
        template.hasSuffix(".html")
    }

    private static func reason(_ error: any Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return String(describing: error) }
        switch error {
        case .sectionCloseNameIncorrect: return "a closing tag {{/name}} does not match the section it closes"
        case .unfinishedName: return "a tag is not closed with }} (or its name is malformed)"
        case .expectedSectionEnd: return "a section opened with {{#name}} or {{^name}} is never closed with {{/name}}"
        case .invalidSetDelimiter: return "a {{=…=}} delimiter change is malformed"
        case .transformAppliedToInheritanceSection: return "a transform cannot be applied to an inherited section"
        case .illegalTokenInsideInheritSection: return "only {{$block}} sections may appear inside {{<partial}}"
        case .textInsideInheritSection: return "text may not appear directly inside {{<partial}}"
        case .invalidConfigVariableSyntax: return "a {{%…}} setting is malformed"
        case .unrecognisedConfigVariable: return "unknown {{%…}} setting"
        }
    }
}

/// Why `pathway letters templates` would not write.
public enum LetterTemplateFolderError: Error, Sendable, Hashable, CustomStringConvertible {
    /// These files exist already and may hold someone's edits.
    case wouldOverwrite([String])

    public var description: String {
        switch self {
        case .wouldOverwrite(let paths):
            return "not overwriting existing templates (pass --force to replace them): \(paths.joined(separator: ", "))"
        }
    }
}
