import ArgumentParser
import Foundation
import PathwayStorage
import PathwayWorkflows

/// `pathway tokens create|list|revoke`: the API tokens vocational schools' systems use.
struct TokensCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "tokens",
            abstract: L("Create, list and revoke the API tokens vocational schools use with `pathway serve`.",
                        "创建、列出和吊销中职学校通过 `pathway serve` 使用的 API 令牌。"),
            discussion: L(
                """
                A token lets one school's system read that school's referrals and report outcomes, \
                nothing more. It is shown once, when created; only its SHA-256 is stored, so a lost \
                token cannot be shown again: revoke it and create another.

                Examples:
                  pathway tokens create --school S01 --label "教务系统"
                  pathway tokens list
                  pathway tokens revoke 3
                """,
                """
                令牌只允许一所学校的系统读取本校的转介并报告结果，别的都不行。令牌只在创建时显示一次；\
                数据库只保存它的 SHA-256，丢失的令牌无法再次显示：请吊销它，再创建一个新的。

                示例：
                  pathway tokens create --school S01 --label "教务系统"
                  pathway tokens list
                  pathway tokens revoke 3
                """),
            subcommands: [Create.self, List.self, Revoke.self]
        )
    }

    struct Create: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("Create a token for one school; the token is printed once, alone on the last line.",
                            "为一所学校创建令牌；令牌只显示一次，单独在最后一行。"),
                discussion: L(
                    """
                    Example, keeping the token in a variable:
                      TOKEN=$(pathway tokens create --school S01 --label "enrolment system" | tail -n 1)
                    """,
                    """
                    示例，把令牌存进变量：
                      TOKEN=$(pathway tokens create --school S01 --label "教务系统" | tail -n 1)
                    """)
            )
        }
        @Option(help: ArgumentHelp(L("The school the token acts for (see `pathway schools list`).", "令牌代表的学校（见 `pathway schools list`）。"), valueName: "school_id"))
        var school: String
        @Option(help: ArgumentHelp(L("What the token is for, so that staff know which one to revoke.", "令牌的用途，方便以后知道该吊销哪一个。"), valueName: "text"))
        var label: String?
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let workspace = try database.workspace()
            defer { workspace.close() }
            let issued = try workspace.tokens.create(schoolID: school, label: label, actor: workspace.actor)
            let label = issued.record.label.map { " (\($0))" } ?? ""
            console.line(L("token \(issued.record.id) for school \(issued.record.schoolID)\(label); it is shown only now:",
                           "学校 \(issued.record.schoolID) 的令牌 \(issued.record.id)\(label)；只在此时显示："))
            console.line(issued.token)
        }
    }

    struct List: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("List the tokens: school, label, when created and last used, and whether revoked.",
                            "列出令牌：学校、用途、创建和最近使用的时间、是否已吊销。"),
                discussion: L("Example: pathway tokens list --school S01 --json", "示例：pathway tokens list --school S01 --json")
            )
        }
        @Option(help: ArgumentHelp(L("Only this school's tokens.", "只列这所学校的令牌。"), valueName: "school_id"))
        var school: String?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let workspace = try database.workspace()
            defer { workspace.close() }
            let tokens = try workspace.tokens.list(schoolID: school)
            if output.json { return try console.json(tokens) }
            var table = TextTable(
                [L("token_id", "令牌编号"), L("school", "学校"), L("label", "用途"), L("created", "创建时间"),
                 L("last used", "最近使用"), L("state", "状态")],
                rightAligned: [0])
            for token in tokens {
                table.append([
                    String(token.id), token.schoolID, token.label ?? "", TimeText.minute(token.createdAt),
                    token.lastUsedAt.map(TimeText.minute) ?? L("never", "从未"),
                    token.revokedAt.map { L("revoked ", "已吊销 ") + TimeText.minute($0) } ?? L("active", "有效"),
                ])
            }
            console.line(table.text)
            let active = tokens.filter(\.isActive).count
            console.line(L("\(tokens.count) tokens, \(active) active", "共 \(tokens.count) 个令牌，\(active) 个有效"))
        }
    }

    struct Revoke: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("Revoke a token: requests carrying it are refused from now on.", "吊销令牌：从现在起拒绝带这个令牌的请求。"),
                discussion: L("Example: pathway tokens revoke 3", "示例：pathway tokens revoke 3")
            )
        }
        @Argument(help: ArgumentHelp(L("The token's id, from `pathway tokens list`.", "令牌编号，见 `pathway tokens list`。"), valueName: "token_id"))
        var id: Int
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let workspace = try database.workspace()
            defer { workspace.close() }
            let outcome = try workspace.tokens.revoke(tokenID: id, actor: workspace.actor)
            let label = outcome.token.label.map { ", \($0)" } ?? ""
            let school = outcome.token.schoolID
            if outcome.changed {
                console.line(L("revoked token \(id) (school \(school)\(label))", "已吊销令牌 \(id)（学校 \(school)\(label)）"))
            } else {
                console.note(L("token \(id) (school \(school)\(label)) was already revoked", "令牌 \(id)（学校 \(school)\(label)）早已吊销"))
            }
        }
    }
}
