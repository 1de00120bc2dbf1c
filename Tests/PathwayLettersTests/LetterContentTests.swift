import Foundation
import PathwayCore
import Testing
@testable import PathwayLetters

@Suite("What a reader finds in a letter")
struct LetterContentTests {
    let renderer: LetterRenderer

    init() throws {
        renderer = try LetterRenderer()
    }

    @Test("the Chinese school letter: student, programme, reasons, grades, guardian, counsellor, reference, Chinese date")
    func schoolChinese() {
        let html = renderer.render(LetterFixtures.letter(), kind: .school, language: .chinese, format: .html)
        for expected in [
            "青岚县中等职业学校：", "杨安洁", "女", "2010年9月9日", "云台乡九年制学校", "计算机应用",
            "学生把该专业填为第1志愿。", "数学46分；英语（无成绩记录）", "中考总分271.5分", "杨语俊", "105-0561-1784",
            "李老师", "0851-1234567", "编号：QL-2026-0001", "2026年11月29日", "此致", "敬礼！", "青岚县教育局",
        ] {
            #expect(html.contains(expected), "missing \(expected)")
        }
        #expect(html.contains("<html lang=\"zh-CN\">"))
        // 此致 敬礼 come before the signature, and the date is last, at the bottom right.
        let closing = html.range(of: "此致")?.lowerBound
        let signature = html.range(of: "class=\"signature\"")?.lowerBound
        let date = html.range(of: "2026年11月29日")?.lowerBound
        #expect(closing != nil && signature != nil && date != nil)
        if let closing, let signature, let date { #expect(closing < signature && signature < date) }
    }

    @Test("the Chinese family letter: school, address, distance, boarding, start date, the free-tuition policy, counsellor")
    func familyChinese() {
        let html = renderer.render(LetterFixtures.letter(), kind: .family, language: .chinese, format: .html)
        for expected in [
            "尊敬的杨安洁同学家长：", "青岚县中等职业学校", "计算机应用", "青岚县城关镇职教路8号", "离家约41.5公里",
            "学校提供住宿", "2026年9月1日", "免除学费", "国家助学金，每年2300元", "李老师", "0851-1234567", "2026年11月29日",
            "孩子在志愿中把这个专业填在第1位", "回执", "□ 同意就读", "□ 希望面谈", "家长（监护人）签名",
        ] {
            #expect(html.contains(expected), "missing \(expected)")
        }
        // The family letter is not the school's: no marks, no reasons list.
        #expect(!html.contains("271.5"))
    }

    @Test("a family whose home could not be placed gets no distance, in either language or format")
    func unplacedHome() {
        var letter = LetterFixtures.letter(reasons: ["学生把该专业填为第1志愿。"])
        letter.distanceKm = .nan
        for language in [Language.chinese, .english] {
            for format in [LetterFormat.html, .txt] {
                let text = renderer.render(letter, kind: .family, language: language, format: format)
                #expect(!text.contains("公里") && !text.contains(" km") && !text.contains("?") && !text.contains("NaN"), "\(language) \(format)")
                #expect(text.contains("青岚县城关镇职教路8号"))
            }
        }
    }

    @Test("English letters read as English letters, dated 29 November 2026")
    func english() {
        let school = renderer.render(LetterFixtures.letter(), kind: .school, language: .english, format: .html)
        for expected in [
            "Dear 黄勇伟,", "Referral of 杨安洁", "计算机应用", "female", "9 September 2010",
            "Mathematics 46", "English (no mark on record)", "29 November 2026", "Our reference: QL-2026-0001",
            "Yours sincerely,", "李老师", "0851-1234567",
        ] {
            #expect(school.contains(expected), "missing \(expected)")
        }
        let family = LetterFixtures.unwrapped(renderer.render(LetterFixtures.letter(), kind: .family, language: .english, format: .txt))
        for expected in [
            "Dear 杨语俊,", "about 41.5 km from your home", "The school offers boarding.", "1 September 2026",
            "Tuition is free at public secondary vocational schools", "national grant (国家助学金) of ¥2300 a year",
            "29 November 2026", "Yours sincerely,", "as choice no. 1", "Reply slip", "[ ] I would like to talk",
        ] {
            #expect(family.contains(expected), "missing \(expected)")
        }
        #expect(!family.contains("年"))
    }

    @Test("what is not on record is said plainly, never left blank or invented")
    func missingData() {
        var letter = LetterFixtures.letter(reasons: [])
        letter.student.gender = nil
        letter.student.birthDate = nil
        letter.student.guardianName = nil
        letter.student.guardianPhone = nil
        letter.program.startDate = nil
        letter.program.boarding = false
        letter.school.address = nil
        let school = renderer.render(letter, kind: .school, language: .chinese, format: .txt)
        #expect(school.contains("性　　别：未登记"))
        #expect(school.contains("出生日期：未登记"))
        #expect(!school.contains("推荐理由"))
        let family = LetterFixtures.unwrapped(renderer.render(letter, kind: .family, language: .english, format: .txt))
        #expect(family.contains("Dear parent or guardian of 杨安洁,"))
        #expect(family.contains("The school will tell you the date."))
        #expect(family.contains("would travel there and back each day"))
        #expect(family.contains("Address:     about 41.5 km from your home"))
    }

    @Test("a student name with <, & and quotes is escaped in HTML and printed as typed in text")
    func escaping() {
        let hostile = "<script>alert(\"x\")</script> O'Neil & Co"
        let letter = LetterFixtures.letter(name: hostile)
        for kind in LetterKind.allCases {
            for language in Language.allCases {
                let html = renderer.render(letter, kind: kind, language: language, format: .html)
                #expect(!html.contains("<script>"))
                #expect(!html.contains("O'Neil"))
                #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; O&#39;Neil &amp; Co"))
                let text = renderer.render(letter, kind: kind, language: language, format: .txt)
                #expect(text.contains(hostile))
                #expect(!text.contains("&lt;"))
                #expect(!text.contains("&amp;"))
            }
        }
        let combined = renderer.renderPrintable(LetterBundle.bundles([letter], kinds: [.school, .family]), language: .chinese)
        #expect(!combined.contains("<script>"))
    }

    @Test("a newline in a name cannot break a letter's layout")
    func controlCharacters() {
        let letter = LetterFixtures.letter(name: "杨\n安洁\u{0007}")
        let text = renderer.render(letter, kind: .family, language: .chinese, format: .txt)
        #expect(text.contains("尊敬的杨 安洁同学家长："))
        #expect(!text.contains("\u{0007}"))
    }

    @Test("all four letters in both formats: HTML is a page, text has no markup and no line over 72 columns")
    func formats() {
        let longReason = String(repeating: "该专业注重动手实践，学生在信息技术课上表现突出，老师推荐。", count: 4)
        let letter = LetterFixtures.letter(reasons: [longReason, "The student listed this programme first, and it offers boarding on a campus about forty kilometres from home."])
        for kind in LetterKind.allCases {
            for language in Language.allCases {
                let html = renderer.render(letter, kind: kind, language: language, format: .html)
                #expect(html.hasPrefix("<!DOCTYPE html>"))
                #expect(LetterFixtures.count("<section class=\"page\"", in: html) == 1)
                let text = renderer.render(letter, kind: kind, language: language, format: .txt)
                #expect(!text.contains("<"), "\(kind) \(language) text holds markup")
                #expect(text.contains("杨安洁"))
                for line in text.split(separator: "\n") {
                    #expect(PlainTextLayout.columns(String(line)) <= 72, "too wide: \(line)")
                    #expect(!line.hasPrefix("，") && !line.hasPrefix("。"), "punctuation starts a line: \(line)")
                }
            }
        }
        let english = renderer.render(letter, kind: .family, language: .english, format: .txt)
        // In an English letter a Chinese name is a word: never cut in two at the end of a line.
        #expect(LetterFixtures.count("杨安洁", in: english) == LetterFixtures.count("杨安洁", in: LetterFixtures.unwrapped(english)))
        let school = renderer.render(letter, kind: .school, language: .chinese, format: .txt)
        // The long reason is kept whole, only wrapped, with continuation lines under its text.
        let joined = school.replacingOccurrences(of: "\n      ", with: "")
        #expect(joined.contains(longReason))
    }

    @Test("bundles go out as people hand letters over: by school, and by junior school and teacher with names in pinyin order")
    func bundles() {
        func letter(_ name: String, junior: String, teacher: String, school: String) -> ReferralLetter {
            var letter = LetterFixtures.letter(name: name, reference: "R-\(name)")
            letter.student.juniorSchool = junior
            letter.counsellor.name = teacher
            letter.school.id = school
            return letter
        }
        let letters = [
            letter("赵敏", junior: "龙溪镇中学", teacher: "李老师", school: "S02"), letter("安然", junior: "龙溪镇中学", teacher: "李老师", school: "S01"),
            letter("王娟", junior: "白岩乡九年制学校", teacher: "吴老师", school: "S01"), letter("陈晨", junior: "龙溪镇中学", teacher: "李老师", school: "S01"),
        ]
        let bundles = LetterBundle.bundles(letters, kinds: [.school, .family])
        #expect(bundles.map(\.kind) == [.school, .school, .family, .family])
        #expect(bundles[0].letters.map(\.student.name) == ["安然", "陈晨", "王娟"])
        #expect(bundles[1].letters.map(\.student.name) == ["赵敏"])
        #expect(bundles[2].recipient == "白岩乡九年制学校 · 吴老师" && bundles[3].recipient == "龙溪镇中学 · 李老师")
        #expect(bundles[3].letters.map(\.student.name) == ["安然", "陈晨", "赵敏"])
    }

    @Test("the combined page has one A4 page per letter and a cover per bundle, school letters first")
    func combined() {
        let letters = (1...3).map { LetterFixtures.letter(name: "学生\($0)", reference: "R-\($0)") }
        let html = renderer.renderPrintable(LetterBundle.bundles(letters, kinds: [.school, .family]), language: .chinese)
        #expect(LetterFixtures.count("<section class=\"page\"", in: html) == 8)
        #expect(LetterFixtures.count("<article class=\"cover\">", in: html) == 2)
        #expect(html.contains("致学校的推荐函，共3封") && html.contains("家长信，共3封"))
        #expect(LetterFixtures.count("<article class=\"letter school\">", in: html) == 3)
        #expect(LetterFixtures.count("<article class=\"letter family\">", in: html) == 3)
        #expect(html.contains("@page { size: A4"))
        #expect(html.contains("break-after: page"))
        #expect(html.contains("转介信（共6封）"))
        let lastSchool = html.range(of: "编号：R-3")?.lowerBound
        let firstFamily = html.range(of: "致学生1同学家长的一封信")?.lowerBound
        #expect(lastSchool != nil && firstFamily != nil)
        if let lastSchool, let firstFamily { #expect(lastSchool < firstFamily) }
    }

    @Test("dates: Chinese 2026年11月29日, English 29 November 2026, for every month")
    func dates() {
        #expect(LetterWording(language: .chinese).date(LetterFixtures.date(2026, 11, 29)) == "2026年11月29日")
        #expect(LetterWording(language: .english).date(LetterFixtures.date(2026, 11, 29)) == "29 November 2026")
        #expect(LetterWording(language: .english).date(LetterFixtures.date(2027, 1, 5)) == "5 January 2027")
        #expect(LetterWording(language: .chinese).date(LetterFixtures.date(2027, 1, 5)) == "2027年1月5日")
    }

    @Test("key grades follow the programme's weights, heaviest first, and keep subjects without a mark")
    func keyGrades() {
        let grades = LetterFixtures.letter().keyGrades
        #expect(grades == [KeyGrade(subject: "math", score: 46), KeyGrade(subject: "english", score: nil)])
    }
}

@Suite("Reasons in plain words")
struct LetterReasonsTests {
    @Test("an explanation becomes plain sentences: the wish, the grades, distance and boarding, no formula")
    func plain() throws {
        var student = LetterFixtures.student()
        student.wishes = [.program("P002")]
        let other = Student(id: "QL202600002", name: "吴涛勇", home: LetterFixtures.place(27.35, 106.9), scores: [SubjectScore(subject: "math", score: 10), SubjectScore(subject: "english", score: 5)])
        var strongStudent = student
        strongStudent.scores = [SubjectScore(subject: "math", score: 90), SubjectScore(subject: "english", score: 80)]
        let scorer = try MatchScorer(students: [strongStudent, other], programs: [LetterFixtures.program])
        let explanation = try #require(scorer.explain(studentID: student.id, programID: "P002"))
        let zh = LetterReasons.sentences(for: explanation, language: .chinese)
        #expect(zh.first == "学生在志愿中把这个专业填在第1位。")
        #expect(zh.contains("在这个专业看重的科目（数学、英语）上，学生的成绩在同届中名列前茅。"), "\(zh)")
        #expect(zh.last?.hasPrefix("学校离家约") == true && zh.last?.hasSuffix("可以住校。") == true)
        #expect(!zh.joined().contains("×") && !zh.joined().contains("="))
        let en = LetterReasons.sentences(for: explanation, language: .english)
        #expect(en.first == "The student put this programme as choice no. 1 on their wish list.")
        #expect(en.last?.contains("offers boarding") == true)
    }
}
