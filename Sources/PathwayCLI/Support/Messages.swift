import ArgumentParser
import Foundation
import ManagedPostgres
import PathwayCore
import PathwayImport
import PathwayLetters
import PathwayStorage
import PathwayWorkflows
import PostgresClient

/// The words the command line uses for what the lower layers report, in the user's language.
///
/// Lower layers describe their errors in English for logs and the API; here each is said again
/// in Chinese when the command line speaks it, with the same ids, rows and values, so that the
/// message stays exactly as precise.
enum Messages {
    /// The message for `error` that a person at the terminal reads.
    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as CommandFailure: error.description
        case let error as WorkflowError: workflow(error)
        case let error as DatabaseBackup.Failure: backup(error)
        case let error as MatchRunError: matchRun(error)
        case let error as ReferralError: referral(error)
        case let error as FollowupStoreError: followup(error)
        case let error as FollowupDeadlinesError: deadlines(error)
        case let error as ReferralTransitionError: transition(error)
        case let error as TokenError: token(error)
        case let error as AccountError: account(error)
        case let error as MatchReportQueryError: reportQuery(error)
        case let error as MatchSettingsError: settings(error)
        case let error as MatchInputError: input(error)
        case let error as LetterTemplateError: template(error)
        case let error as LetterFileError: L(error.description, "无法写入 \(error.path)：\(error.reason)")
        case let error as LocalClusterError: cluster(error)
        case let error as StorageError: storage(error)
        case let error as PostgresError: database(error)
        default: Words.chinese ? "出错了：\(error)" : "\(error)"
        }
    }

    static func subsidyKind(_ kind: Subsidy.Kind) -> String {
        switch kind {
        case .tuition: L("free tuition", "免学费")
        case .stateGrant: L("national grant (国家助学金)", "国家助学金")
        case .yulu: L("Yulu Plan (雨露计划)", "雨露计划")
        }
    }

    static func subsidy(_ error: SubsidyError, spec: String) -> String {
        switch error {
        case .malformed: L("--subsidy \(spec) is not KIND:YUAN:FROM[:UNTIL] (e.g. state_grant:2300:2026-09-01, tuition:2026-09-01)",
                           "--subsidy \(spec) 的格式不对，应为 类别:金额:起始日期[:截止日期]（如 state_grant:2300:2026-09-01、tuition:2026-09-01）")
        case .missingAmount(let kind): L("--subsidy \(spec): \(kind.rawValue) needs a sum per year", "--subsidy \(spec)：\(subsidyKind(kind))需要写明每年的金额")
        case .amountForTuition: L("--subsidy \(spec): free tuition takes no amount", "--subsidy \(spec)：免学费不写金额")
        case .amountOutOfRange(let yuan): L("--subsidy \(spec): ¥\(yuan) a year is not a plausible sum", "--subsidy \(spec)：每年 \(yuan) 元不是合理的金额")
        case .endsBeforeItStarts: L("--subsidy \(spec) ends before it starts", "--subsidy \(spec) 的截止日期早于起始日期")
        }
    }

    static func workflow(_ error: WorkflowError) -> String {
        guard Words.chinese else { return error.description }
        switch error {
        case .unreadableFile(let path, let problem): return "无法读取 \(path)：\(fileProblem(problem))"
        case .refusedFile(let name, let diagnostics):
            return "\(name) 有 \(diagnostics.errorCount) 处错误，什么也没有导入"
        case .missingFolder(let folder): return "文件夹 \(folder) 不存在；请先建好它，或换一个位置"
        case .unwritableFile(let path, let problem): return "无法写入 \(path)：\(fileProblem(problem))"
        case .unknownSchool(let id): return "没有编号为 \(id) 的学校；`pathway schools list` 列出所有学校编号"
        case .unknownReferrals(let ids):
            return "没有编号为 \(ids.map(\.description).joined(separator: "、")) 的转介；`pathway referrals list` 列出所有转介"
        case .nobodyToFollowUp(let cohort):
            return "跟进名单上\(cohort.map { "没有 \($0) 届的学生" } ?? "没有学生")：每个学生都有进行中或已报到的转介（`pathway followup list` 列出跟进名单）"
        case .noLetters: return "没有可以写信的转介"
        case .noSeeds(let searched): return "找不到 Seeds 文件夹（找过：\(searched.joined(separator: "、"))）；请用 --seeds 指定"
        case .unknownDate: return "无法确定今天的日期；请用 --date YYYY-MM-DD 指定"
        case .nobodyNamed(let id):
            return "学生 \(id) 还没有负责人；请用 --by 写明联系人，或先用 `pathway followup assign \(id) --to 姓名` 指定"
        case .statusCannotMove(let from, let to):
            let choices = from.choices.map { "“\(status($0))”" }.joined(separator: "或")
            return "“\(status(from))”的转介不能变为“\(status(to))”" + (choices.isEmpty ? "：“\(status(from))”是最终状态" : "；它只能变为\(choices)")
        case .outcomeRows(let name, let problems):
            return "\(name)：有 \(problems.count) 行无法记录，什么也没有记录：\n"
                + problems.map { "  第 \($0.line) 行：\($0.text(in: .chinese))" }.joined(separator: "\n")
        case .nothingApproved(let proposed):
            return "没有写信：选中的 \(proposed) 份转介都还是“拟转介”，尚未审核；请先用 `pathway referrals approve --run 匹配编号` 审核，"
                + "或加 --include-proposed 写出草稿"
        case .unknownCounsellor(let school):
            return "本县资料中没有 \(school) 的联络员；`pathway county show` 列出全部"
        case .noOffice:
            return "信件需要落款单位：请用 `pathway county set --office 单位名称` 设置一次，或用 --office 给出"
        case .noPhone(let person, let references):
            return "没有 \(person) 的电话（\(references.count) 封信提到此人：\(references.prefix(3).joined(separator: "、"))"
                + (references.count > 3 ? "……" : "") + "）：家长需要一个可以打的电话。请用 "
                + "`pathway county set --counsellor \"初中学校=\(person),电话\"` 或 `--office-phone 电话` 设置，或用 --counsellor-phone 给出"
        case .nothingToMove(let to):
            return "没有符合条件、可以变为“\(status(to))”的转介；用相同的选项运行 `pathway referrals list` 可以查看"
        }
    }

    static func backup(_ failure: DatabaseBackup.Failure) -> String {
        switch failure {
        case .toolMissing(let tool):
            L("\(tool) is not installed; install PostgreSQL's client programs (Debian: postgresql-client)",
              "没有安装 \(tool)；请安装 PostgreSQL 客户端程序（Debian：postgresql-client）")
        case .toolFailed(let tool, let output):
            L("\(tool) failed; nothing was changed:\n\(output)", "\(tool) 失败，什么也没有改变：\n\(output)")
        case .databaseNotEmpty(let students):
            L("the database holds data (\(students) students); nothing was changed: run again with --yes to replace it with the backup",
              "数据库中已有数据（\(students) 名学生），什么也没有改变：确认要用备份替换，请加 --yes 再运行一次")
        case .unreadableBackup(let path):
            L("cannot read the backup \(path)", "无法读取备份文件 \(path)")
        }
    }

    /// What is wrong with a file, in Chinese.
    private static func fileProblem(_ problem: WorkflowError.FileProblem) -> String {
        switch problem {
        case .missing: "没有这个文件"
        case .folder: "这是一个文件夹，不是文件"
        case .notOrdinary: "这不是普通文件"
        case .permissionDenied: "没有读取权限"
        case .folderUnwritable: "文件夹不存在或不可写"
        case .other(let text): text
        }
    }

    static func matchRun(_ error: MatchRunError) -> String {
        switch error {
        case .unknownRun(let id):
            return L("there is no match run \(id); `pathway match list` shows the runs",
                     "没有第 \(id) 次匹配；`pathway match list` 列出所有匹配")
        case .runInProgress(let actor, let since):
            let when = since.map { TimeText.minute($0) }
            return L("another match run is in progress (started by \(actor)\(when.map { " at \($0)" } ?? "")); try again when it has finished, or pass --wait",
                     "另一次匹配正在进行（由 \(actor)\(when.map { " 于 \($0)" } ?? "") 开始）；请等它结束后再试，或加上 --wait 等待")
        case .noStudents(let cohort):
            return L(error.description,
                     "没有\(cohort.map { " \($0) 届的" } ?? "")学生可以匹配；请先导入学生（`pathway import students 文件`）")
        case .noPrograms:
            return L(error.description, "没有可以匹配的专业；请先导入专业（`pathway import programs 文件`）")
        case .rankedRunHasNoAssignments(let id):
            return L(error.description, "第 \(id) 次匹配用的是 ranked 策略，只列候选、不分配学位；请用 --what candidates")
        case .studentNotInRun(let student, let run):
            return L(error.description, "学生 \(student) 不在第 \(run) 次匹配的学生之中")
        case .unreadableRun(let run, let reason):
            return L(error.description, "第 \(run) 次匹配无法读取：\(reason)")
        }
    }

    static func referral(_ error: ReferralError) -> String {
        switch error {
        case .notFound(let id):
            L(error.description + "; `pathway referrals list` shows them", "没有编号为 \(id) 的转介；`pathway referrals list` 列出所有转介")
        case .illegalTransition(let error): transition(error)
        case .unknownRun(let id): L(error.description, "没有第 \(id) 次匹配；`pathway match list` 列出所有匹配")
        case .missingPerson(let role):
            L(error.description, "\(role == "assignee" ? "负责人" : "操作人")为空；请写明负责的人")
        case .noResponsiblePerson(let count, let ids):
            L(error.description,
              "\(count) 名已安置的学生还没有负责人（\(ids.joined(separator: "、"))\(count > ids.count ? "……" : "")）；"
                + "请用 --assignee 写明负责人，或先用 `pathway followup assign` 指定")
        case .reasonNotAllowed(let reason, let status):
            status == .expired || reason == .registration_closed
                ? L(error.description, "“\(reason.name(in: .chinese))”是转介过期时系统使用的原因；请填写家庭给出的原因")
                : L(error.description, "原因只用于拒绝、未报到和撤回，不能用于“\(Messages.status(status))”")
        case .namedTwice(let id):
            L(error.description, "转介 \(id) 出现了两次且结果不同；请只保留一行")
        }
    }

    static func followup(_ error: FollowupStoreError) -> String {
        switch error {
        case .emptySelection: L(error.description, "请说明是哪些学生：给出学生编号，或用 --junior-school、--township、--cohort")
        case .missingPerson: L(error.description, "请写明负责人的姓名（不是账号），例如 --to \"王老师\"")
        case .unknownStudents(let ids):
            L(error.description, "没有编号为 \(ids.prefix(5).joined(separator: "、"))\(ids.count > 5 ? "……" : "") 的学生；`pathway students list` 列出所有学生")
        case .nobodySelected: L(error.description, "没有符合条件的学生；请按 `pathway students list` 显示的写法核对初中学校或乡镇")
        }
    }

    static func deadlines(_ error: FollowupDeadlinesError) -> String {
        switch error {
        case .acknowledgeDays(let days):
            L("the days a school has to acknowledge must be 1 to 365, not \(days)", "学校确认期限应为 1 到 365 天，而不是 \(days)")
        case .registrationDay(let month, let day):
            L("\(month)-\(day) is not a day of the year", "\(month)-\(day) 不是一年中的某一天")
        }
    }

    /// A history line's note: the reason code's name, then the note.
    static func eventNote(_ event: ReferralEvent) -> String {
        let reason = event.reason.map { "[\($0.name(in: Words.language))]" }
        return [reason, event.note].compactMap { $0 }.joined(separator: " ")
    }

    static func transition(_ error: ReferralTransitionError) -> String {
        guard Words.chinese else { return error.description }
        let why: String
        if error.from == error.to {
            why = "它已经是“\(status(error.to))”"
        } else if error.from.isTerminal {
            why = "“\(status(error.from))”是最终状态"
        } else {
            why = "从“\(status(error.from))”只能变为\(error.from.choices.map { "“\(status($0))”" }.joined(separator: "或"))"
        }
        return "转介 \(error.referralID) 不能从“\(status(error.from))”变为“\(status(error.to))”：\(why)"
    }

    static func token(_ error: TokenError) -> String {
        switch error {
        case .unknownSchool(let id): L(error.description, "没有编号为 \(id) 的学校；`pathway schools list` 列出所有学校编号")
        case .unknownToken(let id): L(error.description, "没有编号为 \(id) 的令牌；`pathway tokens list` 列出所有令牌")
        }
    }

    static func account(_ error: AccountError) -> String {
        let chinese: String
        switch error {
        case .invalidUsername(let name): chinese = "“\(name)”不能作为登录名：请用 2 到 64 个小写字母、数字、“.”、“_”或“-”，以字母或数字开头"
        case .usernameTaken(let name): chinese = "已有名为 \(name) 的账户"
        case .displayNameTaken(let name):
            chinese = "本地区已有一位叫 \(name) 的辅导员：辅导员跟进写着自己名字的学生，请用能区分两人的名字（如 王老师（城关））"
        case .unknownAccount(let name): chinese = "没有名为 \(name) 的账户；`pathway users list` 列出所有账户"
        case .invalidDisplayName: chinese = "姓名不能为空，也不能超过 100 个字"
        case .schoolRequired: chinese = "学校招生员的账户需要 --school（它代表的中职学校）"
        case .schoolNotAllowed(let role): chinese = "\(role.name(in: .chinese))账户不属于某所学校：请去掉 --school"
        case .unknownSchool(let id): chinese = "没有编号为 \(id) 的学校；`pathway schools list` 列出所有学校编号"
        case .passwordTooShort(let minimum): chinese = "密码至少需要 \(minimum) 个字符"
        case .passwordTooLong(let maximum): chinese = "密码最长 \(maximum) 个字节（bcrypt 只读这么多）"
        case .passwordHasControlCharacter: chinese = "密码中含有控制字符（换行？）"
        }
        return L(error.description, chinese)
    }

    static func reportQuery(_ error: MatchReportQueryError) -> String {
        switch error {
        case .unknownRun(let id, let region):
            L(error.description, "地区 \(region) 没有第 \(id) 次匹配；请核对 `pathway match run` 打印的编号")
        }
    }

    static func settings(_ error: MatchSettingsError) -> String {
        guard Words.chinese else { return error.description }
        return switch error {
        case .invalidWeight(let component, let value): "权重 \(component)=\(value) 不可用；每个权重必须是 0 到 \(Int(ScoreWeights.maximum)) 之间的数"
        case .weightsSumToZero: "权重 interest、grades、location 都是 0；至少要有一个大于 0"
        case .invalidCandidateLimit(let value): "候选数 \(value) 不可用；每个学生保留 1 到 \(MatchSettings.maximumCandidateLimit) 个候选"
        case .invalidMaxCommute(let value): "最远走读距离 \(value) 不可用；必须是大于 0、不超过 \(Int(MatchSettings.maximumCommuteKm)) 的公里数"
        case .invalidSeed(let value): "抽签种子 \(value) 不可用；种子是 0 到 \(Lottery.maximumSeed) 之间的整数"
        case .tooManyTieBreakSubjects(let count): "同分比较科目 \(count) 个太多；最多 \(MatchSettings.maximumTieBreakSubjects) 个"
        case .invalidTieBreakSubject(let subject): "同分比较科目“\(subject)”不是科目代码；请用 math、chinese、english 这样的代码"
        case .repeatedTieBreakSubject(let subject): "同分比较科目 \(subject) 写了两次"
        }
    }

    static func input(_ error: MatchInputError) -> String {
        guard Words.chinese else { return error.description }
        return switch error {
        case .duplicateStudentID(let id): "学生编号“\(id)”出现了不止一次"
        case .duplicateProgramID(let id): "专业编号“\(id)”出现了不止一次"
        }
    }

    static func template(_ error: LetterTemplateError) -> String {
        guard Words.chinese else { return error.description }
        let path = error.path
        return switch error.problem {
        case .folderNotFound: "\(path)：没有这个模板文件夹（`pathway letters templates --out \(path)` 会把默认模板写到那里）"
        case .missing: "\(path)：缺少模板；模板文件夹需要 \(LetterTemplates.requiredFiles.joined(separator: "、")) 全部文件（`pathway letters templates --out 文件夹` 会写出它们）"
        case .unreadable(let reason): "\(path)：无法读取模板：\(reason)"
        case .syntax(let line, let column, let reason): "\(path) 第\(line)行第\(column)列：\(reason)"
        }
    }

    static func cluster(_ error: LocalClusterError) -> String {
        guard Words.chinese else { return error.description }
        return switch error {
        case .serverNotInstalled:
            "在 PATH 和 /usr/lib/postgresql/*/bin 下都找不到 PostgreSQL 服务器程序（initdb、pg_ctl）。请安装 PostgreSQL（Debian/Ubuntu：apt-get install postgresql），或用 DATABASE_URL=postgresql://用户@主机/数据库 指向一个正在运行的服务器。"
        case .systemUserMissing(let user):
            "以 root 运行时，Pathway 用系统用户“\(user)”运行 PostgreSQL（PostgreSQL 拒绝以 root 运行），但没有这个用户；请创建它（useradd --system \(user)），或用普通用户运行 Pathway"
        case .commandFailed(let command, let status, let output):
            "\(command) 失败（退出码 \(status)）：\n\(output.split(separator: "\n").suffix(8).joined(separator: "\n"))"
        case .folderUnusable(let path, let reason): "无法把 \(path) 用作本机 PostgreSQL 的位置：\(reason)"
        case .unfinishedCluster(let path):
            "\(path) 中的本机 PostgreSQL 没有建完（第一次启动被中断了），不用密码就能连接，所以没有启动它。"
                + "如果里面没有你的数据，请删除这个文件夹，再运行一次命令即可重新创建"
        }
    }

    static func storage(_ error: StorageError) -> String {
        guard Words.chinese else { return error.description }
        return switch error {
        case .missingResource(let name): "这个 pathway 缺少资源 \(name)；请重新安装"
        case .badMigrationName(let name): "迁移文件 \(name) 的名字不是 NNNN_name.sql 的形式"
        case .schemaNewerThanProgram(let database, let program):
            "数据库结构的版本是 \(database)，比这个 pathway 认识的（\(program)）更新；请升级 pathway"
        case .pruneNeedsConfirmation(let table, let remove, let stored, let rows):
            "--prune 将删除现有 \(stored) 条\(ImportFileOptions.kindName(table))中的最多 \(remove) 条（文件只有 \(rows) 行）；"
                + "什么也没有写入：请检查文件，确认要删除请加 --yes 再运行一次"
        }
    }

    static func database(_ error: PostgresError) -> String {
        L("database: \(error)", "数据库：\(error)")
    }

    /// One problem of a file and how many rows have it, as `pathway import` lists them.
    static func issueGroup(_ group: ImportDiagnostics.IssueGroup) -> String {
        group.first.severityName(in: Words.language) + L(": ", "：") + group.description(in: Words.language)
    }

    /// What the database locator did.
    static func locatorNote(_ note: DatabaseLocator.Note) -> String {
        switch note {
        case .startedLocal(let root):
            L("started the local PostgreSQL in \(root) (`pathway db stop` stops it)",
              "已启动本机 PostgreSQL，位于 \(root)（`pathway db stop` 可停止它）")
        case .createdAndStartedLocal(let root):
            L("created and started a local PostgreSQL in \(root) (`pathway db stop` stops it)",
              "已在 \(root) 创建并启动本机 PostgreSQL（`pathway db stop` 可停止它）")
        case .migrated(let labels):
            L("brought the schema up to date: \(labels.joined(separator: ", "))",
              "已更新数据库结构：\(labels.joined(separator: "、"))")
        }
    }

    // MARK: Words shared by commands

    /// A referral status as staff say it.
    static func status(_ status: ReferralStatus) -> String { status.name(in: Words.language) }

    /// A strategy's name.
    static func strategy(_ strategy: Strategy) -> String {
        guard Words.chinese else { return strategy.rawValue }
        return switch strategy {
        case .stable: "稳定匹配 stable"
        case .optimal: "最多安置 optimal"
        case .parallel: "平行志愿 parallel"
        case .ranked: "仅排序 ranked"
        }
    }

    /// Why a student is on the follow-up ledger.
    static func followupReason(_ reason: FollowupReason) -> String { reason.name(in: Words.language) }

    /// `yes` / `是`, or empty for false.
    static func yes(_ value: Bool) -> String { value ? L("yes", "是") : "" }
}
