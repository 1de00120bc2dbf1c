import ArgumentParser
import Foundation
import PathwayCore
import PathwayStorage

/// `pathway match`: runs stored in the database, reviewed, explained, compared and exported.
struct MatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Match students to programmes, and review, explain, compare and export the runs.",
        discussion: """
        A run reads the students and programmes in the database, scores every student-programme \
        pair, keeps each student's best candidates, assigns seats and stores all of it. Runs are \
        kept: look at them with list and show, explain one student's outcome to the family, \
        compare two runs, and export candidates or assignments for Excel or scripts.

        Example:
          pathway match run --cohort 2026
          pathway match show 1
          pathway match explain 1 QL202600001 --lang zh
          pathway match export 1 --what assignments --format csv --output 分配结果.csv
        """,
        subcommands: [
            MatchRunCommand.self, List.self, Show.self, MatchExplainCommand.self, Compare.self, MatchExportCommand.self,
            MatchReportCommand.self,
        ]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the stored runs, newest first.",
            discussion: "Example: pathway match list --json")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let connection = try DatabaseLocator(options: database).open()
            defer { connection.close() }
            let runs = try MatchRunStore(connection: connection).runs()
            if output.json { return try Terminal.printJSON(runs.map { RunSummaryJSON($0) }) }
            guard !runs.isEmpty else {
                print("no match runs yet; `pathway match run` makes one")
                return
            }
            var table = TextTable(
                ["run", "created (UTC)", "by", "strategy", "cohort", "students", "placed", "mean score"],
                rightAligned: [0, 5, 6, 7])
            for run in runs {
                table.append([
                    String(run.runID), MatchText.minute(run.createdAt), run.createdBy,
                    run.strategy.rawValue + (run.onlyFollowup ? " (follow-up)" : ""),
                    run.cohort.map(String.init) ?? "all", String(run.studentCount),
                    run.strategy == .ranked ? "-" : String(run.placedCount), MatchText.number(run.meanScore, 1),
                ])
            }
            print(table.text)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one run: settings, counts, means and seats filled per school.",
            discussion: "Example: pathway match show 3 --json")
        @Argument(help: ArgumentHelp("The run's number (see `pathway match list`).", valueName: "run"))
        var runID: Int64
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let connection = try DatabaseLocator(options: database).open()
            defer { connection.close() }
            let record = try MatchRunStore(connection: connection).run(runID)
            if output.json { return try Terminal.printJSON(RunSummaryJSON(record)) }
            print(MatchText.summary(record))
        }
    }

    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare two runs: placed counts, and who moved where.",
            discussion: """
            Students are matched by id. "moved" means placed in both runs in different programmes; \
            a student in only one run (another cohort, a follow-up run) is listed with the other \
            side empty.

            Example: pathway match compare 1 2 --limit 0
            """)
        @Argument(help: ArgumentHelp("The earlier run.", valueName: "run-a")) var runA: Int64
        @Argument(help: ArgumentHelp("The later run.", valueName: "run-b")) var runB: Int64
        @Option(help: ArgumentHelp("How many changed students to list (0: all). --json lists all.", valueName: "n"))
        var limit = 50
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard limit >= 0 else { throw ValidationError("--limit must be 0 or more") }
        }

        func run() throws {
            let connection = try DatabaseLocator(options: database).open()
            defer { connection.close() }
            let comparison = try MatchRunComparison(MatchRunStore(connection: connection), runA: runA, runB: runB)
            if output.json { return try Terminal.printJSON(ComparisonJSON(comparison)) }
            let a = comparison.runA, b = comparison.runB
            var table = TextTable(["", "run \(a.runID)", "run \(b.runID)"], rightAligned: [1, 2])
            table.append(["strategy", a.strategy.rawValue, b.strategy.rawValue])
            table.append(["students", String(a.studentCount), String(b.studentCount)])
            table.append(["placed", String(a.placedCount), String(b.placedCount)])
            table.append(["unplaced", String(a.unplacedCount), String(b.unplacedCount)])
            table.append(["mean score", MatchText.number(a.meanScore, 1), MatchText.number(b.meanScore, 1)])
            table.append(["mean distance km", MatchText.number(a.meanDistanceKm, 1), MatchText.number(b.meanDistanceKm, 1)])
            print(table.text)
            print("")
            print("students in both runs: \(comparison.inBoth)")
            print("  same outcome:          \(comparison.unchanged)")
            print("  moved programme:       \(comparison.moved)")
            print("  placed only in \(a.runID):\(String(repeating: " ", count: max(1, 8 - String(a.runID).count)))\(comparison.lostSeat)")
            print("  placed only in \(b.runID):\(String(repeating: " ", count: max(1, 8 - String(b.runID).count)))\(comparison.gainedSeat)")
            if comparison.onlyInA + comparison.onlyInB > 0 {
                print("students only in run \(a.runID): \(comparison.onlyInA); only in run \(b.runID): \(comparison.onlyInB)")
            }
            guard !comparison.changes.isEmpty else { return }
            print("")
            var moves = TextTable(["student_id", "run \(a.runID)", "run \(b.runID)"])
            let shown = limit == 0 ? comparison.changes[...] : comparison.changes.prefix(limit)
            for change in shown {
                moves.append([change.studentID, MatchText.side(change.fromProgramID, change.fromSchoolID, present: change.inA),
                              MatchText.side(change.toProgramID, change.toSchoolID, present: change.inB)])
            }
            print(moves.text)
            if shown.count < comparison.changes.count {
                print("... and \(comparison.changes.count - shown.count) more (--limit 0 lists all)")
            }
        }
    }
}
