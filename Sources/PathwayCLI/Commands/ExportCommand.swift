import ArgumentParser
import Foundation
import PathwayCore
import PathwayStorage
import PathwayWorkflows

/// `pathway export`: one school's referrals as a file, for schools without an API client.
struct ExportCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "export",
            abstract: L("Write one vocational school's referrals to an .xlsx, CSV or JSON file, as the API serves them.",
                        "把一所中职学校的转介写成 .xlsx、CSV 或 JSON 文件，内容与 API 提供的相同。"),
            discussion: L(
                """
                The file holds the rows `GET /v1/referrals` gives that school's token: referral, student \
                id, 学籍号, name, gender, birth date, junior school, guardian and phone, programme, score, \
                status, when sent and last updated. An .xlsx file (the default for a file) has Chinese \
                headers (English with --lang en), ids, phones and 学籍号 as text, real dates, local \
                times, scores to one decimal and a frozen header: it opens in Excel and WPS with every \
                digit intact. CSV (the default on stdout) and JSON have the API's columns, for scripts; \
                CSV is UTF-8 with a BOM and CRLF, and a cell that a spreadsheet would run as a formula \
                starts with '. Every export is written to the audit log.

                Examples:
                  pathway export --school S01 --output 县职教中心-转介名单.xlsx
                  pathway export --school S01 --format csv --output referrals.csv
                  pathway export --school S01 --format json | jq length
                """,
                """
                文件中的行与这所学校的令牌通过 `GET /v1/referrals` 得到的相同：转介编号、学生编号、学籍号、\
                姓名、性别、出生日期、初中学校、监护人及电话、专业、匹配分、状态、发送和更新时间。.xlsx \
                文件（写入文件时的默认格式）用中文表头（--lang en 时为英文），编号、电话和学籍号\
                存为文本，日期为真正的日期，时间为本地时间，分数保留一位小数，表头冻结：用 Excel 和 WPS \
                打开，每一位数字都不会丢。CSV（输出到标准输出时的默认格式）和 JSON 的列与 API 相同，\
                供程序使用；CSV 是带 BOM 的 UTF-8，行尾为 CRLF，电子表格会当作公式的值前面加 '。\
                每次导出都记入审计日志。

                示例：
                  pathway export --school S01 --output 县职教中心-转介名单.xlsx
                  pathway export --school S01 --format csv --output referrals.csv
                  pathway export --school S01 --format json | jq length
                """)
        )
    }

    @Option(help: ArgumentHelp(L("The school whose referrals to write (see `pathway schools list`).",
                                 "要导出哪所学校的转介（见 `pathway schools list`）。"), valueName: "school_id"))
    var school: String

    @Option(help: ArgumentHelp(L("The file format: xlsx, csv or json (default: as the file's name ends, else xlsx for a file and csv on stdout).",
                                 "文件格式：xlsx、csv 或 json（默认：按文件扩展名；否则写入文件时为 xlsx，输出到标准输出时为 csv）。"),
                               valueName: "format"))
    var format: SchoolFileFormat?

    @Option(help: ArgumentHelp(L("File to write (replaced whole); stdout when omitted.", "要写入的文件（整个替换）；不写则输出到标准输出。"), valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp(L("Language of the workbook's headers and words: zh or en; default the command line's.",
                                 "工作簿表头和文字的语言：zh 或 en；默认与命令行相同。"), valueName: "zh|en"))
    var lang: Language?
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let workspace = try database.workspace()
        defer { workspace.close() }
        // A file named .csv or .json gets what its name says; any other file is for a person.
        let named = output.flatMap { SchoolFileFormat(rawValue: URL(fileURLWithPath: $0).pathExtension.lowercased()) }
        let format = self.format ?? named ?? (output == nil ? .csv : .xlsx)
        let job = SchoolExportJob.file(
            schoolID: school, format: format, output: output ?? "stdout", endpoint: "pathway export", actor: workspace.actor)
        let language = lang ?? Words.language
        guard let output else {
            try job.run(in: workspace) { console.write(Data(try format.render($0.rows, language: language))) }
            return
        }
        let page = try AtomicFile.write(to: output) { handle in
            try job.run(in: workspace) { try handle.write(contentsOf: Data(try format.render($0.rows, language: language))) }
        }
        console.note(L("wrote \(page.rows.count) referrals of school \(school) to \(output)",
                       "已把学校 \(school) 的 \(page.rows.count) 份转介写入 \(output)"))
    }
}
