/// The issues found while importing one file, kept up to a cap.
///
/// An import is all or nothing, so validation goes on after the first error to report every
/// problem at once; but a file exported with the wrong columns can produce an error on each of
/// 100,000 rows, and nobody reads past the first screenful. The cap keeps the first issues of
/// each severity and counts the rest, so a summary can say "and 99,950 more".
public struct ImportDiagnostics: Sendable, Hashable {
    /// The first `cap` errors, in the order they were reported.
    public private(set) var errors: [ImportIssue] = []
    /// The first `cap` warnings, in the order they were reported.
    public private(set) var warnings: [ImportIssue] = []
    /// Every error reported, including those beyond the cap.
    public private(set) var errorCount = 0
    /// Every warning reported, including those beyond the cap.
    public private(set) var warningCount = 0
    /// How many issues of each severity are kept.
    public let cap: Int

    /// - Parameter cap: how many issues of each severity to keep (at least 1).
    public init(cap: Int = 100) {
        self.cap = max(1, cap)
    }

    /// True once any error was reported: the file must not be written.
    public var hasErrors: Bool { errorCount > 0 }

    /// How many issues were counted but not kept.
    public var omittedCount: Int { errorCount - errors.count + warningCount - warnings.count }

    /// The kept issues, errors and warnings together, in file order.
    public var sorted: [ImportIssue] { (errors + warnings).sorted() }

    /// Records an issue under its own severity.
    public mutating func report(_ issue: ImportIssue) {
        switch issue.severity {
        case .error:
            errorCount += 1
            if errors.count < cap { errors.append(issue) }
        case .warning:
            warningCount += 1
            if warnings.count < cap { warnings.append(issue) }
        }
    }

    /// Takes in another file's diagnostics, counts beyond its cap included.
    public mutating func merge(_ other: ImportDiagnostics) {
        report(contentsOf: other.errors)
        report(contentsOf: other.warnings)
        errorCount += other.errorCount - other.errors.count
        warningCount += other.warningCount - other.warnings.count
    }

    /// Records several issues, e.g. those a `CSVTable` or `HeaderMapping` found.
    public mutating func report(contentsOf issues: some Sequence<ImportIssue>) {
        for issue in issues { report(issue) }
    }
}
