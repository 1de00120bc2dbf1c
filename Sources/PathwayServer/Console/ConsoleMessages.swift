import Foundation
import PathwayCore
import PathwayImport
import PathwayLetters
import PathwayStorage
import PathwayWorkflows

/// What went wrong, as a person at the console reads it: in the page's language, naming the
/// console's pages rather than the command line's flags. The lower layers say the same in
/// English for logs and the API.
enum ConsoleMessages {
    /// Errors a person's input or the county's data can cause, answered with a refusal page;
    /// anything else is the server's fault (500).
    static func isUserError(_ error: any Error) -> Bool {
        switch error {
        case is WorkflowError, is MatchRunError, is ReferralError, is ReferralTransitionError, is FollowupStoreError,
             is FollowupDeadlinesError, is TokenError, is AccountError, is MatchReportQueryError, is MatchSettingsError,
             is MatchInputError, is StorageError, is ConsoleTasks.Refusal:
            true
        default:
            false
        }
    }

    static func describe(_ error: any Error, _ language: Language) -> String {
        let zh = language == .chinese
        func say(_ english: String, _ chinese: String) -> String { zh ? chinese : english }
        func status(_ status: ReferralStatus) -> String { status.name(in: language) }
        switch error {
        case ConsoleTasks.Refusal.runInProgress(let since):
            return say("A match run started at \(TimeText.minute(since)) is still in progress; start this one when it has finished.",
                       "\(TimeText.minute(since)) 开始的匹配还在进行；请等它结束后再开始。")
        case let error as APIError where error.status == .serviceUnavailable:
            return say("The database cannot be reached just now; nothing was changed. Try again in a minute.",
                       "暂时连不上数据库，什么也没有改变。请一分钟后再试。")
        case ConsoleTasks.Refusal.busy(let running):
            return say("\(running) long tasks are running already; start this one when one of them has finished (Tasks).",
                       "已有 \(running) 个任务正在进行；请等其中一个结束后再开始（见“任务”）。")
        case let error as WorkflowError:
            switch error {
            case .refusedFile(let name, let diagnostics):
                return say("\(name) has \(diagnostics.errorCount) errors; nothing was imported. Correct them and upload the file again.",
                           "\(name) 有 \(diagnostics.errorCount) 处错误，什么也没有导入。请改正后重新上传。")
            case .nobodyToFollowUp(let cohort):
                return say("Nobody\(cohort.map { " of \($0)" } ?? "") is on the follow-up ledger: every student has an open or enrolled referral.",
                           "跟进名单上\(cohort.map { "没有 \($0) 届的学生" } ?? "没有学生")：每个学生都有进行中或已报到的转介。")
            case .noLetters: return say("There are no referrals to write letters for.", "没有可以写信的转介。")
            case .nothingApproved(let proposed):
                return say("No letters: the \(proposed) referrals chosen are all still proposed; approve them first.",
                           "没有写信：选中的 \(proposed) 份转介都还是“拟转介”，请先审核通过。")
            case .noOffice:
                return say("Letters need an office to sign them: set it once under Settings.", "信件需要落款单位：请在“设置”中填写一次。")
            case .noPhone(let person, let references):
                return say("There is no phone number for \(person) (named in \(references.count) letters): set the office phone or the counsellor's under Settings.",
                           "没有 \(person) 的电话（\(references.count) 封信提到此人）：请在“设置”中填写单位电话或联络员电话。")
            case .statusCannotMove(let from, let to):
                return say("A \(status(from)) referral cannot become \(status(to)).", "“\(status(from))”的转介不能变为“\(status(to))”。")
            case .nothingToMove(let to):
                return say("No referral the filter finds can become \(status(to)).", "筛选出的转介中没有可以变为“\(status(to))”的。")
            case .nobodyNamed(let id):
                return say("Student \(id) has nobody responsible yet: name who made the contact, or hand the student to someone first.",
                           "学生 \(id) 还没有负责人：请写明联系人，或先把学生转交给某人。")
            case .unknownSchool(let id): return say("There is no school \(id).", "没有编号为 \(id) 的学校。")
            case .unknownReferrals(let ids):
                return say("There are no referrals \(ids.map(\.description).joined(separator: ", ")).",
                           "没有编号为 \(ids.map(\.description).joined(separator: "、")) 的转介。")
            default: return say(error.description, "无法完成：\(error.description)")
            }
        case let error as MatchRunError:
            switch error {
            case .unknownRun(let id): return say("There is no match run \(id).", "没有第 \(id) 次匹配。")
            case .runInProgress(let actor, let since):
                let when = since.map { TimeText.minute($0) } ?? ""
                return say("Another match run is in progress (started by \(actor) \(when)); start this one when it has finished.",
                           "另一次匹配正在进行（由 \(actor) 于 \(when) 开始）；请等它结束后再开始。")
            case .noStudents(let cohort):
                return say("There are no students\(cohort.map { " of \($0)" } ?? "") to match: import the students first (Data).",
                           "没有\(cohort.map { " \($0) 届的" } ?? "")学生可以匹配：请先在“数据”中导入学生。")
            case .noPrograms: return say("There are no programmes to match: import them first (Data).", "没有可以匹配的专业：请先在“数据”中导入专业。")
            case .studentNotInRun(let student, let run):
                return say("Student \(student) is not among run \(run)'s students.", "学生 \(student) 不在第 \(run) 次匹配的学生之中。")
            default: return say(error.description, "无法完成：\(error.description)")
            }
        case let error as MatchReportQueryError:
            switch error {
            case .unknownRun(let id, _): return say("There is no match run \(id).", "没有第 \(id) 次匹配。")
            }
        case let error as ReferralError:
            switch error {
            case .unknownRun(let id): return say("There is no match run \(id).", "没有第 \(id) 次匹配。")
            case .illegalTransition(let move):
                return say("Referral \(move.referralID) is \(status(move.from)) and cannot become \(status(move.to)): nothing was changed.",
                           "第 \(move.referralID) 份转介现为“\(status(move.from))”，不能变为“\(status(move.to))”：什么也没有改变。")
            case .noResponsiblePerson(let count, let ids):
                return say("\(count) placed students have nobody named to follow them (\(ids.prefix(5).joined(separator: ", "))): name the person who follows them.",
                           "\(count) 名已安置的学生还没有负责人（\(ids.prefix(5).joined(separator: "、"))）：请填写跟进人。")
            default: return say(error.description, "无法完成：\(error.description)")
            }
        case let error as ReferralTransitionError:
            return say("Referral \(error.referralID) is \(status(error.from)) and cannot become \(status(error.to)).",
                       "第 \(error.referralID) 份转介现为“\(status(error.from))”，不能变为“\(status(error.to))”。")
        case let error as AccountError:
            switch error {
            case .invalidUsername(let name):
                return say("\"\(name)\" cannot be a user name: use 2 to 64 lower-case letters, digits, '.', '_' or '-'.",
                           "“\(name)”不能作登录名：请用 2 到 64 个小写字母、数字、“.”、“_”或“-”。")
            case .usernameTaken(let name): return say("There is already an account named \(name).", "已经有名为 \(name) 的账户。")
            case .displayNameTaken(let name):
                return say("Another counsellor is called \(name): a counsellor follows the students named for them, so give a name that tells the two apart.",
                           "已有一位叫 \(name) 的辅导员：辅导员跟进写着自己名字的学生，请用能区分两人的名字（如 王老师（城关））。")
            case .unknownAccount(let name): return say("There is no account named \(name).", "没有名为 \(name) 的账户。")
            case .invalidDisplayName: return say("The person's name must not be empty or longer than 100 characters.", "姓名不能为空，也不能超过 100 个字。")
            case .schoolRequired: return say("A school clerk's account needs the school it acts for.", "学校招生员的账户需要选择所属学校。")
            case .schoolNotAllowed: return say("Only a school clerk's account belongs to a school.", "只有学校招生员的账户属于某个学校。")
            case .unknownSchool(let id): return say("There is no school \(id).", "没有编号为 \(id) 的学校。")
            default: return say(error.description, "无法完成：\(error.description)")
            }
        case let error as TokenError:
            switch error {
            case .unknownSchool(let id): return say("There is no school \(id).", "没有编号为 \(id) 的学校。")
            case .unknownToken(let id): return say("There is no token \(id).", "没有编号为 \(id) 的令牌。")
            }
        case let error as FollowupDeadlinesError:
            switch error {
            case .acknowledgeDays(let days):
                return say("\(days) days to acknowledge is not possible: give 1 to 365.", "确认天数 \(days) 不可用：请填 1 到 365。")
            case .registrationDay(let month, let day):
                return say("\(month)-\(day) is not a day of the year.", "\(month)-\(day) 不是一年中的日期。")
            }
        case let error as MatchSettingsError:
            switch error {
            case .invalidWeight(let component, let value):
                return say("The weight \(component)=\(value) cannot be used: each is between 0 and \(Int(ScoreWeights.maximum)).",
                           "权重 \(component)=\(value) 不可用：每个权重必须在 0 到 \(Int(ScoreWeights.maximum)) 之间。")
            case .weightsSumToZero: return say("All three weights are 0: at least one must be more.", "三个权重都是 0：至少要有一个大于 0。")
            case .invalidCandidateLimit(let value):
                return say("\(value) candidates per student cannot be used: 1 to \(MatchSettings.maximumCandidateLimit).",
                           "候选数 \(value) 不可用：每个学生保留 1 到 \(MatchSettings.maximumCandidateLimit) 个候选。")
            case .invalidMaxCommute(let value):
                return say("A commute of \(value) km cannot be used: more than 0, at most \(Int(MatchSettings.maximumCommuteKm)).",
                           "走读距离 \(value) 公里不可用：必须大于 0、不超过 \(Int(MatchSettings.maximumCommuteKm))。")
            case .invalidSeed(let value):
                return say("The lottery seed \(value) cannot be used: a whole number from 0 to \(Lottery.maximumSeed).",
                           "抽签种子 \(value) 不可用：请填 0 到 \(Lottery.maximumSeed) 之间的整数。")
            case .tooManyTieBreakSubjects(let count):
                return say("\(count) tie-break subjects are too many: at most \(MatchSettings.maximumTieBreakSubjects).",
                           "同分比较科目 \(count) 个太多：最多 \(MatchSettings.maximumTieBreakSubjects) 个。")
            case .invalidTieBreakSubject(let subject):
                return say("“\(subject)” is not a subject code: use codes such as math, chinese, english.",
                           "“\(subject)”不是科目代码：请用 math、chinese、english 这样的代码。")
            case .repeatedTieBreakSubject(let subject):
                return say("The tie-break subject \(subject) is named twice.", "同分比较科目 \(subject) 写了两次。")
            }
        case let error as StorageError:
            if case .pruneNeedsConfirmation(_, let remove, let stored, _) = error {
                return say("The file would remove \(remove) of \(stored) records.", "这个文件会删除 \(stored) 条记录中的 \(remove) 条。")
            }
            return say(error.description, "无法完成：\(error.description)")
        case let error as FollowupStoreError:
            return say(error.description, "无法完成：\(error.description)")
        default:
            return say("Something went wrong on the server; nothing was changed. (\(type(of: error)))",
                       "服务器出错，什么也没有改变。（\(type(of: error))）")
        }
    }
}
