import ArgumentParser
import PathwayCore
import PathwayImport
import PathwayLetters
import PathwayStorage
import PathwayWorkflows

// Every enumerated option is parsed once, by ArgumentParser, into its type: a misspelt value
// is refused with the list of accepted ones before the command runs, and nothing falls back
// silently to a default.

extension Strategy: ExpressibleByArgument {}
extension LetterFormat: ExpressibleByArgument {}
extension ReferralStatus: ExpressibleByArgument {}
extension Subsidy.Kind: ExpressibleByArgument {}
extension OutcomeReason: ExpressibleByArgument {
    /// The code, or its Chinese or English name (`家长不同意`, `parents disagree`).
    public init?(argument: String) { self.init(parsing: argument) }
}
extension ContactKind: ExpressibleByArgument {}
extension ContactOutcome: ExpressibleByArgument {}
extension MatchExport.Table: ExpressibleByArgument {}
extension MatchExport.Format: ExpressibleByArgument {}
extension SchoolFileFormat: ExpressibleByArgument {}

extension Language: ExpressibleByArgument {
    /// `zh` (also `zh-CN`, `chinese`) or `en` (`english`).
    public init?(argument: String) {
        switch argument.lowercased() {
        case "zh", "zh-cn", "zh_cn", "chinese", "中文": self = .chinese
        case "en", "english": self = .english
        default: return nil
        }
    }
}

extension CSVReader.Encoding: ExpressibleByArgument {
    /// `auto`, `utf-8` (`utf8`), `gb18030` (`gbk`, `gb2312`, `cp936`).
    public init?(argument: String) { self.init(name: argument) }
}

extension NumberedID: ExpressibleByArgument {
    /// A positive whole number.
    public init?(argument: String) { self.init(argument) }
}

extension AccountRole: ExpressibleByArgument {
    /// `administrator`, `counsellor`, `school-clerk` (or `school_clerk`), or the Chinese name.
    public init?(argument: String) {
        let text = argument.lowercased().replacingOccurrences(of: "-", with: "_")
        guard let role = AccountRole(rawValue: text) ?? AccountRole.allCases.first(where: { $0.name(in: .chinese) == argument })
        else { return nil }
        self = role
    }

    public static var allValueStrings: [String] { ["administrator", "counsellor", "school-clerk"] }
}

extension Region: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument) }
}

extension CalendarDate: ExpressibleByArgument {
    /// `YYYY-MM-DD`.
    public init?(argument: String) { self.init(parsing: argument) }
}

/// Which letters of a referral to write: `--kind school|family|both`.
enum LetterKindChoice: String, CaseIterable, ExpressibleByArgument {
    case school, family, both

    var kinds: [LetterKind] {
        switch self {
        case .school: [.school]
        case .family: [.family]
        case .both: LetterKind.allCases
        }
    }
}
