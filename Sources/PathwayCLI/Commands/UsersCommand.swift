import ArgumentParser
import Foundation
import PathwayStorage
import PathwayWorkflows

/// `pathway users create|list|disable|enable|reset-password`: the people who sign in to the
/// school portal (`pathway serve`) with a name and password.
struct UsersCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "users",
            abstract: L("Create, list, disable and reset the accounts people sign in to the portal with.",
                        "创建、列出、停用账户并重置密码：人们用这些账户登录门户。"),
            discussion: L(
                """
                Roles: administrator (the county's year), counsellor (follows students), school-clerk \
                (one vocational school's referrals, nothing else: give --school). Make the first \
                administrator here, at setup. A new password is made up and printed once, alone on the \
                last line, unless --password-stdin reads one; only a bcrypt hash is stored. Disabling \
                an account or resetting its password signs it out everywhere. Every change is audited.

                Examples:
                  pathway users create li --name 李主任 --role administrator
                  pathway users create wang --name 王老师 --role school-clerk --school S01
                  pathway users list
                  pathway users reset-password wang
                  pathway users disable wang
                """,
                """
                角色：administrator（管理员，负责全县全年工作）、counsellor（辅导员，跟踪学生）、\
                school-clerk（学校招生员，只能处理一所中职学校的转介；需要 --school）。第一个管理员\
                在安装时用这里的命令创建。新密码由系统生成，只显示一次，单独在最后一行；用 \
                --password-stdin 可从标准输入读取密码。数据库只保存 bcrypt 散列。停用账户或重置密码\
                会让它在所有地方退出登录。每次更改都写入审计日志。

                示例：
                  pathway users create li --name 李主任 --role administrator
                  pathway users create wang --name 王老师 --role school-clerk --school S01
                  pathway users list
                  pathway users reset-password wang
                  pathway users disable wang
                """),
            subcommands: [Create.self, List.self, Disable.self, Enable.self, ResetPassword.self]
        )
    }

    /// Where a new password comes from: made up and printed, or read from standard input.
    struct PasswordOptions: ParsableArguments {
        @Flag(name: .customLong("password-stdin"), help: ArgumentHelp(
            L("Read the password from the first line of standard input instead of making one up.",
              "从标准输入的第一行读取密码，而不是自动生成。")))
        var fromStandardInput = false

        /// The password to set, and whether it was made up (and so must be shown).
        func password() throws -> (password: String, generated: Bool) {
            guard fromStandardInput else { return (Password.generate(), true) }
            guard let line = Swift.readLine(strippingNewline: true), !line.isEmpty else {
                throw CommandFailure(L("--password-stdin read no password", "--password-stdin 没有读到密码"))
            }
            return (line, false)
        }
    }

    struct Create: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("Create an account; a made-up password is printed once, alone on the last line.",
                            "创建账户；自动生成的密码只显示一次，单独在最后一行。"),
                discussion: L(
                    "Example: pathway users create wang --name 王老师 --role school-clerk --school S01",
                    "示例：pathway users create wang --name 王老师 --role school-clerk --school S01")
            )
        }
        @Argument(help: ArgumentHelp(
            L("The sign-in name: 2 to 64 lower-case letters, digits, '.', '_' or '-'.",
              "登录名：2 到 64 个小写字母、数字、“.”、“_”或“-”。"), valueName: "username"))
        var username: String
        @Option(help: ArgumentHelp(L("The person's name, as shown and audited (王老师).", "本人姓名，用于显示和审计（如 王老师）。"), valueName: "name"))
        var name: String
        @Option(help: ArgumentHelp(L("administrator, counsellor or school-clerk.", "administrator、counsellor 或 school-clerk。"), valueName: "role"))
        var role: AccountRole
        @Option(help: ArgumentHelp(L("The vocational school a school clerk acts for.", "学校招生员所代表的中职学校。"), valueName: "school_id"))
        var school: String?
        @OptionGroup var password: PasswordOptions
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let (password, generated) = try password.password()
            let workspace = try database.workspace()
            defer { workspace.close() }
            let account = try workspace.accounts.create(
                username: username, displayName: name, role: role, schoolID: school, region: workspace.region,
                password: password, actor: workspace.actor)
            if output.json { return try console.json(UserCreated(account: account, password: generated ? password : nil)) }
            let school = account.schoolID.map { L(", school \($0)", "，学校 \($0)") } ?? ""
            let role = account.role.name(in: Words.language)
            if generated {
                console.line(L("account \(account.username) (\(account.displayName), \(role)\(school)); its password is shown only now:",
                               "已创建账户 \(account.username)（\(account.displayName)，\(role)\(school)）；密码只在此时显示："))
                console.line(password)
            } else {
                console.line(L("account \(account.username) (\(account.displayName), \(role)\(school))",
                               "已创建账户 \(account.username)（\(account.displayName)，\(role)\(school)）"))
            }
        }
    }

    /// `--json` of a created account: the password only when it was made up here.
    struct UserCreated: Encodable {
        var account: Account
        var password: String?
    }

    struct List: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("List the accounts: name, role, school, last sign-in, and whether disabled or locked.",
                            "列出账户：姓名、角色、学校、最近登录，以及是否停用或锁定。"),
                discussion: L("Example: pathway users list --json", "示例：pathway users list --json")
            )
        }
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let workspace = try database.workspace()
            defer { workspace.close() }
            let accounts = try workspace.accounts.list()
            if output.json { return try console.json(accounts) }
            var table = TextTable(
                [L("username", "登录名"), L("name", "姓名"), L("role", "角色"), L("school", "学校"), L("region", "地区"),
                 L("last sign-in", "最近登录"), L("state", "状态")])
            let now = Date()
            for account in accounts {
                let state: String
                if let disabled = account.disabledAt {
                    state = L("disabled ", "已停用 ") + TimeText.minute(disabled)
                } else if let until = account.lockedUntil, until > now {
                    state = L("locked until ", "锁定至 ") + TimeText.minute(until)
                } else {
                    state = L("active", "有效")
                }
                table.append([
                    account.username, account.displayName, account.role.name(in: Words.language), account.schoolID ?? "",
                    account.region.rawValue, account.lastLoginAt.map(TimeText.minute) ?? L("never", "从未"), state,
                ])
            }
            console.line(table.text)
            let active = accounts.filter(\.isActive).count
            console.line(L("\(accounts.count) accounts, \(active) active", "共 \(accounts.count) 个账户，\(active) 个有效"))
        }
    }

    struct Disable: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("Disable an account: it cannot sign in, and its sessions end now.", "停用账户：不能再登录，现有会话立即结束。"),
                discussion: L("Example: pathway users disable wang", "示例：pathway users disable wang")
            )
        }
        @OptionGroup var target: AccountTarget

        func run() throws { try target.setDisabled(true) }
    }

    struct Enable: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("Let a disabled account sign in again.", "恢复已停用的账户，允许再次登录。"),
                discussion: L("Example: pathway users enable wang", "示例：pathway users enable wang")
            )
        }
        @OptionGroup var target: AccountTarget

        func run() throws { try target.setDisabled(false) }
    }

    /// The account a command changes, and the database it is in.
    struct AccountTarget: ParsableArguments {
        @Argument(help: ArgumentHelp(L("The sign-in name.", "登录名。"), valueName: "username"))
        var username: String
        @OptionGroup var database: DatabaseOptions

        func setDisabled(_ disabled: Bool) throws {
            let workspace = try database.workspace()
            defer { workspace.close() }
            let outcome = disabled
                ? try workspace.accounts.disable(username: username, actor: workspace.actor)
                : try workspace.accounts.enable(username: username, actor: workspace.actor)
            let name = outcome.account.displayName
            switch (disabled, outcome.changed) {
            case (true, true): console.line(L("disabled \(username) (\(name)); signed out everywhere", "已停用 \(username)（\(name)），所有会话已结束"))
            case (true, false): console.note(L("\(username) was already disabled", "\(username) 早已停用"))
            case (false, true): console.line(L("enabled \(username) (\(name))", "已恢复 \(username)（\(name)）"))
            case (false, false): console.note(L("\(username) was not disabled", "\(username) 并未停用"))
            }
        }
    }

    struct ResetPassword: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                commandName: "reset-password",
                abstract: L("Give an account a new password (printed once), lift a lock, and sign it out everywhere.",
                            "给账户设置新密码（只显示一次），解除锁定，并在所有地方退出登录。"),
                discussion: L("Example: pathway users reset-password wang", "示例：pathway users reset-password wang")
            )
        }
        @OptionGroup var target: AccountTarget
        @OptionGroup var password: PasswordOptions

        func run() throws {
            let (password, generated) = try password.password()
            let username = target.username
            let workspace = try target.database.workspace()
            defer { workspace.close() }
            let account = try workspace.accounts.resetPassword(username: username, password: password, actor: workspace.actor)
            if generated {
                console.line(L("new password for \(account.username) (\(account.displayName)); it is shown only now:",
                               "\(account.username)（\(account.displayName)）的新密码，只在此时显示："))
                console.line(password)
            } else {
                console.line(L("new password set for \(account.username) (\(account.displayName))",
                               "已为 \(account.username)（\(account.displayName)）设置新密码"))
            }
        }
    }
}
