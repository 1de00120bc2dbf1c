import Mustache
import PathwayCore

/// What an HTML template sees instead of its context: the same names, every text already
/// escaped for HTML.
///
/// HTML templates are parsed as plain text (`LetterTemplates.parse`), so Mustache escapes
/// nothing itself; the escaping happens here, on the way out of the context, for every string a
/// template can reach. No tag a template editor writes (`{{{name}}}`, `{{&name}}`, a delimiter
/// change, a `{{%CONTENT_TYPE: TEXT}}` line) can therefore print a student's name raw: there is
/// no raw name left to print. An object or a list printed as a value (`{{student}}`, `{{.}}`)
/// prints nothing, not its Swift description with the raw names in it. A
/// `{{%CONTENT_TYPE: HTML}}` line escapes a second time, which is ugly but harmless.
struct EscapedParent: MustacheParent, MustacheCustomRenderable {
    let base: any MustacheParent

    var renderText: String { "" }
    var isNull: Bool { false }

    func child(named name: String) -> Any? {
        Self.escaped(base.child(named: name))
    }

    /// `value` as a template may print it: texts escaped, objects and lists wrapped so that
    /// what they hold is escaped when it is reached; flags and numbers as they are (a section
    /// needs the `Bool`).
    static func escaped(_ value: Any?) -> Any? {
        switch value {
        case .none: nil
        case let text as String: HTMLText.escaped(text)
        case let flag as Bool: flag
        case let number as Int: number
        case let parent as any MustacheParent: EscapedParent(base: parent)
        case let sequence as any MustacheSequence: EscapedSequence(sequence)
        case .some(let other): HTMLText.escaped(String(describing: other))
        }
    }
}

/// A list as an HTML template walks it: each element through `EscapedParent.escaped`.
struct EscapedSequence: MustacheSequence, MustacheCustomRenderable {
    private let elements: () -> AnyIterator<Any>

    var renderText: String { "" }
    var isNull: Bool { false }

    init(_ base: some Sequence) {
        elements = {
            var iterator = base.makeIterator()
            return AnyIterator { iterator.next().map { EscapedParent.escaped($0) ?? "" } }
        }
    }

    func makeIterator() -> AnyIterator<Any> { elements() }
}
