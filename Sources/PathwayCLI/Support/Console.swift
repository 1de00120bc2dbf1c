import Foundation

/// Where a command's words go: results on stdout, notes and errors on stderr.
///
/// Commands print only through here, so that a test can run a command in-process and read what
/// it printed (`Console.$current.withValue(capture) { ... }`).
final class Console: @unchecked Sendable {
    // Unchecked: the buffers are guarded by `lock`; the file handles are thread-safe.
    private let lock = NSLock()
    private let capturing: Bool
    private var capturedOut = ""
    private var capturedErr = ""
    /// Whether stderr is a terminal (progress is shown only then).
    let stderrIsTerminal: Bool

    private init(capturing: Bool, stderrIsTerminal: Bool) {
        self.capturing = capturing
        self.stderrIsTerminal = stderrIsTerminal
    }

    /// The process's own stdout and stderr.
    static let standard = Console(capturing: false, stderrIsTerminal: isatty(STDERR_FILENO) == 1)
    /// A console that keeps what is printed, for tests.
    static func capture() -> Console { Console(capturing: true, stderrIsTerminal: false) }

    @TaskLocal static var current: Console = .standard

    /// What was printed on stdout and stderr (capturing consoles only).
    var output: String { lock.withLock { capturedOut } }
    var errors: String { lock.withLock { capturedErr } }

    /// A line of results on stdout.
    func line(_ text: String = "") { write(text + "\n") }

    /// Text on stdout, as it is.
    func write(_ text: String) { write(Data(text.utf8)) }

    func write(_ data: Data) {
        if capturing {
            lock.withLock { capturedOut += String(decoding: data, as: UTF8.self) }
        } else {
            FileHandle.standardOutput.write(data)
        }
    }

    /// A note for the person at the terminal, on stderr so that stdout stays clean for scripts.
    func note(_ message: String) { error("pathway: \(message)\n") }

    /// Text on stderr, as it is.
    func error(_ text: String) {
        if capturing {
            lock.withLock { capturedErr += text }
        } else {
            FileHandle.standardError.write(Data(text.utf8))
        }
    }

    /// `value` as pretty JSON with sorted keys on stdout.
    func json(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(TimeText.iso(date))
        }
        write(try encoder.encode(value))
        write("\n")
    }
}

/// The console of the running command.
var console: Console { Console.current }
