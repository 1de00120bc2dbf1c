import ArgumentParser

/// `pathway`: refer junior-school leavers to vocational programmes that fit them, and follow
/// them until they enrol.
@main
struct Pathway: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pathway",
        abstract: "Refer students who leave junior school to vocational programmes, and follow them until they enrol.",
        discussion: """
        Pathway keeps its data in PostgreSQL. With nothing configured it runs a local PostgreSQL \
        of its own under PATHWAY_HOME (default ~/.pathway); set DATABASE_URL or pass \
        --database-url to use another server.

        Start with `pathway db status` to see which database is in use.
        """,
        subcommands: [
            DemoCommand.self, DatabaseCommand.self, ImportCommand.self, SchoolsCommand.self, ProgramsCommand.self,
            StudentsCommand.self, MatchCommand.self, ReferralsCommand.self, FollowupCommand.self, LettersCommand.self,
            SeedCommand.self,
        ]
    )
}
