import ArgumentParser
import Foundation
import PathwayCore
import PathwayStorage
import PathwayWorkflows

/// Options every command that touches the database accepts: which database, and which region.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("database-url"),
        help: ArgumentHelp(
            L("PostgreSQL URL or conninfo to use instead of DATABASE_URL or the local database.",
              "要使用的 PostgreSQL 地址（URL 或 conninfo），代替 DATABASE_URL 或本机数据库。"),
            valueName: "url"))
    var databaseURL: String?

    @Option(help: ArgumentHelp(
        L("The region (county) to work in; default PATHWAY_REGION, else local.",
          "在哪个地区（县）的数据中工作；默认取 PATHWAY_REGION，未设置则为 local。"),
        valueName: "name"))
    var region: Region?

    /// The locator of the database these options name; notes go to the console.
    var locator: DatabaseLocator {
        let console = Console.current
        return DatabaseLocator(databaseURL: databaseURL) { console.note(Messages.locatorNote($0)) }
    }

    /// `--region`, else `PATHWAY_REGION`, else `local`.
    func chosenRegion(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Region {
        if let region { return region }
        guard let text = environment["PATHWAY_REGION"], !text.isEmpty else { return .local }
        guard let region = Region(rawValue: text) else {
            throw CommandFailure(L(
                "PATHWAY_REGION is \"\(text)\", which is not a region name (1 to 64 letters, digits, - _ .)",
                "PATHWAY_REGION 的值“\(text)”不是地区名（1 到 64 个字母、数字或 - _ .）"))
        }
        return region
    }

    /// A workspace in the chosen region, acting as `PATHWAY_ACTOR` or the user.
    func workspace() throws -> Workspace {
        try locator.workspace(region: try chosenRegion(), actor: AuditLog.currentUser)
    }
}

/// `--json` for scripts; human text otherwise.
struct OutputOptions: ParsableArguments {
    @Flag(help: ArgumentHelp(L("Print JSON instead of text, for scripts.", "输出 JSON 而不是文字，供脚本使用。")))
    var json = false
}

/// A command that could not do what was asked, for a reason the user can act on.
///
/// Unlike `ValidationError` (a mistyped command line, answered with the usage), this prints
/// only the message, on stderr, and exits with status 1.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}

/// Refuses a `--cohort` no junior school can have (`--cohort 99999999999` would otherwise reach
/// the database as an out-of-range integer).
func checkCohort(_ cohort: Int?) throws {
    let years = Student.graduationYears
    guard let cohort, !years.contains(cohort) else { return }
    throw ValidationError(L("--cohort must be a year from \(years.lowerBound) to \(years.upperBound), not \(cohort)",
                            "--cohort 必须是 \(years.lowerBound) 到 \(years.upperBound) 之间的年份，不能是 \(cohort)"))
}
