import Foundation
import PathwayCore
import PathwayTestSupport
import Testing
@testable import PathwayLetters

/// Every letter on one sheet of A4, printed from headless Chromium: the longest names, the
/// longest list of reasons and of unmet wishes a letter can hold, in both languages and kinds.
/// (The Seeds county's own letters are printed by the command line's demo test.)
@Suite("Letters fit the page")
struct LetterPrintTests {
    /// The most a letter can be asked to hold: every text at the letters' length limit, four
    /// reasons, three key subjects, every subsidy, and more unmet wishes than are listed.
    static func hostile() -> [ReferralLetter] {
        let long = String(repeating: "长", count: 80)
        let words = String(repeating: "Wide ", count: 30)
        var letters: [ReferralLetter] = []
        for (index, name) in [long, "阿卜杜热合曼·买买提艾力·吐尔逊", words, "W" + String(repeating: "m", count: 70)].enumerated() {
            var student = LetterFixtures.student(name: name)
            student.guardianName = name
            student.statusNumber = "G522701201009090018"
            student.juniorSchool = long
            var program = LetterFixtures.program
            program.name = index % 2 == 0 ? long : words
            program.description = long + words
            program.registration = Program.Registration(date: LetterFixtures.date(2027, 9, 1), place: long + words, items: words + long)
            program.keySubjects = ["math", "chinese", "geography"].map { SubjectWeight(subject: $0, weight: 1) }
            var school = LetterFixtures.school
            school.name = index % 2 == 0 ? words : long
            school.address = long + words
            school.contactName = name
            let unmet = (1...9).map { position in
                UnmetWish(
                    position: position,
                    target: position % 2 == 0 ? .program(id: "P\(position)", name: long) : .category(code: "79", CatalogueCategory(code: "79")),
                    reasons: [.noTotalScore(minimum: 345.5), .tooFarWithoutBoarding, .refusedEarlier, .otherFitsBetter])
            }
            letters.append(ReferralLetter(
                referenceNumber: "PW-2027-00000\(index)", student: student, program: program, school: school,
                reasons: [
                    "学生在志愿中把这个专业所属的专业大类填在第12位。", "学生的兴趣类型（霍兰德代码RIA）与这个专业非常契合。",
                    "在这个专业看重的科目（数学、语文、地理）上，学生的成绩好于同届约99%的同学。",
                    "学校不提供住宿，请和班主任一起确认每天往返的路程。",
                ],
                distanceKm: 123.45, counsellor: Counsellor(name: name, phone: "0851-5550100-12345", organisation: long),
                signatory: long, issuedOn: LetterFixtures.date(2027, 12, 30),
                wishOutcome: index == 3 ? .wish(WishMatch(kind: .category, position: 12)) : .outsideWishes(unmet),
                subsidies: LetterFixtures.subsidies + [
                    Subsidy(kind: .yulu, yuanPerYear: 99_999, effectiveFrom: LetterFixtures.date(2026, 9, 1)),
                ]))
        }
        return letters
    }

    @Test func theLongestLettersPrintOnOneSheetEach() async throws {
        guard Browser.pythonForTest() != nil else { return }
        let folder = try LetterFixtures.temporaryFolder("print")
        defer { try? FileManager.default.removeItem(at: folder) }
        let writer = LetterBatchWriter(renderer: try LetterRenderer())
        let batches = try Language.allCases.map { language in
            try writer.write(Self.hostile(), kinds: LetterKind.allCases, language: language, format: .html, to: folder)
        }
        let printed = try await Browser.printPages(batches.compactMap(\.combined))
        #expect(printed.count == 2)
        for (file, batch) in zip(printed, batches) {
            #expect(file.letters == batch.pageCount, "\(file.file): letters and covers")
            #expect(file.pages == file.letters, "\(file.file): \(file.overflowing)")
        }
    }
}
