import ArgumentParser
import Foundation
import PathwaySeeds

/// `pathway seed generate`: a fictional county at any size, for trying Pathway out, tests and
/// benchmarks. No real person's data.
struct SeedCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "seed",
            abstract: L("Generate fictional data in the import formats.", "按导入格式生成虚构的数据。"),
            subcommands: [Generate.self]
        )
    }

    struct Generate: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("Write schools.csv, programs.csv and students.csv of a fictional county.",
                            "写出一个虚构县的 schools.csv、programs.csv 和 students.csv。"),
                discussion: L(
                    """
                    The same --students, --programs and --seed always give byte-identical files, so a \
                    benchmark or a failing test can be reproduced from three numbers. Seeds/ holds the \
                    700-student county made with the defaults.

                    Example: pathway seed generate --students 100000 --programs 2000 --out /tmp/province
                    """,
                    """
                    相同的 --students、--programs 和 --seed 总是生成逐字节相同的文件，所以基准测试或失败的\
                    测试可以用三个数字重现。Seeds/ 中是用默认值生成的 700 名学生的县。

                    示例：pathway seed generate --students 100000 --programs 2000 --out /tmp/province
                    """)
            )
        }

        @Option(help: ArgumentHelp(L("Number of students.", "学生人数。"))) var students = 700
        @Option(help: ArgumentHelp(L("Number of programmes (about one school per six).", "专业数（大约每六个专业一所学校）。"))) var programs = 30
        @Option(help: ArgumentHelp(L("Seed of the random draws.", "随机数种子。"))) var seed: UInt64 = 2026
        @Option(help: ArgumentHelp(L("The cohort: the year the students leave junior school.", "届别：学生初中毕业的年份。"))) var cohort = 2027
        @Option(help: ArgumentHelp(L("Folder to write the three CSV files into, and the county's .xlsx workbooks into its county/ (created if missing).", "写入三个 CSV 文件的文件夹，本县格式的 .xlsx 工作簿写入其中的 county/（不存在则创建）。"), valueName: "dir"))
        var out = "."

        func validate() throws {
            guard students >= 0 else { throw ValidationError(L("--students must be 0 or more", "--students 必须是 0 或更大的数")) }
            guard programs >= 1 else { throw ValidationError(L("--programs must be 1 or more", "--programs 必须是 1 或更大的数")) }
        }

        func run() throws {
            let generator = SeedGenerator(students: students, programs: programs, seed: seed, cohort: cohort)
            let directory = URL(fileURLWithPath: out, isDirectory: true)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let seeds = generator.generate()
            for file in seeds.files {
                let url = directory.appendingPathComponent(file.name)
                try Data(file.text.utf8).write(to: url, options: .atomic)
                console.line(L("wrote \(url.path)", "已写入 \(url.path)"))
            }
            // The same county as a county office keeps it, for the demo.
            let county = directory.appendingPathComponent(CountyWorkbooks.folder, isDirectory: true)
            try FileManager.default.createDirectory(at: county, withIntermediateDirectories: true)
            for file in try CountyWorkbooks(seeds, cohort: cohort).files {
                let url = county.appendingPathComponent(file.name)
                try Data(file.bytes).write(to: url, options: .atomic)
                console.line(L("wrote \(url.path)", "已写入 \(url.path)"))
            }
        }
    }
}
