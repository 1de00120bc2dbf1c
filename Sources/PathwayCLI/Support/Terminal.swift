import Foundation

/// Where a command's words go: results on stdout, notes and errors on stderr.
enum Terminal {
    /// A note for the person at the terminal, on stderr so that stdout stays clean for scripts.
    static func note(_ message: String) {
        FileHandle.standardError.write(Data("pathway: \(message)\n".utf8))
    }

    /// Whether stderr is a terminal (progress is shown only then).
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Prints `value` as pretty JSON with sorted keys on stdout.
    static func printJSON(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let data = try encoder.encode(value)
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }
}
