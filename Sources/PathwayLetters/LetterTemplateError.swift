import Foundation

/// A template that cannot be used, naming the file and, for a syntax error, the line and column,
/// so that whoever edited it can find the mistake without reading Swift.
public struct LetterTemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public enum Problem: Sendable, Hashable {
        /// The templates folder does not exist or is not a folder.
        case folderNotFound
        /// A template every letter set needs is not in the folder.
        case missing
        /// The file could not be read, or is not UTF-8 text.
        case unreadable(String)
        /// Mustache could not parse the file.
        case syntax(line: Int, column: Int, reason: String)
    }

    /// The file (or folder) concerned, as the user gave or will find it.
    public let path: String
    public let problem: Problem

    public init(path: String, problem: Problem) {
        self.path = path
        self.problem = problem
    }

    public var description: String {
        switch problem {
        case .folderNotFound:
            return "\(path): no such templates folder (`pathway letters templates --out \(path)` writes the default templates there)"
        case .missing:
            return "\(path): template missing; every templates folder needs all of \(LetterTemplates.requiredFiles.joined(separator: ", ")) (`pathway letters templates --out DIR` writes them)"
        case .unreadable(let reason):
            return "\(path): cannot read the template: \(reason)"
        case .syntax(let line, let column, let reason):
            return "\(path):\(line):\(column): \(reason)"
        }
    }
}

/// A letter or print file that could not be written: the batch stops there, its export is not
/// recorded, and rendering again replaces whatever it wrote.
public struct LetterFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public let path: String
    /// What the system said, as `strerror` puts it ("No space left on device").
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    init(path: String, code: Int32) {
        self.init(path: path, reason: String(cString: strerror(code)))
    }

    /// What Foundation threw, with the system's reason when it carries one.
    init(path: String, error: any Error) {
        let code = ((error as? CocoaError)?.userInfo[NSUnderlyingErrorKey] as? POSIXError)?.code.rawValue
        if let code {
            self.init(path: path, code: code)
        } else {
            self.init(path: path, reason: String(describing: error))
        }
    }

    public var description: String { "cannot write \(path): \(reason)" }
}
