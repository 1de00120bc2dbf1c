import ArgumentParser
import Foundation
import PathwayCore
import PathwayImport
import PathwayStorage

/// `pathway demo`: the whole of Pathway on the fictional Seeds county, with no configuration.
///
/// So far it prepares a database of its own, reads Seeds/, and compares the stable and the
/// placement-first assignments; importing, referrals, letters and school exports join it as
/// their commands land.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run Pathway on the fictional Seeds county, in a database of its own.",
        discussion: "It never touches your data: it uses the database 'pathway_demo' on the configured server or the local PostgreSQL."
    )

    @Option(help: ArgumentHelp("Folder for the demo's output files.", valueName: "dir"))
    var out = "pathway-demo"

    @Option(help: ArgumentHelp("Folder with schools.csv, programs.csv and students.csv.", valueName: "dir"))
    var seeds: String?

    @OptionGroup var database: DatabaseOptions

    static let demoDatabase = "pathway_demo"

    func run() throws {
        Terminal.note("1/4 preparing the database '\(DemoCommand.demoDatabase)'")
        let connection = try DatabaseLocator(options: database).open(database: DemoCommand.demoDatabase)
        connection.close()

        let folder = try seedsFolder()
        Terminal.note("2/4 reading the fictional county in \(folder)")
        func bytes(_ name: String) throws -> [UInt8] {
            Array(try Data(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent(name)))
        }
        let county = ImportedCounty(
            schools: try bytes("schools.csv"), programs: try bytes("programs.csv"), students: try bytes("students.csv"))
        guard county.diagnostics.errorCount == 0 else {
            throw ValidationError(county.diagnostics.errors.map(\.description).joined(separator: "\n"))
        }

        Terminal.note("3/4 matching \(county.students.count) students to \(county.programs.count) programmes")
        let outputFolder = URL(fileURLWithPath: out, isDirectory: true)
        try FileManager.default.createDirectory(at: outputFolder, withIntermediateDirectories: true)
        var summaries: [(String, RunSummary)] = []
        for strategy in [Strategy.stable, .optimal] {
            let settings = try MatchSettings(strategy: strategy)
            let result = try Matcher(students: county.students, programs: county.programs, settings: settings).run()
            summaries.append(("\(strategy)", RunSummary(result)))
            let file = outputFolder.appendingPathComponent("assignments-\(strategy).csv")
            try Data(RunSummary.assignmentsCSV(result).utf8).write(to: file, options: .atomic)
        }

        Terminal.note("4/4 done")
        print("strategy     placed  unplaced  mean score  mean distance")
        for (name, summary) in summaries {
            let padded = name.padding(toLength: 10, withPad: " ", startingAt: 0)
            print(String(format: "%@ %8d %9d %11.1f %11.1f km", padded, summary.placed,
                         summary.unplaced, summary.meanScore, summary.meanDistanceKm))
        }
        print("\nassignments (CSV for Excel): \(outputFolder.path)/assignments-stable.csv and assignments-optimal.csv")
        print("next: `pathway db status` shows where the data lives; `pathway seed generate --help` makes a larger county")
    }

    private func seedsFolder() throws -> String {
        let candidates = [seeds, "Seeds", "/usr/share/pathway/Seeds"].compactMap { $0 }
        for folder in candidates where FileManager.default.fileExists(atPath: "\(folder)/students.csv") {
            return folder
        }
        throw ValidationError("no Seeds folder found (looked in \(candidates.joined(separator: ", "))); pass --seeds DIR")
    }
}

/// The figures a person compares two runs by.
struct RunSummary {
    var placed = 0
    var unplaced = 0
    var meanScore = 0.0
    var meanDistanceKm = 0.0

    init(_ result: MatchResult) {
        let set = result.candidateSet
        var scoreSum = 0.0
        var distanceSum = 0.0
        for assignment in result.assignments ?? [] {
            guard let rank = assignment.studentRank, let index = set.studentIndex(of: assignment.studentID) else {
                unplaced += 1
                continue
            }
            let candidate = set.candidate(ofStudent: index, rank: rank)
            placed += 1
            scoreSum += candidate.score
            distanceSum += candidate.distanceKm
        }
        if placed > 0 {
            meanScore = scoreSum / Double(placed)
            meanDistanceKm = distanceSum / Double(placed)
        }
    }

    /// Opens correctly in Excel and WPS.
    static func assignmentsCSV(_ result: MatchResult) -> String {
        var csv = CSVTextBuilder(header: ["student_id", "program_id", "school_id", "score", "student_rank"], style: .spreadsheet)
        for a in result.assignments ?? [] {
            csv.append([a.studentID, a.programID ?? "", a.schoolID ?? "", a.score.map { String(format: "%.2f", $0) } ?? "",
                        a.studentRank.map(String.init) ?? ""])
        }
        return csv.text
    }
}
