import ArgumentParser

/// Options every command that touches the database accepts.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("database-url"),
        help: ArgumentHelp(
            "PostgreSQL URL or conninfo to use instead of DATABASE_URL or the local database.",
            valueName: "url"))
    var databaseURL: String?
}

/// `--json` for scripts; human text otherwise.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print JSON instead of text, for scripts.")
    var json = false
}
