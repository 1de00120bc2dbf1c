import ArgumentParser
import Foundation
import PathwayCore
import PathwayReport
import PathwayWorkflows

/// `pathway match report RUN [--compare RUN_B] --out FILE.html`: a stored run as one HTML page
/// with charts, to open in any browser, print, or mail to a school or the county leadership.
struct MatchReportCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "report",
            abstract: L("Write a run's match report: one HTML file with charts, readable offline and printable.",
                        "写出一次匹配的报告：一个带图表的 HTML 文件，不联网也能打开，可以打印。"),
            discussion: L(
                """
                The report shows the placement rate, seats filled per school and programme, how far \
                placed students travel, their match scores, and the equity view: whether left-behind \
                children, students from hard-up families, girls, boys and each township were placed as \
                often, and as near home, as the whole cohort. With --compare, two runs side by side \
                (for example the stable and the optimal run of the same cohort) and how many students \
                changed programme between them.

                The file needs no network: styles and charts are inside it. It holds aggregates only, \
                no student's name or id. Writing it is recorded in the audit log.

                Examples:
                  pathway match report 12 --out run12.html
                  pathway match report 12 --compare 13 --out stable-vs-optimal.html
                """,
                """
                报告显示安置率、各校各专业已安置的学位、学生上学的距离、匹配得分，以及公平性：\
                留守儿童、困难家庭学生、女生、男生和各乡镇的学生，是否与全体学生一样常被安置、\
                离家一样近。加 --compare 时并排显示两次匹配（例如同一届的 stable 和 optimal），\
                以及有多少学生换了专业。

                文件不需要联网：样式和图表都在文件里。只含汇总数字，不含任何学生的姓名或编号。\
                写报告会记入审计日志。

                示例：
                  pathway match report 12 --out run12.html
                  pathway match report 12 --compare 13 --out stable-vs-optimal.html
                """)
        )
    }

    @Argument(help: ArgumentHelp(L("The run to report on (the number `pathway match run` printed).",
                                   "要写报告的匹配（`pathway match run` 打印的编号）。"), valueName: "run"))
    var runID: RunID

    @Option(help: ArgumentHelp(L("A second run to set beside the first: A is RUN, B is this one.",
                                 "并排比较的第二次匹配：A 是 RUN，B 是这一次。"), valueName: "run"))
    var compare: RunID?

    @Option(help: ArgumentHelp(L("The HTML file to write (replaced if it exists).", "要写入的 HTML 文件（已存在则替换）。"), valueName: "file.html"))
    var out: String

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if compare == runID { throw ValidationError(L("--compare needs another run than \(runID)", "--compare 要用第 \(runID) 次以外的另一次匹配")) }
        if out.isEmpty { throw ValidationError(L("--out needs a file name, for example --out report.html", "--out 要写文件名，例如 --out report.html")) }
    }

    func run() throws {
        let file = URL(fileURLWithPath: out)
        let job = MatchReportJob(runID: runID, compare: compare, file: file)
        let workspace = try database.workspace()
        defer { workspace.close() }
        let written = try job.run(in: workspace)
        let figures = written.runs.map(MatchReportFigures.init)
        if output.json {
            return try console.json(ReportWritten(
                file: file.path, bytes: written.bytes,
                runs: zip(written.runs, figures).map { ReportWritten.Run(run: $0, figures: $1) }))
        }
        for (run, figure) in zip(written.runs, figures) {
            let rate = figure.placementRate.map { String(format: "%.1f%%", $0 * 100) } ?? "-"
            console.line(L(
                "run \(run.runID) (\(run.strategy.rawValue)): placed \(figure.placedCount) of \(figure.studentCount) students (\(rate)), \(figure.filledSeats) of \(figure.seats) seats filled",
                "第 \(run.runID) 次匹配（\(Messages.strategy(run.strategy))）：\(figure.studentCount) 名学生中安置 \(figure.placedCount) 名（\(rate)），\(figure.seats) 个学位中已安置 \(figure.filledSeats) 个"))
        }
        console.line(L("match report written to \(file.path) (\(written.bytes / 1024 + 1) KB); open it in a browser, or print it",
                       "匹配报告已写入 \(file.path)（\(written.bytes / 1024 + 1) KB）；可以用浏览器打开或打印"))
    }
}

/// What `match report --json` prints.
private struct ReportWritten: Encodable {
    struct Run: Encodable {
        var run_id: RunID, strategy: String, students: Int, placed: Int, placement_rate: Double?, seats: Int, filled_seats: Int

        init(run: MatchReportRun, figures: MatchReportFigures) {
            run_id = run.runID; strategy = run.strategy.rawValue; students = figures.studentCount
            placed = figures.placedCount; placement_rate = figures.placementRate; seats = figures.seats
            filled_seats = figures.filledSeats
        }
    }

    var file: String
    var bytes: Int
    var runs: [Run]
}
