import Foundation
import PathwayCore
import Testing
@testable import PathwayLetters

/// What a letter may say: the wish it answers or, plainly, that it answers none and why; money
/// as the county's settings have it; strengths only from marks on record.
@Suite("Letters tell each family the truth")
struct LetterTruthTests {
    let renderer: LetterRenderer

    init() throws {
        renderer = try LetterRenderer()
    }

    func family(_ letter: ReferralLetter, _ language: Language = .chinese, _ format: LetterFormat = .txt) -> String {
        Self.joined(renderer.render(letter, kind: .family, language: language, format: format), language)
    }

    /// The text with wrapping undone: Chinese lines join without a space, English with one.
    static func joined(_ text: String, _ language: Language) -> String {
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return lines.joined(separator: language == .chinese ? "" : " ")
    }

    @Test("placed on a wish: the letter says which one, for a programme and for a category")
    func onAWish() {
        var letter = LetterFixtures.letter()
        letter.wishOutcome = .wish(WishMatch(kind: .program, position: 2))
        #expect(family(letter).contains("孩子在志愿中把这个专业填在第2位"))
        #expect(family(letter, .english).contains("put this programme as choice no. 2"))
        letter.wishOutcome = .wish(WishMatch(kind: .category, position: 1))
        #expect(family(letter).contains("把电子与信息类专业填在第1位"))
        #expect(family(letter, .english).contains("put programmes in Electronics and Information as choice no. 1"))
        for language in Language.allCases {
            #expect(!family(letter, language).contains("没能安排") && !family(letter, language).contains("could not be met"))
        }
    }

    @Test("placed outside every wish: said plainly, each wish with why, and what the family can do")
    func outsideTheWishes() {
        var letter = LetterFixtures.letter()
        letter.wishOutcome = .outsideWishes([
            UnmetWish(position: 1, target: .program(id: "P007", name: "护理"), reasons: [.belowMinimum(minimum: 300)]),
            UnmetWish(position: 2, target: .program(id: "P010", name: "汽车运用与维修"), reasons: [.seatsFull]),
            UnmetWish(position: 3, target: .category(code: "74", CatalogueCategory(code: "74")),
                      reasons: [.tooFarWithoutBoarding, .refusedEarlier]),
        ])
        for format in LetterFormat.allCases {
            let text = family(letter, .chinese, format)
            for expected in [
                "这个专业不在孩子填报的志愿中", "第1志愿护理专业：要求中考总分不低于300分",
                "第2志愿汽车运用与维修专业：名额已满", "第3志愿旅游类专业：离家太远，又不提供住宿，此前您已表示不去",
                "请在回执上勾选“希望面谈”",
            ] {
                #expect(text.contains(expected), "\(format): missing \(expected)")
            }
            #expect(!text.contains("根据孩子的志愿") && !text.contains("填在第"), "\(format)")
            let english = family(letter, .english, format)
            for expected in [
                "it is not one of your child's choices", "Choice no. 1, the programme 护理: it asks for a total score of at least 300",
                "Choice no. 2, the programme 汽车运用与维修: its places were all taken",
                "Choice no. 3, any programme in Tourism: it is too far to travel each day and offers no boarding; you said no to it earlier",
                "tick \"I would like to talk\"",
            ] {
                #expect(english.contains(expected), "\(format): missing \(expected)")
            }
        }
    }

    @Test("报到: the day, the place and what to bring, when the programme gives them")
    func registration() {
        var letter = LetterFixtures.letter()
        #expect(!family(letter).contains("报到：") && !family(letter, .english).contains("Registration:"))
        letter.program.registration = Program.Registration(
            date: LetterFixtures.date(2027, 8, 28), place: "学校大礼堂", items: "户口簿、毕业证、一寸照片4张")
        for format in LetterFormat.allCases {
            #expect(family(letter, .chinese, format).contains("2027年8月28日，学校大礼堂；请带：户口簿、毕业证、一寸照片4张"), "\(format)")
            #expect(family(letter, .english, format).contains("28 August 2027, 学校大礼堂; please bring: 户口簿、毕业证、一寸照片4张"), "\(format)")
        }
    }

    @Test("no wishes on file: the letter says so and asks")
    func noWishes() {
        var letter = LetterFixtures.letter()
        letter.wishOutcome = .noWishes
        #expect(family(letter).contains("孩子没有填报志愿；如果孩子有想读的专业，请告诉我们"))
        #expect(family(letter, .english).contains("No choices are on record"))
        #expect(!family(letter).contains("填在第"))
    }

    @Test("money: free tuition to every family, the grants to a family in hardship only, nothing invented without settings")
    func subsidies() {
        var letter = LetterFixtures.letter()
        letter.subsidies.append(Subsidy(kind: .yulu, yuanPerYear: 3000, effectiveFrom: LetterFixtures.date(2026, 9, 1)))
        let helped = family(letter, .chinese, .html)
        #expect(helped.contains("免除学费") && helped.contains("国家助学金，每年2300元") && helped.contains("雨露计划补助，每年3000元"))
        letter.student.hardship = false
        let other = family(letter, .chinese, .html)
        #expect(other.contains("免除学费") && !other.contains("国家助学金") && !other.contains("雨露计划"))
        letter.subsidies = []
        let unset = family(letter, .chinese, .html)
        #expect(!unset.contains("免除学费") && unset.contains("学费和资助政策，请向李老师咨询"))
        #expect(family(letter, .english).contains("For tuition and the grants you may receive, please ask 李老师"))
    }

    @Test("the school letter carries the 学籍号 and the person who follows the student")
    func schoolLetter() {
        var letter = LetterFixtures.letter()
        letter.student.statusNumber = "G522701201009090018"
        letter.signatory = "学生资助与职业指导办公室"
        for format in LetterFormat.allCases {
            let text = Self.joined(renderer.render(letter, kind: .school, language: .chinese, format: format), .chinese)
            #expect(text.contains("G522701201009090018"), "\(format)")
            #expect(text.contains("负责跟进这名学生的是李老师") && text.contains("0851-1234567"), "\(format)")
            #expect(text.contains("学生资助与职业指导办公室"), "\(format)")
            let english = Self.joined(renderer.render(letter, kind: .school, language: .english, format: format), .english)
            #expect(english.contains("G522701201009090018") && english.contains("李老师 follows 杨安洁 until they enrol"), "\(format)")
        }
        letter.student.statusNumber = nil
        #expect(renderer.render(letter, kind: .school, language: .chinese, format: .html).contains("未登记（请向初中学校核实）"))
    }

    @Test("a strength is claimed only from marks on record")
    func noStrengthWithoutMarks() {
        func evidence(_ basis: StandingBasis) -> PairEvidence {
            PairEvidence(
                wish: nil, studentHollandCode: nil, congruence: nil, standing: 0.88, standingBasis: basis, cohortSize: 700,
                keySubjects: ["math", "geography"], distanceKm: 12, boarding: true)
        }
        let marked = LetterReasons.sentences(for: evidence(.keySubjectMarks), language: .chinese).joined()
        #expect(marked.contains("在这个专业看重的科目（数学、地理）上，学生的成绩好于同届约88%的同学"))
        let guessed = LetterReasons.sentences(for: evidence(.partlyEstimated), language: .chinese).joined()
        #expect(!guessed.contains("88%") && !guessed.contains("数学"))
        #expect(LetterReasons.sentences(for: evidence(.overall(.totalScore)), language: .chinese).joined().contains("从中考总分看"))
        #expect(!LetterReasons.sentences(for: evidence(.overall(.neutral)), language: .english).joined().contains("88"))

        // From a student's record: a missing key-subject mark makes the standing a guess.
        let student = LetterFixtures.student()
        #expect(StandingBasis(student: student, keySubjects: ["math"]) == .keySubjectMarks)
        #expect(StandingBasis(student: student, keySubjects: ["math", "geography"]) == .partlyEstimated)
        #expect(StandingBasis(student: student, keySubjects: []) == .overall(.totalScore))
    }
}
