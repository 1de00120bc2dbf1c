import ArgumentParser
import Foundation
import PathwayCore
import PathwayStorage
import PathwayWorkflows

/// `pathway match export RUN --what candidates|assignments`: a run's rows for Excel or scripts.
struct MatchExportCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "export",
            abstract: L("Export a run's candidates or assignments as .xlsx (for Excel and WPS), CSV or JSON.",
                        "把一次匹配的候选或分配结果导出为 .xlsx（供 Excel 和 WPS 使用）、CSV 或 JSON。"),
            discussion: L(
                """
                candidates: student_id,program_id,student_rank,score,program_priority,interest,grades,location,distance_km \
                (every pair that took part in the assignment; program_priority is the exact key the \
                programmes ranked students by, higher first, equal keys by student_id).
                assignments: student_id,program_id,school_id,score,student_rank (one row per student; \
                program_id empty, or null in JSON, when unplaced).

                CSV is UTF-8 with a byte-order mark and CRLF line ends, so Excel and WPS open it with a \
                double click; JSON is an array of objects with the same keys. Rows are in student_id order \
                (then rank). Every export is recorded in the audit log.

                Examples:
                  pathway match export 1 --what assignments --format csv --output 分配结果.csv
                  pathway match export 1 --what candidates --format json | jq length
                """,
                """
                candidates：student_id,program_id,student_rank,score,program_priority,interest,grades,location,distance_km\
                （参加分配的每一对；program_priority 是专业给学生排序用的键，大的在前，相同时按 student_id）。
                assignments：student_id,program_id,school_id,score,student_rank（每个学生一行；未安置时 \
                program_id 为空，JSON 中为 null）。

                CSV 是带 BOM 的 UTF-8，行尾为 CRLF，Excel 和 WPS 双击即可打开；JSON 是键相同的对象数组。\
                按 student_id（再按名次）排序。每次导出都记入审计日志。

                示例：
                  pathway match export 1 --what assignments --format csv --output 分配结果.csv
                  pathway match export 1 --what candidates --format json | jq length
                """)
        )
    }

    @Argument(help: ArgumentHelp(L("The run's number.", "匹配的编号。"), valueName: "run")) var runID: RunID
    @Option(help: ArgumentHelp(L("Which rows.", "导出哪些行。"), valueName: "rows")) var what: MatchExport.Table
    @Option(help: ArgumentHelp(L("The file format: xlsx, csv or json (default: as the file's name ends, else xlsx for a file and csv on stdout).",
                                 "文件格式：xlsx、csv 或 json（默认：按文件扩展名；否则写入文件时为 xlsx，输出到标准输出时为 csv）。"),
                               valueName: "format"))
    var format: MatchExport.Format?
    @Option(help: ArgumentHelp(L("File to write (replaced whole when done); stdout without it.",
                                 "要写入的文件（写完后整个替换）；不写则输出到标准输出。"), valueName: "file"))
    var output: String?
    @Option(help: ArgumentHelp(L("Language of the workbook's headers and words: zh or en; default the command line's.",
                                 "工作簿表头和文字的语言：zh 或 en；默认与命令行相同。"), valueName: "zh|en"))
    var lang: Language?
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let named = output.flatMap { MatchExport.Format(rawValue: URL(fileURLWithPath: $0).pathExtension.lowercased()) }
        let job = MatchExportJob(
            runID: runID, table: what, format: format ?? named ?? (output == nil ? .csv : .xlsx), language: lang ?? Words.language)
        let workspace = try database.workspace()
        defer { workspace.close() }
        guard let output else {
            try job.run(in: workspace, destination: "stdout") { console.write(Data($0)) }
            return
        }
        let rows = try job.run(in: workspace, to: output)
        console.note(L("wrote \(rows) \(what.rawValue) of run \(runID) to \(output)",
                       "已把第 \(runID) 次匹配的 \(rows) 行 \(what.rawValue) 写入 \(output)"))
    }
}
