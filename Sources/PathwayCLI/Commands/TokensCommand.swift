import ArgumentParser
import Foundation
import PathwayStorage

/// `pathway tokens create|list|revoke`: the API tokens vocational schools' systems use.
struct TokensCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens",
        abstract: "Create, list and revoke the API tokens vocational schools use with `pathway serve`.",
        discussion: """
        A token lets one school's system read that school's referrals and report outcomes, \
        nothing more. It is shown once, when created; only its SHA-256 is stored, so a lost \
        token cannot be shown again: revoke it and create another.

        Examples:
          pathway tokens create --school S01 --label "教务系统"
          pathway tokens list
          pathway tokens revoke 3
        """,
        subcommands: [Create.self, List.self, Revoke.self]
    )

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a token for one school; the token is printed once, alone on the last line.",
            discussion: """
            Example, keeping the token in a variable:
              TOKEN=$(pathway tokens create --school S01 --label "enrolment system" | tail -n 1)
            """)
        @Option(help: ArgumentHelp("The school the token acts for (see `pathway schools list`).", valueName: "school_id"))
        var school: String
        @Option(help: ArgumentHelp("What the token is for, so that staff know which one to revoke.", valueName: "text"))
        var label: String?
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let connection = try DatabaseLocator(options: database).open()
            defer { connection.close() }
            let issued: IssuedToken
            do {
                issued = try TokenStore(connection: connection).create(schoolID: school, label: label, actor: AuditLog.currentUser)
            } catch let error as TokenError {
                throw CommandFailure(error.description)
            }
            let label = issued.record.label.map { " (\($0))" } ?? ""
            print("token \(issued.record.id) for school \(issued.record.schoolID)\(label); it is shown only now:")
            print(issued.token)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the tokens: school, label, when created and last used, and whether revoked.",
            discussion: "Example: pathway tokens list --school S01 --json")
        @Option(help: ArgumentHelp("Only this school's tokens.", valueName: "school_id"))
        var school: String?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let connection = try DatabaseLocator(options: database).open()
            defer { connection.close() }
            let tokens = try TokenStore(connection: connection).list(schoolID: school)
            if output.json { return try Terminal.printJSON(tokens) }
            var table = TextTable(["token_id", "school", "label", "created", "last used", "state"], rightAligned: [0])
            for token in tokens {
                table.append([
                    String(token.id), token.schoolID, token.label ?? "", Self.minute(token.createdAt),
                    token.lastUsedAt.map(Self.minute) ?? "never",
                    token.revokedAt.map { "revoked \(Self.minute($0))" } ?? "active",
                ])
            }
            print(table.text)
            print("\(tokens.count) tokens, \(tokens.filter(\.isActive).count) active")
        }

        /// `2026-09-01 08:00 UTC`: to the minute, as last use is recorded.
        static func minute(_ date: Date) -> String { MatchText.minute(date) + " UTC" }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a token: requests carrying it are refused from now on.",
            discussion: "Example: pathway tokens revoke 3")
        @Argument(help: ArgumentHelp("The token's id, from `pathway tokens list`.", valueName: "token_id"))
        var id: Int
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let connection = try DatabaseLocator(options: database).open()
            defer { connection.close() }
            let outcome: (token: APIToken, changed: Bool)
            do {
                outcome = try TokenStore(connection: connection).revoke(tokenID: id, actor: AuditLog.currentUser)
            } catch let error as TokenError {
                throw CommandFailure(error.description)
            }
            let label = outcome.token.label.map { ", \($0)" } ?? ""
            if outcome.changed {
                print("revoked token \(id) (school \(outcome.token.schoolID)\(label))")
            } else {
                Terminal.note("token \(id) (school \(outcome.token.schoolID)\(label)) was already revoked")
            }
        }
    }
}
