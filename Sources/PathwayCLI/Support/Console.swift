import Foundation
import PathwayCore
import PathwayWorkflows

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

    /// A line of results on stdout, with control characters made visible (see `visible`).
    func line(_ text: String = "") { write(Self.visible(text) + "\n") }

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
    func note(_ message: String) { error("pathway: \(Self.visible(message))\n") }

    /// `text` with every character that would act on a terminal instead of showing, written out
    /// as `\u{1B}`: C0 and C1 controls but line break and tab, DEL, and the bidirectional
    /// embeddings, overrides and isolates. A name holding an ESC sequence or a right-to-left
    /// override then prints as what it is, and cannot recolour, move or reorder a staff
    /// member's screen.
    static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: acts) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if acts(scalar) {
                result.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    private static func acts(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: false
        case 0x00...0x1F, 0x7F...0x9F: true
        default: BidirectionalControls.contains(scalar)
        }
    }

    /// A progress line on a terminal, written over by the next one; nothing elsewhere (a log
    /// or a test keeps no progress). `endProgress` moves past it.
    func progress(_ message: String) {
        guard stderrIsTerminal else { return }
        error("\rpathway: \(Self.visible(message))\u{1B}[K")
    }

    func endProgress() {
        guard stderrIsTerminal else { return }
        error("\n")
    }

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
