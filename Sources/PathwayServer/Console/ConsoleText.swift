import Foundation
import PathwayCore
import PathwayStorage
import PathwayWorkflows

/// The staff console's words in Chinese and English (read by the pages as `{{t.key}}`, with
/// the portal's), and the sentences its handlers put together.
enum ConsoleText {
    static let table: [(key: String, english: String, chinese: String)] = [
        ("consoleProduct", "Pathway county console", "Pathway 县级工作台"),
        ("consoleHome", "Back to the overview", "返回概览"),
        ("overview", "Overview", "概览"),
        ("data", "Data", "数据"),
        ("matching", "Matching", "匹配"),
        ("referralsTitle", "Referrals", "转介"),
        ("followup", "Follow-up", "跟进"),
        ("caseloads", "Caseloads", "包保名单"),
        ("settings", "Settings", "设置"),
        ("accounts", "Accounts", "账户"),
        ("tokens", "API tokens", "接口令牌"),
        ("tasks", "Tasks", "任务"),
        ("none", "none recorded", "未填"),
        ("nobody", "nobody named", "未指定"),
        ("unplaced", "not placed", "未安置"),
        ("staffOnly", "For county staff", "仅供县教育局工作人员使用"),
        ("staffOnlyText", "These pages are the county office's. A school's clerk works in the school portal.",
         "这些页面属于县教育局。学校招生员请使用中职学校门户。"),
        ("adminOnly", "For administrators", "仅限管理员"),
        ("adminOnlyText", "This page is for the county's administrators. A counsellor works on their own students under 跟进.",
         "这个页面只有管理员可以使用。辅导员请在“跟进”中处理自己负责的学生。"),
        ("badField", "This field holds something it cannot:", "这一项的内容不可用："),
        ("cohort", "Cohort", "届别"),
        ("students", "Students", "学生"),
        ("studentsTotal", "students on record", "名学生在册"),
        ("enrolledTotal", "enrolled", "已报到"),
        ("openTotal", "referrals open", "份转介进行中"),
        ("overdueTotal", "overdue", "逾期未确认"),
        ("ledgerTotal", "on the follow-up ledger", "人在跟进名单上"),
        ("myCaseload", "students on your follow-up list", "名学生在您的跟进名单上"),
        ("byStatus", "Referrals by status", "各状态的转介"),
        ("byTownship", "Per township", "按乡镇"),
        ("byJuniorSchool", "Per junior school", "按初中学校"),
        ("referred", "Referred", "已转介"),
        ("declinedShort", "Declined", "已拒绝"),
        ("openShort", "Open", "进行中"),
        ("overdueShort", "Overdue", "逾期"),
        ("ledgerShort", "On the ledger", "跟进名单"),
        ("latestRuns", "Latest runs", "最近的匹配"),
        ("run", "Run", "匹配"),
        ("strategy", "Strategy", "策略"),
        ("placed", "Placed", "已安置"),
        ("unplacedShort", "Not placed", "未安置"),
        ("meanScore", "Mean score", "平均分"),
        ("meanDistance", "Mean distance (km)", "平均距离（公里）"),
        ("by", "By", "操作人"),
        ("openReport", "Report", "报告"),
        ("asOf", "As of", "截至"),
        ("started", "Started", "开始"),
        ("finished", "Finished", "结束"),
        ("taskState", "State", "状态"),
        ("noTasks", "No tasks yet.", "还没有任务。"),
        ("taskFailed", "Not done", "未完成"),
        ("taskRunning", "Working… this page refreshes itself; you may close it and come back.", "正在进行……本页会自动刷新；可以关掉，稍后再回来看。"),
        ("importKind", "What the file holds", "文件内容"),
        ("prune", "Remove the records the file no longer lists", "删除文件中不再列出的记录"),
        ("dataHelp", "Upload a county file (.xlsx or CSV, the county's own layout). It is checked whole first: every problem with its row, column and value, and what would change. Nothing is written until you apply it, and then all or nothing.",
         "上传本县的文件（.xlsx 或 CSV，可以是本县自己的格式）。先整体检查：列出每个问题所在的行、列和值，以及将会有什么变化。确认之前什么也不写入；确认后要么全部写入，要么什么也不写。"),
        ("dataOrder", "Order: 地名表 (places), then schools, programmes, students.", "顺序：先地名表，然后中职学校、专业、学生。"),
        ("check", "Check the file", "检查文件"),
        ("previewDone", "The file was checked; nothing has been written yet.", "文件已检查，还没有写入任何内容。"),
        ("applyImport", "Apply: write these changes", "确认写入这些更改"),
        ("appliedDone", "Written.", "已写入。"),
        ("rows", "Rows", "行数"),
        ("inserted", "New", "新增"),
        ("updatedShort", "Changed", "更改"),
        ("unchangedShort", "Unchanged", "不变"),
        ("missing", "In the database, not in the file", "数据库中有、文件中没有"),
        ("pruned", "Removed", "删除"),
        ("warnings", "Warnings", "提醒"),
        ("column", "Column", "列"),
        ("value", "Value", "值"),
        ("message", "Problem", "问题"),
        ("issuesHeading", "Problems: nothing was written", "问题：什么也没有写入"),
        ("omitted", "more not shown", "条未列出"),
        ("uploadGone", "The checked file is no longer kept (after an hour, or once applied). Upload it again.", "已检查的文件已不再保留（超过一小时，或已经写入）。请重新上传。"),
        ("newRun", "Start a run", "开始匹配"),
        ("weights", "Weights: interest, grades, location", "权重：兴趣、成绩、距离"),
        ("interest", "Interest", "兴趣"),
        ("grades", "Grades", "成绩"),
        ("location", "Location", "距离"),
        ("candidatesK", "Candidates per student", "每个学生的候选数"),
        ("commuteKm", "Farthest daily commute (km)", "最远走读距离（公里）"),
        ("lotterySeed", "Lottery seed", "抽签种子"),
        ("seedDrawn", "drawn when blank", "不填则随机生成"),
        ("cohortOptional", "Cohort (empty: all)", "届别（不填：全部）"),
        ("onlyFollowup", "Only the students on the follow-up ledger, into the seats still free", "只匹配跟进名单上的学生，用剩余的学位"),
        ("start", "Start", "开始"),
        ("noRuns", "No runs yet.", "还没有匹配。"),
        ("compareWith", "Compare with run", "与此次匹配比较"),
        ("show", "Show", "查看"),
        ("explain", "Why this programme", "为什么是这个专业"),
        ("explainHelp", "A student's id (学籍号)", "学生编号（学籍号）"),
        ("chooseStudent", "Give a student's id.", "请填写学生编号。"),
        ("candidatesHeading", "Candidates", "候选专业"),
        ("othersHeading", "Why the other programmes are not candidates", "其他专业未列为候选的原因"),
        ("placedHere", "placed", "录取"),
        ("school", "Vocational school", "中职学校"),
        ("filter", "Filter", "筛选"),
        ("anyValue", "all", "全部"),
        ("createReferrals", "Make referrals from this run", "根据这次匹配生成转介"),
        ("assignee", "Followed by (empty: each student's own person)", "跟进人（不填：每个学生自己的负责人）"),
        ("approve", "Approve", "审核通过"),
        ("send", "Send", "发送"),
        ("withdraw", "Withdraw", "撤回"),
        ("ticked", "the ticked ones", "勾选的"),
        ("allShown", "every one the filter finds", "筛选出的全部"),
        ("shownOf", "shown of", "条，共"),
        ("letters", "Letters (print files)", "信件（打印文件）"),
        ("letterKind", "Letters", "信件"),
        ("bothKinds", "to the school and to the family", "给学校和给家长"),
        ("schoolKind", "to the school", "给学校"),
        ("familyKind", "to the family", "给家长"),
        ("language", "Language", "语言"),
        ("writeLetters", "Write the letters", "生成信件"),
        ("chooseRun", "Choose a run first: letters are written for a run's referrals.", "请先选择一次匹配：信件是为某次匹配的转介生成的。"),
        ("schoolFile", "The school's file (Excel)", "学校名单（Excel）"),
        ("printFiles", "Print files", "打印文件"),
        ("lettersWritten", "letters written", "封信已生成"),
        ("referralHeading", "Referral", "转介"),
        ("reasonLedger", "Why on the list", "原因"),
        ("since", "Since", "开始日期"),
        ("waitingDays", "Days waiting", "等待天数"),
        ("responsible", "Followed by", "负责人"),
        ("noneOnLedger", "Nobody is on this list.", "名单上没有学生。"),
        ("ownList", "Your students", "您负责的学生"),
        ("everyone", "Everyone", "全部"),
        ("longestWait", "Longest wait (days)", "最长等待（天）"),
        ("township", "Township", "乡镇"),
        ("village", "Village", "村"),
        ("standing", "Now", "现状"),
        ("runsHeading", "In the runs", "历次匹配"),
        ("contacts", "Contacts with the family", "与家庭的联系"),
        ("noContacts", "No contacts yet.", "还没有联系记录。"),
        ("addContact", "Record a contact", "记录一次联系"),
        ("contactKind", "How", "方式"),
        ("contactOutcome", "Result", "结果"),
        ("contactBy", "Made by (empty: you)", "联系人（不填：您本人）"),
        ("reassign", "Hand over to", "转交给"),
        ("personName", "Person's name", "姓名"),
        ("profile", "The county profile (letters are signed with it)", "本县资料（信件落款用）"),
        ("office", "Office", "单位"),
        ("signatory", "Signatory", "签发人"),
        ("officePhone", "Office phone", "单位电话"),
        ("counsellors", "Each junior school's counsellor", "各初中学校的联络员"),
        ("addCounsellor", "Add or change a counsellor", "添加或修改联络员"),
        ("remove", "Remove", "删除"),
        ("subsidies", "Subsidies", "资助政策"),
        ("addSubsidy", "Add or change a subsidy", "添加或修改资助"),
        ("yuanPerYear", "Yuan a year", "每年金额（元）"),
        ("effectiveFrom", "From", "起始日期"),
        ("effectiveUntil", "Until (optional)", "截止日期（可不填）"),
        ("deadlines", "Deadlines", "期限"),
        ("acknowledgeDays", "Days a school has to acknowledge a referral", "学校确认转介的天数"),
        ("registrationCloses", "Registration closes (MM-DD)", "中职报名截止（月-日）"),
        ("lastChanged", "Last changed", "最近修改"),
        ("createAccount", "New account", "新建账户"),
        ("role", "Role", "角色"),
        ("schoolForClerk", "School (clerks only)", "学校（仅招生员）"),
        ("create", "Create", "创建"),
        ("disable", "Disable", "停用"),
        ("enable", "Enable", "启用"),
        ("resetPassword", "New password", "重设密码"),
        ("lastSignIn", "Last sign-in", "最近登录"),
        ("lockedUntil", "locked until", "锁定至"),
        ("disabled", "disabled", "已停用"),
        ("passwordOnce", "The password, shown this once: give it to the person, who should keep it safe.", "密码只显示这一次：请交给本人妥善保管。"),
        ("tokenOnce", "The token, shown this once: put it into the school's system now.", "令牌只显示这一次：请现在填入学校的系统。"),
        ("label", "Label", "说明"),
        ("createToken", "New token", "新建令牌"),
        ("revoke", "Revoke", "吊销"),
        ("lastUsed", "Last used", "最近使用"),
        ("revoked", "revoked", "已吊销"),
        ("notYourself", "You cannot disable your own account.", "不能停用自己的账户。"),
        ("saved", "Saved.", "已保存。"),
        ("filterFirst", "Choose a run or a school first: \"every one the filter finds\" never means the whole county.", "请先选择一次匹配或一所学校：“筛选出的全部”不能是全县所有转介。"),
        ("backupOneRegion", "This database holds several counties: its backup is made on the server (`pathway db backup FILE`).", "这个数据库里有多个县的数据：请在服务器上备份（`pathway db backup 文件`）。"),
        ("backupTitle", "Backup", "备份"),
        ("backupHelp", "A copy of the whole database (pg_dump), before anything big. It holds every student's record: keep it on the office's own machine. `pathway db restore FILE --yes` on the server puts it back.",
         "整个数据库的副本（pg_dump），在做大的改动之前备份。备份里有每个学生的资料：请只保存在单位自己的电脑上。在服务器上运行 `pathway db restore 文件 --yes` 可以恢复。"),
        ("makeBackup", "Make a backup", "备份数据库"),
        ("downloadBackup", "Download the backup", "下载备份"),
        ("recordOutcome", "Record an outcome", "记录结果"),
        ("searchStudents", "Name, id or 学籍号", "姓名、编号或学籍号"),
        ("totalScore", "Score", "总分"),
        ("serverError", "Something went wrong on the server; nothing was changed. Try again, and tell the county's administrator if it happens again.",
         "服务器出错，什么也没有改变。请再试一次；如果再次出现，请告诉县里的管理员。"),
        ("consoleTooLarge", "The file is larger than the console takes (64 MB).", "文件超过工作台可接收的大小（64 MB）。"),
    ]

    /// The notice a redirect carries (`?notice=moved-12`), said in the page's language.
    static func notice(_ code: String, _ language: Language) -> String? {
        let zh = language == .chinese
        let parts = code.split(separator: "-", maxSplits: 1)
        let count = parts.count == 2 ? Int(parts[1]) : nil
        switch (parts.first.map { String($0) }, count) {
        case ("created", let count?): return zh ? "已生成 \(count) 份转介（拟转介，待审核）。" : "\(count) referrals made (proposed, to approve)."
        case ("moved", let count?): return zh ? "已更改 \(count) 份转介。" : "\(count) referrals changed."
        case ("contact", nil): return zh ? "联系已记录。" : "The contact is recorded."
        case ("assigned", nil): return zh ? "已转交。" : "Handed over."
        case ("saved", nil): return zh ? "已保存。" : "Saved."
        case ("revoked", nil): return zh ? "令牌已吊销。" : "The token is revoked."
        default: return nil
        }
    }

    static func strategy(_ strategy: Strategy, _ language: Language) -> String {
        switch (strategy, language) {
        case (.stable, .chinese): "稳定匹配（stable）"
        case (.optimal, .chinese): "最多安置（optimal）"
        case (.ranked, .chinese): "只列候选（ranked）"
        case (.parallel, .chinese): "平行志愿（parallel）"
        case (.parallel, .english): "parallel (分数优先、遵循志愿)"
        case (.stable, .english): "stable"
        case (.optimal, .english): "optimal (most placed)"
        case (.ranked, .english): "ranked (candidates only)"
        }
    }

    static func importKind(_ kind: ImportJob.Kind, _ language: Language) -> String {
        switch (kind, language) {
        case (.places, .chinese): "地名表（乡镇、村）"
        case (.schools, .chinese): "中职学校"
        case (.programs, .chinese): "专业"
        case (.students, .chinese): "学生名单"
        case (.travel, .chinese): "实测路程"
        case (.places, .english): "places (townships, villages)"
        case (.schools, .english): "vocational schools"
        case (.programs, .english): "programmes"
        case (.students, .english): "students"
        case (.travel, .english): "measured travel"
        }
    }

    static func taskTitle(_ kind: ConsoleTasks.Kind, _ language: Language) -> String {
        switch (kind, language) {
        case (.importPreview, .chinese): "检查文件"
        case (.importApply, .chinese): "导入文件"
        case (.match, .chinese): "匹配"
        case (.letters, .chinese): "生成信件"
        case (.backup, .chinese): "备份数据库"
        case (.backup, .english): "Database backup"
        case (.importPreview, .english): "Checking a file"
        case (.importApply, .english): "Importing a file"
        case (.match, .english): "Match run"
        case (.letters, .english): "Writing letters"
        }
    }

    static func step(_ step: ConsoleTasks.Step, done: Int, total: Int?, _ language: Language) -> String {
        let zh = language == .chinese
        let count = total.map { zh ? "\(done) / \($0)" : "\(done) of \($0)" } ?? (done > 0 ? String(done) : "")
        switch step {
        case .starting: return zh ? "准备中" : "Starting"
        case .waitingForRun: return zh ? "等待另一次匹配结束" : "Waiting for another run to finish"
        case .reading: return zh ? "读取学生和专业" : "Reading students and programmes"
        case .scoring(let students, let programs):
            return zh ? "为 \(students) 名学生和 \(programs) 个专业打分" : "Scoring \(students) students against \(programs) programmes"
        case .assigning(let pairs): return zh ? "在 \(pairs) 个候选中分配学位" : "Assigning seats among \(pairs) candidate pairs"
        case .saving: return (zh ? "保存结果 " : "Saving ") + count
        case .importing: return (zh ? "检查并写入 " : "Checking and writing ") + count
        case .writing: return (zh ? "生成信件 " : "Writing letters ") + count
        case .dumping: return zh ? "导出数据库" : "Dumping the database"
        }
    }

    static func subsidy(_ kind: Subsidy.Kind, _ language: Language) -> String {
        switch (kind, language) {
        case (.tuition, .chinese): "免学费"
        case (.stateGrant, .chinese): "国家助学金"
        case (.yulu, .chinese): "雨露计划"
        case (.tuition, .english): "free tuition"
        case (.stateGrant, .english): "national grant (国家助学金)"
        case (.yulu, .english): "Yulu Plan (雨露计划)"
        }
    }

    static func subsidyProblem(_ error: SubsidyError, _ language: Language) -> String {
        let zh = language == .chinese
        switch error {
        case .malformed: return zh ? "资助的写法不对。" : "The subsidy is not written as it should be."
        case .missingAmount(let kind): return zh ? "\(subsidy(kind, language))需要写明每年的金额。" : "\(subsidy(kind, language)) needs a sum per year."
        case .amountForTuition: return zh ? "免学费不写金额。" : "Free tuition takes no amount."
        case .amountOutOfRange(let yuan): return zh ? "每年 \(yuan) 元不是合理的金额。" : "¥\(yuan) a year is not a plausible sum."
        case .endsBeforeItStarts: return zh ? "截止日期早于起始日期。" : "It ends before it starts."
        }
    }

    static func explainWarning(_ warning: MatchExplainJob.Warning, _ language: Language) -> String {
        let zh = language == .chinese
        switch warning {
        case .programsRemoved(let ids):
            return zh ? "这次匹配中已不在数据库里的专业没有列出：\(ids.joined(separator: "、"))"
                : "Programmes of the run no longer in the database are left out: \(ids.joined(separator: ", "))"
        case .recordsChanged:
            return zh ? "匹配之后记录有改动：下面的数字按今天的记录计算，与这次匹配保存的候选不同。"
                : "Records changed since the run: the figures below are computed from today's records and differ from the run's stored candidates."
        }
    }
}

/// The console's sections, in the bar under the header: what a role may open.
enum ConsoleNavigation {
    static func items(path: String, role: AccountRole?, language: Language) -> [[String: Any]] {
        let words = PortalText.words(language)
        var sections: [(key: String, url: String)] = [("overview", "/console")]
        if role == .administrator {
            sections += [("data", "/console/data"), ("matching", "/console/runs"), ("referralsTitle", "/console/referrals")]
        }
        sections += [("students", "/console/students"), ("followup", "/console/followup"), ("caseloads", "/console/caseloads"), ("tasks", "/console/tasks")]
        if role == .administrator {
            sections += [("settings", "/console/settings"), ("accounts", "/console/accounts"), ("tokens", "/console/tokens")]
        }
        return sections.map { section in
            let current = section.url == "/console" ? path == "/console" || path == "/console/" : path.hasPrefix(section.url)
            return ["key": section.key, "label": words[section.key] ?? section.key, "url": section.url, "current": current]
        }
    }
}
