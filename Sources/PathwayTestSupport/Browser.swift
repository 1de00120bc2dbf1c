import Foundation
import ManagedPostgres
import Testing

/// Headless Chromium for tests, driven through selenium and chromedriver by the Python scripts
/// in `Tests/Browser/`: what a clerk sees and prints is checked in a real browser, since only a
/// browser's layout says whether a letter fits on its sheet of A4.
///
/// `.ci/run` installs Chromium, its driver and selenium and sets `PATHWAY_BROWSER_TESTS=required`,
/// so there a missing browser fails a test; elsewhere tests skip with a note.
public enum Browser {
    /// `Tests/Browser/print_pages.py`, found from this file's place in the checkout.
    static let printScript = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Tests/Browser/print_pages.py").path

    /// python3 on PATH, when Chromium, chromedriver and selenium are all there; `nil` otherwise.
    public static var python: String? {
        let fileManager = FileManager.default
        guard fileManager.isExecutableFile(atPath: "/usr/bin/chromium"),
              fileManager.isExecutableFile(atPath: "/usr/bin/chromedriver")
        else { return nil }
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        guard let python = path.map({ "\($0)/python3" }).first(where: fileManager.isExecutableFile(atPath:)) else { return nil }
        let status = try? Subprocess.run(
            [python, "-c", "import selenium"], environment: ProcessInfo.processInfo.environment)
        return status == 0 ? python : nil
    }

    /// Whether a missing browser is a failure rather than a reason to skip: set by `.ci/run`.
    static var isRequired: Bool {
        ProcessInfo.processInfo.environment["PATHWAY_BROWSER_TESTS"] == "required"
    }

    /// `python` for a test that needs the browser: when it is missing, nil, and a recorded
    /// failure if browser tests are required, so that the caller only has to return.
    public static func pythonForTest(sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        if let python { return python }
        if isRequired {
            Issue.record("Chromium, chromedriver or selenium is missing, and browser tests are required", sourceLocation: sourceLocation)
        }
        return nil
    }

    /// Runs a browser script (`python3 SCRIPT ARGUMENTS`) to its end, its output and errors
    /// into `outputPath`, and gives its exit status.
    ///
    /// The script drives pages of a server running in this same process: it is waited for on a
    /// thread of its own (`onOwnThread`), so that two browser tests at once cannot take every
    /// shared thread and stall their servers.
    public static func runScript(_ python: String, _ arguments: [String], outputPath: String) async throws -> Int32 {
        try await onOwnThread {
            try Subprocess.run([python] + arguments, environment: ProcessInfo.processInfo.environment, outputPath: outputPath)
        }
    }

    /// Prints each local HTML file to an A4 PDF in headless Chromium (its default margins, or
    /// the page's own `@page` ones) and says how many pages it took against how many letters
    /// (`section.page`) it holds. Each letter is meant to fill one sheet, so more pages than
    /// letters means a letter spilled over; `overflowing` names the letters whose height, laid
    /// out for print, exceeds the printable height, as an aid to finding them.
    ///
    /// All files go through one browser session, so pass them together rather than one a call.
    /// The browser runs for seconds to a minute: it is waited for on a thread of its own, never
    /// on one of the few threads every async test shares.
    public static func printPages(_ files: [URL]) async throws -> [PrintedFile] {
        try await onOwnThread { try printPagesWaiting(files) }
    }

    private static func printPagesWaiting(_ files: [URL]) throws -> [PrintedFile] {
        guard !files.isEmpty else { return [] }
        guard let python = Self.python else {
            throw BrowserError(message: "Chromium, chromedriver or selenium is missing, so the letters cannot be printed")
        }
        let output = FileManager.default.temporaryDirectory
            .appendingPathComponent("print-pages-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        // Subprocess writes the script's errors to the same file as its output: the report is the
        // line of JSON, and the rest is the script's own account, kept for the error message.
        let status = try Subprocess.run(
            [python, printScript] + files.map(\.path), environment: ProcessInfo.processInfo.environment,
            outputPath: output)
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        guard status == 0 else {
            throw BrowserError(message: "print_pages.py exited with status \(status):\n\(text)")
        }
        guard let line = text.split(separator: "\n").last(where: { $0.hasPrefix("{\"files\"") }),
              let report = try? JSONDecoder().decode(Report.self, from: Data(line.utf8))
        else {
            throw BrowserError(message: "print_pages.py printed no report:\n\(text)")
        }
        return report.files.map { file in
            PrintedFile(
                file: file.file, pages: file.pages, letters: file.letters,
                overflowing: file.overflowing.map { "#\($0.index) \($0.reference) \($0.heightPx)px" })
        }
    }

    /// The JSON line `print_pages.py` prints.
    private struct Report: Decodable {
        struct File: Decodable {
            var file: String
            var pages: Int
            var letters: Int
            var overflowing: [Letter]
        }

        struct Letter: Decodable {
            var index: Int
            var reference: String
            var heightPx: Double
        }

        var files: [File]
    }
}

/// One file as Chromium printed it.
public struct PrintedFile: Sendable {
    /// The path as given to `Browser.printPages`.
    public let file: String
    /// Pages in the A4 PDF.
    public let pages: Int
    /// Letters (`section.page` elements) in the file.
    public let letters: Int
    /// The letters estimated to run past one sheet, at most 20, each as "#index reference
    /// heightPx" (index from 0, reference the letter's first `.reference` text), for a test's
    /// message. An estimate from the print layout: `pages` against `letters` is what decides.
    public let overflowing: [String]
}

/// The browser could not be run, or its script failed; `message` carries what it printed.
public struct BrowserError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
