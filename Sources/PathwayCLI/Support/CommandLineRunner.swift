import ArgumentParser
import Foundation

/// Parses and runs one command line, and says what went wrong in the user's language: what
/// `pathway` does for a person, and what the CLI tests do in-process.
enum CommandLineRunner {
    /// Runs `arguments` (without the program name); returns the exit status.
    static func run(_ arguments: [String]) async -> Int32 {
        var command: any ParsableCommand
        do {
            command = try Pathway.parseAsRoot(arguments)
        } catch {
            // Help, --version, a mistyped command line, a failed `validate()`.
            return reportToParser(error)
        }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return 0
        } catch let error as ExitCode {
            return error.rawValue
        } catch where String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") {
            // `--help` on a command whose parent runs it, a `ValidationError` thrown by `run()`.
            return reportToParser(error)
        } catch {
            // A command that could not do its work: the reason alone, no usage.
            console.error(L("Error: ", "错误：") + Messages.describe(error) + "\n")
            return 1
        }
    }

    /// Lets ArgumentParser word the message (usage and all), in the user's language.
    private static func reportToParser(_ error: any Error) -> Int32 {
        let code = Pathway.exitCode(for: error)
        var message = ParserText.localized(Pathway.fullMessage(for: error))
        if !message.hasSuffix("\n") { message += "\n" }
        if code == .success { console.write(message) } else { console.error(message) }
        return code.rawValue
    }
}

/// ArgumentParser's own words (headings, its errors) in the command line's language: the
/// library writes English, the staff read Chinese.
enum ParserText {
    /// `text` with the library's English replaced by Chinese when the command line speaks it.
    static func localized(_ text: String) -> String {
        guard Words.chinese else { return text }
        var result = text
        for (pattern, replacement) in replacements {
            result = result.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
        }
        return result
    }

    /// In the order applied: longer phrases before the words they contain.
    private static let replacements: [(String, String)] = [
        (#"(?m)^OVERVIEW: "#, "概述："),
        (#"(?m)^USAGE: "#, "用法："),
        (#"(?m)^Usage: "#, "用法："),
        (#"(?m)^ARGUMENTS:"#, "参数："),
        (#"(?m)^OPTIONS:"#, "选项："),
        (#"(?m)^SUBCOMMANDS:"#, "子命令："),
        (#"(?m)^  See '([^']+) <subcommand>' for detailed help\."#, "  用 '$1 <子命令>' 查看某个子命令的详细帮助。"),
        (#"(?m)^  See '([^']+)' for more information\."#, "  用 '$1' 查看更多说明。"),
        (#"Show help information\."#, "显示帮助。"),
        (#"Show the version\."#, "显示版本。"),
        (#"\(values: ([^;)]*); default: ([^)]*)\)"#, "（可选：$1；默认：$2）"),
        (#"\(values: ([^)]*)\)"#, "（可选：$1）"),
        (#"\(default: ([^)]*)\)"#, "（默认：$1）"),
        (#"(?m)^Error: "#, "错误："),
        (#"(?m)^Help:  "#, "帮助："),
        (#"Missing expected argument '([^']*)'"#, "缺少参数 '$1'"),
        (#"Missing value for '([^']*)'"#, "'$1' 缺少值"),
        (#"Missing one of: "#, "缺少以下之一："),
        (#"Missing required subcommand\."#, "缺少子命令。"),
        (#"Unknown option '([^']*)'\. Did you mean '([^']*)'\?"#, "未知选项 '$1'。您是不是要用 '$2'？"),
        (#"Unknown option '([^']*)'"#, "未知选项 '$1'"),
        (#"Unexpected argument '([^']*)'"#, "多余的参数 '$1'"),
        (#"Invalid option: "#, "无效选项："),
        (#"The value '([^']*)' is invalid for '([^']*)'\. Please provide one of the following:"#, "'$2' 不接受值 '$1'。请从以下值中选择："),
        (#"The value '([^']*)' is invalid for '([^']*)'\. Please provide one of ([^\n]*) or ([^\n]*)\."#, "'$2' 不接受值 '$1'。请从以下值中选择：$3 或 $4。"),
        (#"The value '([^']*)' is invalid for '([^']*)'\. Please provide one of ([^\n]*)\."#, "'$2' 不接受值 '$1'。请从以下值中选择：$3。"),
        (#"The value '([^']*)' is invalid for '([^']*)'"#, "'$2' 不接受值 '$1'"),
        (#"The value '([^']*)' is invalid\."#, "值 '$1' 无效。"),
    ]
}
