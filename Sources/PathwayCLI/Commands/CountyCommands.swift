import ArgumentParser
import Foundation
import PathwayCore
import PathwayStorage
import PathwayWorkflows

/// `pathway schools list`: the vocational schools imported.
struct SchoolsCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "schools", abstract: L("List the vocational schools.", "列出中职学校。"), subcommands: [List.self]
        )
    }

    struct List: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("List the vocational schools, with their programmes and seats.", "列出中职学校及其专业和学位。"),
                discussion: L("Example: pathway schools list --json", "示例：pathway schools list --json")
            )
        }
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let workspace = try database.workspace()
            defer { workspace.close() }
            let schools = try workspace.directory.schools()
            let programs = try workspace.directory.programs()
            if output.json { return try console.json(schools.map(SchoolListing.init)) }
            var table = TextTable(
                [L("school_id", "学校编号"), L("name", "名称"), L("programmes", "专业数"), L("seats", "学位"), L("contact", "联系人")],
                rightAligned: [2, 3])
            for school in schools {
                let own = programs.filter { $0.schoolID == school.id }
                table.append([
                    school.id, school.name, String(own.count), String(own.reduce(0) { $0 + $1.seats }),
                    [school.contactName, school.contactPhone].compactMap { $0 }.joined(separator: " "),
                ])
            }
            console.line(table.text)
            console.line(L("\(schools.count) schools", "共 \(schools.count) 所学校"))
        }
    }
}

/// `pathway programs list`: the programmes imported, of one school or all.
struct ProgramsCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "programs", abstract: L("List the programmes.", "列出专业。"), subcommands: [List.self]
        )
    }

    struct List: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("List programmes with their category, seats, requirement and boarding.", "列出专业及其类别、学位、要求和住宿。"),
                discussion: L("Example: pathway programs list --school S01", "示例：pathway programs list --school S01")
            )
        }
        @Option(help: ArgumentHelp(L("Only this school's programmes.", "只列这所学校的专业。"), valueName: "school_id"))
        var school: String?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let workspace = try database.workspace()
            defer { workspace.close() }
            let programs = try workspace.directory.programs(schoolID: school)
            if output.json { return try console.json(programs.map(ProgramListing.init)) }
            var table = TextTable(
                [L("program_id", "专业编号"), L("school", "学校"), L("name", "名称"), L("category", "类别"),
                 L("holland", "霍兰德"), L("seats", "学位"), L("min total", "最低总分"), L("boarding", "住宿")],
                rightAligned: [5, 6])
            for program in programs {
                table.append([
                    program.id, program.schoolID, program.name, program.category, program.hollandCode?.description ?? "",
                    String(program.seats), program.minTotalScore.map { String(format: "%g", $0) } ?? "",
                    Messages.yes(program.boarding),
                ])
            }
            console.line(table.text)
            let seats = programs.reduce(0) { $0 + $1.seats }
            console.line(L("\(programs.count) programmes, \(seats) seats", "共 \(programs.count) 个专业，\(seats) 个学位"))
        }
    }
}

/// `pathway students list|show`: the students imported.
struct StudentsCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "students", abstract: L("List students, or show one.", "列出学生，或显示一名学生。"), subcommands: [List.self, Show.self]
        )
    }

    struct List: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("List students, filtered by junior school, township or cohort.", "列出学生，可按初中学校、乡镇或届别筛选。"),
                discussion: L("Example: pathway students list --township 清水镇 --cohort 2026", "示例：pathway students list --township 清水镇 --cohort 2026")
            )
        }
        @Option(help: ArgumentHelp(L("Only students of this junior school (as written in the file).", "只列这所初中的学生（按文件中的写法）。"), valueName: "name"))
        var school: String?
        @Option(help: ArgumentHelp(L("Only students living in this township.", "只列住在这个乡镇的学生。"), valueName: "name"))
        var township: String?
        @Option(help: ArgumentHelp(L("Only this cohort (the year they leave junior school).", "只列这一届（初中毕业的年份）。"), valueName: "year"))
        var cohort: Int?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func validate() throws { try checkCohort(cohort) }

        func run() throws {
            let workspace = try database.workspace()
            defer { workspace.close() }
            let filter = CountyDirectory.StudentFilter(juniorSchool: school, township: township, cohort: cohort)
            let students = try workspace.directory.students(filter)
            if output.json { return try console.json(students.map(StudentListing.init)) }
            var table = TextTable(
                [L("student_id", "学生编号"), L("name", "姓名"), L("gender", "性别"), L("junior school", "初中学校"),
                 L("township", "乡镇"), L("cohort", "届别"), L("total", "总分"), L("wishes", "志愿")],
                rightAligned: [5, 6])
            for student in students {
                table.append([
                    student.id, student.name, student.gender.map(Self.gender) ?? "", student.juniorSchool ?? "",
                    student.township ?? "", student.graduationYear.map(String.init) ?? "",
                    student.totalScore.map { String(format: "%g", $0) } ?? "",
                    student.wishes.map(\.storedText).joined(separator: ";"),
                ])
            }
            console.line(table.text)
            console.line(L("\(students.count) students", "共 \(students.count) 名学生"))
        }

        /// `M` / `男`.
        static func gender(_ gender: Gender) -> String {
            Words.chinese ? gender.name(in: .chinese) : gender.rawValue
        }
    }

    struct Show: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("Show everything recorded about one student, and their whole story.", "显示一名学生的全部记录和完整经历。"),
                discussion: L(
                    "The record, then every match run that included them, every referral with each change (who, when, why), every contact, who follows them, and where they stand on the day (--as-of, default today).\n\nExample: pathway students show QL202600001",
                    "先是学生的记录，然后是包含这名学生的每次匹配、每份转介及其每次变化（谁、何时、为什么）、每次联系、负责人，以及当天（--as-of，默认今天）的状况。\n\n示例：pathway students show QL202600001")
            )
        }
        @Argument(help: ArgumentHelp(L("The student's id (学籍号).", "学生编号（学籍号）。"), valueName: "student_id"))
        var id: String
        @Option(name: .customLong("as-of"), help: ArgumentHelp(L("Where the student stands on this day (default today).", "这一天学生的状况（默认今天）。"), valueName: "YYYY-MM-DD"))
        var asOf: CalendarDate?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let workspace = try database.workspace()
            defer { workspace.close() }
            guard let outcome = try StudentStoryJob(studentID: id, asOf: asOf).run(in: workspace) else {
                throw CommandFailure(L("no student has the id \(id); `pathway students list` shows them",
                                       "没有编号为 \(id) 的学生；`pathway students list` 列出所有学生"))
            }
            let student = outcome.story.student
            if output.json { return try console.json(StoryListing(outcome)) }
            let no = L("no", "否")
            let fields: [(String, String?)] = [
                (L("student_id", "学生编号"), student.id), (L("status number", "学籍号"), student.statusNumber),
                (L("name", "姓名"), student.name),
                (L("gender", "性别"), student.gender.map(List.gender)),
                (L("birth_date", "出生日期"), student.birthDate?.description), (L("junior school", "初中学校"), student.juniorSchool),
                (L("cohort", "届别"), student.graduationYear.map(String.init)), (L("township", "乡镇"), student.township),
                (L("village", "村"), student.village),
                (L("home", "家庭位置"),
                 (student.home.map { "\($0.latitude), \($0.longitude)" } ?? "") + Self.placement(student.homePlacement)),
                (L("total score", "总分"), student.totalScore.map { String(format: "%g", $0) }),
                (L("scores", "各科成绩"), student.scores.map { "\($0.subject):\(String(format: "%g", $0.score))" }.joined(separator: " ")),
                (L("holland code", "霍兰德代码"), student.hollandCode?.description),
                (L("wishes", "志愿"), student.wishes.map(\.storedText).joined(separator: " > ")),
                (L("needs boarding", "需要住宿"), student.needsBoarding ? Messages.yes(true) : no),
                (L("hardship", "家庭困难"), student.hardship ? Messages.yes(true) : no),
                (L("left behind", "留守儿童"), student.leftBehind ? Messages.yes(true) : no),
                (L("guardian", "监护人"), student.guardianName),
                (L("guardian phone", "监护人电话"), student.guardianPhone), (L("notes", "备注"), student.notes),
                (L("responsible", "负责人"), outcome.responsible ?? L("(nobody named: pathway followup assign)", "（未指定：pathway followup assign）")),
            ]
            var table = TextTable(["", ""])
            for (label, value) in fields { table.append([label, value ?? ""]) }
            console.line(table.bodyText)
            Self.story(outcome)
        }

        /// The runs, referrals, contacts and where the student stands.
        static func story(_ outcome: StudentStoryJob.Outcome) {
            let story = outcome.story
            console.line()
            console.line(L("Match runs", "匹配记录"))
            var runs = TextTable([L("run", "匹配"), L("when", "时间"), L("kind", "类型"), L("result", "结果")], rightAligned: [0])
            for run in story.runs {
                let kind = Messages.strategy(run.strategy) + (run.onlyFollowup ? L(", follow-up", "，补录") : "")
                let result = run.programID.map { "\($0) \(run.programName ?? "")" + (run.studentRank.map { L(" (choice \($0))", "（第\($0)候选）") } ?? "") }
                    ?? (run.strategy == .ranked ? L("ranked only", "仅排序") : L("no seat", "未安置"))
                runs.append([run.runID.description, TimeText.minute(run.at), kind, result])
            }
            console.line(story.runs.isEmpty ? L("  none yet", "  尚无") : runs.text)
            console.line()
            console.line(L("Referrals", "转介"))
            if story.referrals.isEmpty { console.line(L("  none yet", "  尚无")) }
            for history in story.referrals {
                let r = history.referral
                console.line("\(r.referenceNumber)  \(r.programID) \(r.programName) · \(r.schoolName) · \(Messages.status(r.status)) · \(L("assignee", "负责人")) \(r.assignee)")
                var events = TextTable([L("when", "时间"), L("to", "变为"), L("who", "操作人"), L("note", "备注")])
                for event in history.events {
                    events.append(["  " + TimeText.minute(event.at), Messages.status(event.to), event.actor, Messages.eventNote(event)])
                }
                console.line(events.bodyText)
            }
            console.line()
            console.line(L("Contacts", "联系记录"))
            var contacts = TextTable([L("when", "时间"), L("how", "方式"), L("by", "联系人"), L("outcome", "结果"), L("note", "备注")])
            for contact in story.contacts {
                contacts.append([
                    TimeText.minute(contact.contactedAt), contact.kind.name(in: Words.language), contact.contactedBy,
                    contact.outcome.name(in: Words.language), contact.note ?? "",
                ])
            }
            console.line(story.contacts.isEmpty ? L("  none yet", "  尚无") : contacts.text)
            console.line()
            let day = outcome.day.day
            switch outcome.standing {
            case .held(let referral, let status):
                console.line(L("On \(day): \(status.rawValue) under \(referral.referenceNumber) (\(referral.programName), \(referral.schoolName))",
                               "\(day)：\(Messages.status(status))，转介 \(referral.referenceNumber)（\(referral.programName)，\(referral.schoolName)）"))
            case .onLedger(let entry):
                let given = entry.outcomeReason.map { L(" (\($0.name(in: .english)))", "（\($0.name(in: .chinese))）") } ?? ""
                console.line(L("On \(day): on the follow-up ledger: \(entry.reason.phrase)\(given), \(entry.waitingDays) days",
                               "\(day)：在跟进名单上：\(entry.reason.name(in: .chinese))\(given)，已 \(entry.waitingDays) 天"))
            }
        }

        /// Where a home's point came from, after the coordinates; nothing when the file gave them.
        static func placement(_ placement: Student.HomePlacement) -> String {
            switch placement {
            case .coordinates: ""
            case .village: L(" (the village's point in the gazetteer)", "（地名表中所在村的位置）")
            case .township: L(" (the township's point in the gazetteer)", "（地名表中所在乡镇的位置）")
            case .unplaced: L("unknown: matched without location", "无法定位：匹配时不计距离")
            }
        }
    }
}

/// A student's story as `--json` gives it.
private struct StoryListing: Encodable {
    var student: StudentListing
    var responsible: String?
    var runs: [StudentStory.RunLine]
    var referrals: [ReferralHistory]
    var contacts: [FollowupContact]
    var asOf: String
    /// `held` or `on_ledger`.
    var standing: String
    var status: ReferralStatus?
    var referralID: ReferralID?
    var ledger: FollowupEntry?

    init(_ outcome: StudentStoryJob.Outcome) {
        student = StudentListing(outcome.story.student)
        responsible = outcome.responsible
        runs = outcome.story.runs
        referrals = outcome.story.referrals
        contacts = outcome.story.contacts
        asOf = outcome.day.day.description
        switch outcome.standing {
        case .held(let referral, let status):
            standing = "held"
            self.status = status
            referralID = referral.id
        case .onLedger(let entry):
            standing = "on_ledger"
            ledger = entry
        }
    }

    enum CodingKeys: String, CodingKey {
        case student, responsible, runs, referrals, contacts, standing, status, ledger
        case asOf = "as_of"
        case referralID = "referral_id"
    }
}

/// A school as `--json` lists it.
private struct SchoolListing: Encodable {
    var school_id: String, name: String, county: String?, address: String?, latitude: Double, longitude: Double
    var contact_name: String?, contact_phone: String?, contact_email: String?

    init(_ school: School) {
        school_id = school.id; name = school.name; county = school.county; address = school.address
        latitude = school.location.latitude; longitude = school.location.longitude
        contact_name = school.contactName; contact_phone = school.contactPhone; contact_email = school.contactEmail
    }
}

/// A programme as `--json` lists it: the import format's keys.
private struct ProgramListing: Encodable {
    var program_id: String, school_id: String, name: String, category: String, holland_code: String?
    var seats: Int, min_total_score: Double?, key_subjects: [String: Double], boarding: Bool
    var latitude: Double, longitude: Double, start_date: String?, description: String?

    init(_ program: Program) {
        program_id = program.id; school_id = program.schoolID; name = program.name; category = program.category
        holland_code = program.hollandCode?.description; seats = program.seats; min_total_score = program.minTotalScore
        key_subjects = Dictionary(program.keySubjects.map { ($0.subject, $0.weight) }, uniquingKeysWith: { a, _ in a })
        boarding = program.boarding; latitude = program.location.latitude; longitude = program.location.longitude
        start_date = program.startDate?.description; description = program.description
    }
}

/// A student as `--json` lists it: the import format's keys.
private struct StudentListing: Encodable {
    var student_id: String, status_number: String?, name: String, gender: String?, birth_date: String?, school: String?
    var graduation_year: Int?, township: String?, village: String?, latitude: Double?, longitude: Double?
    /// Where the home's point came from: `coordinates`, or the gazetteer's `village` or `township`.
    var home_placement: String, total_score: Double?
    var scores: [String: Double], holland_code: String?, wishes: [String], needs_boarding: Bool, hardship: Bool
    var left_behind: Bool, guardian_name: String?, guardian_phone: String?, notes: String?, responsible: String?

    init(_ s: Student) {
        student_id = s.id; status_number = s.statusNumber; name = s.name; gender = s.gender?.rawValue
        birth_date = s.birthDate?.description; school = s.juniorSchool; graduation_year = s.graduationYear
        township = s.township; village = s.village; latitude = s.home?.latitude; longitude = s.home?.longitude
        home_placement = s.homePlacement.rawValue; total_score = s.totalScore
        scores = Dictionary(s.scores.map { ($0.subject, $0.score) }, uniquingKeysWith: { a, _ in a })
        holland_code = s.hollandCode?.description; wishes = s.wishes.map(\.storedText)
        needs_boarding = s.needsBoarding; hardship = s.hardship; left_behind = s.leftBehind
        guardian_name = s.guardianName; guardian_phone = s.guardianPhone; notes = s.notes; responsible = s.responsible
    }
}
