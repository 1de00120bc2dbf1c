import PathwayCore

/// The issues found while importing one file, kept up to a cap and grouped by problem.
///
/// An import is all or nothing, so validation goes on after the first error to report every
/// problem at once; but a file exported with the wrong columns can produce an error on each of
/// 100,000 rows, and nobody reads past the first screenful. So the same problem on many rows is
/// one `IssueGroup` (its count and its first rows), and the cap keeps the first issues of each
/// severity and counts the rest, so a summary can say "and 99,950 more".
public struct ImportDiagnostics: Sendable, Hashable {
    /// One problem (the same severity, file, column and message) and where it occurs.
    public struct IssueGroup: Sendable, Hashable {
        /// The first occurrences, at most `IssueGroup.exampleLimit`, in the order reported.
        public private(set) var examples: [ImportIssue]
        /// Every occurrence, including those not kept.
        public fileprivate(set) var count: Int

        /// How many occurrences a group keeps to show.
        public static let exampleLimit = 5

        init(_ issue: ImportIssue) {
            examples = [issue]
            count = 1
        }

        /// The first occurrence: the group's severity, file, column and message.
        public var first: ImportIssue { examples[0] }

        /// The rows of the kept occurrences, in order, without repeats.
        public var rows: [Int] {
            var seen = Set<Int>()
            return examples.compactMap(\.row).filter { seen.insert($0).inserted }
        }

        /// The first occurrence as `ImportIssue.description(in:)` gives it, then how many more rows
        /// have the same problem and which: `students.csv:3: total_score: "abc" is not a number
        /// (and 1,184 more rows like it: 4, 9, 12, 15, …)`.
        public func description(in language: Language) -> String {
            let text = first.description(in: language)
            let more = count - 1
            guard more > 0 else { return text }
            let rows = self.rows.dropFirst().map(String.init)
            let ellipsis = count > examples.count ? "…" : ""
            switch language {
            case .english:
                let list = rows.isEmpty ? "" : ": " + rows.joined(separator: ", ") + (ellipsis.isEmpty ? "" : ", …")
                return text + " (and \(more) more \(more == 1 ? "row" : "rows") like it\(list))"
            case .chinese:
                let list = rows.isEmpty ? "" : "：第" + rows.joined(separator: "、") + "行" + (ellipsis.isEmpty ? "" : "……")
                return text + "（另有 \(more) 处同样的问题\(list)）"
            }
        }

        mutating func add(_ issue: ImportIssue) {
            count += 1
            if examples.count < Self.exampleLimit { examples.append(issue) }
        }
    }

    /// What makes two issues the same problem.
    private struct GroupKey: Sendable, Hashable {
        var severity: ImportIssue.Severity
        var file: String
        var column: String?
        var message: String
    }

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
    /// The groups, in the order of their first occurrence; at most `cap` of them.
    private var groupList: [IssueGroup] = []
    private var groupIndex: [GroupKey: Int] = [:]
    /// Issues of problems beyond the first `cap`, counted only.
    public private(set) var ungroupedCount = 0

    /// - Parameter cap: how many issues of each severity, and how many groups, to keep (at least 1).
    public init(cap: Int = 100) {
        self.cap = max(1, cap)
    }

    /// True once any error was reported: the file must not be written.
    public var hasErrors: Bool { errorCount > 0 }

    /// How many issues were counted but not kept.
    public var omittedCount: Int { errorCount - errors.count + warningCount - warnings.count }

    /// The kept issues, errors and warnings together, in file order.
    public var sorted: [ImportIssue] { (errors + warnings).sorted() }

    /// The problems, as a person should read them: in file order of their first occurrence.
    public var groups: [IssueGroup] { groupList.sorted { $0.first < $1.first } }

    /// Records an issue under its own severity and its problem's group.
    public mutating func report(_ issue: ImportIssue) {
        switch issue.severity {
        case .error:
            errorCount += 1
            if errors.count < cap { errors.append(issue) }
        case .warning:
            warningCount += 1
            if warnings.count < cap { warnings.append(issue) }
        }
        let key = GroupKey(severity: issue.severity, file: issue.file, column: issue.column, message: issue.message)
        if let index = groupIndex[key] {
            groupList[index].add(issue)
        } else if groupList.count < cap {
            groupIndex[key] = groupList.count
            groupList.append(IssueGroup(issue))
        } else {
            ungroupedCount += 1
        }
    }

    /// Takes in another file's diagnostics, counts beyond its cap included.
    public mutating func merge(_ other: ImportDiagnostics) {
        var reported = (errors: 0, warnings: 0)
        for group in other.groupList {
            for issue in group.examples { report(issue) }
            let first = group.first
            if first.severity == .error { reported.errors += group.examples.count } else { reported.warnings += group.examples.count }
            let unseen = group.count - group.examples.count
            guard unseen > 0 else { continue }
            let key = GroupKey(severity: first.severity, file: first.file, column: first.column, message: first.message)
            if let index = groupIndex[key] { groupList[index].count += unseen } else { ungroupedCount += unseen }
        }
        // Everything the other file counted but did not keep as an example.
        errorCount += other.errorCount - reported.errors
        warningCount += other.warningCount - reported.warnings
        ungroupedCount += other.ungroupedCount
    }

    /// Records several issues, e.g. those a `CSVTable` or `HeaderMapping` found.
    public mutating func report(contentsOf issues: some Sequence<ImportIssue>) {
        for issue in issues { report(issue) }
    }
}
