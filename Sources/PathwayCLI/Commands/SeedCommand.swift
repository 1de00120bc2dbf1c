import ArgumentParser
import Foundation
import PathwaySeeds

/// `pathway seed generate`: a fictional county at any size, for trying Pathway out, tests and
/// benchmarks. No real person's data.
struct SeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Generate fictional data in the import formats.",
        subcommands: [Generate.self]
    )

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write schools.csv, programs.csv and students.csv of a fictional county.",
            discussion: """
            The same --students, --programs and --seed always give byte-identical files, so a \
            benchmark or a failing test can be reproduced from three numbers. Seeds/ holds the \
            700-student county made with the defaults.

            Example: pathway seed generate --students 100000 --programs 2000 --out /tmp/province
            """
        )

        @Option(help: "Number of students.") var students = 700
        @Option(help: "Number of programmes (about one school per six).") var programs = 30
        @Option(help: "Seed of the random draws.") var seed: UInt64 = 2026
        @Option(help: "The cohort: the year the students leave junior school.") var cohort = 2026
        @Option(help: ArgumentHelp("Folder to write the three files into (created if missing).", valueName: "dir"))
        var out = "."

        func validate() throws {
            guard students >= 0 else { throw ValidationError("--students must be 0 or more") }
            guard programs >= 1 else { throw ValidationError("--programs must be 1 or more") }
        }

        func run() throws {
            let generator = SeedGenerator(students: students, programs: programs, seed: seed, cohort: cohort)
            let directory = URL(fileURLWithPath: out, isDirectory: true)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for file in generator.generate().files {
                let url = directory.appendingPathComponent(file.name)
                try Data(file.text.utf8).write(to: url, options: .atomic)
                print("wrote \(url.path)")
            }
        }
    }
}
