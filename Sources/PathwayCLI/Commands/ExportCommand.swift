import ArgumentParser
import Foundation
import PathwayStorage
import PathwayWorkflows

/// `pathway export`: one school's referrals as a file, for schools without an API client.
struct ExportCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "export",
            abstract: L("Write one vocational school's referrals to a CSV or JSON file, as the API serves them.",
                        "把一所中职学校的转介写成 CSV 或 JSON 文件，内容与 API 提供的相同。"),
            discussion: L(
                """
                The file holds the rows `GET /v1/referrals` gives that school's token, with the same \\
                columns: referral_id, student_id, name, gender, birth_date, school, guardian_name, \\
                guardian_phone, program_id, program_name, score, status, sent_at, updated_at. CSV is \\
                UTF-8 with a BOM and CRLF, so Excel and WPS open it with a double click. Every export is \\
                written to the audit log.

                Examples:
                  pathway export --school S01 --format csv --output 县职教中心-转介名单.csv
                  pathway export --school S01 --format json | jq length
                """,
                """
                文件中的行与这所学校的令牌通过 `GET /v1/referrals` 得到的相同，列也相同：referral_id、\\
                student_id、name、gender、birth_date、school、guardian_name、guardian_phone、program_id、\\
                program_name、score、status、sent_at、updated_at。CSV 是带 BOM 的 UTF-8，行尾为 CRLF，\\
                Excel 和 WPS 双击即可打开。每次导出都记入审计日志。

                示例：
                  pathway export --school S01 --format csv --output 县职教中心-转介名单.csv
                  pathway export --school S01 --format json | jq length
                """)
        )
    }

    @Option(help: ArgumentHelp(L("The school whose referrals to write (see `pathway schools list`).",
                                 "要导出哪所学校的转介（见 `pathway schools list`）。"), valueName: "school_id"))
    var school: String

    @Option(help: ArgumentHelp(L("The file format.", "文件格式。"), valueName: "format"))
    var format: SchoolReferralFormat = .csv

    @Option(help: ArgumentHelp(L("File to write (replaced whole); stdout when omitted.", "要写入的文件（整个替换）；不写则输出到标准输出。"), valueName: "file"))
    var output: String?

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let workspace = try database.workspace()
        defer { workspace.close() }
        let job = SchoolExportJob.file(
            schoolID: school, format: format, output: output ?? "stdout", endpoint: "pathway export", actor: workspace.actor)
        let format = self.format
        guard let output else {
            try job.run(in: workspace) { console.write(format.render($0.rows)) }
            return
        }
        let page = try AtomicFile.write(to: output) { handle in
            try job.run(in: workspace) { try handle.write(contentsOf: Data(format.render($0.rows).utf8)) }
        }
        console.note(L("wrote \(page.rows.count) referrals of school \(school) to \(output)",
                       "已把学校 \(school) 的 \(page.rows.count) 份转介写入 \(output)"))
    }
}
