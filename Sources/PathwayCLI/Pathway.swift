import ArgumentParser
import Foundation

/// `pathway`: refer junior-school leavers to vocational programmes that fit them, and follow
/// them until they enrol.
@main
struct Pathway: AsyncParsableCommand {
    /// This build's version, as `pathway --version` prints it.
    static let version = "0.14.0"

    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "pathway",
            abstract: L(
                "Refer students who leave junior school to vocational programmes, and follow them until they enrol.",
                "为不升普高的初中毕业生推荐合适的中职专业，并跟进到他们报到入学。"),
            discussion: L(
                """
                Pathway keeps its data in PostgreSQL. With nothing configured it runs a local PostgreSQL \
                of its own under PATHWAY_HOME (default ~/.pathway); set DATABASE_URL or pass \
                --database-url to use another server. Each county works in its own region \
                (--region or PATHWAY_REGION, default local).

                It speaks Chinese when LANG, LC_ALL or PATHWAY_LANG starts with zh, English otherwise.

                Start with `pathway demo`, or `pathway db status` to see which database is in use.
                """,
                """
                Pathway 的数据存放在 PostgreSQL 中。什么都不配置时，它在 PATHWAY_HOME（默认 ~/.pathway）\
                下运行自己的本机 PostgreSQL；设置 DATABASE_URL 或使用 --database-url 可改用其他服务器。\
                每个县在自己的地区中工作（--region 或 PATHWAY_REGION，默认 local）。

                LANG、LC_ALL 或 PATHWAY_LANG 以 zh 开头时使用中文，否则使用英文。

                可以先运行 `pathway demo` 看一遍全过程，或用 `pathway db status` 查看正在使用哪个数据库。
                """),
            version: version,
            subcommands: [
                DemoCommand.self, DatabaseCommand.self, ImportCommand.self, SchoolsCommand.self, ProgramsCommand.self,
                StudentsCommand.self, MatchCommand.self, ReferralsCommand.self, FollowupCommand.self, CountyCommand.self,
                ReportCommand.self, LettersCommand.self,
                SeedCommand.self, TokensCommand.self, UsersCommand.self, ExportCommand.self, ServeCommand.self,
            ]
        )
    }

    /// Runs the command line and exits with its status; errors are worded in the user's language.
    static func main() async {
        Foundation.exit(await CommandLineRunner.run(Array(CommandLine.arguments.dropFirst())))
    }
}
