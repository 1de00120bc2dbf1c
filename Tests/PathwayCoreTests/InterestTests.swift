import Testing
@testable import PathwayCore

@Suite("Interest component")
struct InterestTests {
    private func explain(_ student: Student, _ program: Program, others: [Program] = []) throws -> Explanation {
        let scorer = try MatchScorer(students: [student], programs: [program] + others)
        return try #require(scorer.explain(studentID: student.id, programID: program.id))
    }

    @Test("a first-choice programme wish with identical Holland codes is full interest")
    func fullInterest() throws {
        let e = try explain(Fixtures.student("S1", wishes: [.program("P1")]), Fixtures.program("P1"))
        #expect(e.interest.value == 1)
        #expect(e.interest.wish == WishMatch(kind: .program, position: 1))
        #expect(e.interest.missing.isEmpty)
        #expect(e.interest.confidence == 1)
    }

    @Test("a programme wish counts more than a category wish at the same place")
    func programBeatsCategory() throws {
        let byProgram = try explain(Fixtures.student("S1", wishes: [.program("P1")]), Fixtures.program("P1"))
        let byCategory = try explain(Fixtures.student("S1", wishes: [.category("71")]), Fixtures.program("P1"))
        #expect(byProgram.interest.value > byCategory.interest.value)
        #expect(byCategory.interest.wish?.kind == .category)
        #expect(byCategory.interest.wishPart == InterestComponent.categoryWishBase)
    }

    @Test("earlier wishes count more")
    func earlierCountsMore() throws {
        let first = try explain(Fixtures.student("S1", wishes: [.program("P1"), .program("P2")]), Fixtures.program("P1"))
        let second = try explain(Fixtures.student("S1", wishes: [.program("P2"), .program("P1")]), Fixtures.program("P1"))
        #expect(first.interest.wishPart > second.interest.wishPart)
        #expect(second.interest.wish?.position == 2)
        #expect(second.interest.wishPart == 0.8)
    }

    @Test("wishes naming other things give no wish part; listing none gives the neutral part")
    func noMatchingWishVersusNoWishes() throws {
        let unrelated = try explain(Fixtures.student("S1", wishes: [.category("72")]), Fixtures.program("P1"))
        #expect(unrelated.interest.wishPart == 0)
        #expect(unrelated.interest.missing.isEmpty)
        let none = try explain(Fixtures.student("S1", wishes: []), Fixtures.program("P1"))
        #expect(none.interest.wishPart == InterestComponent.neutralWish)
        #expect(none.interest.missing == [.wishes])
        #expect(none.interest.confidence == InterestComponent.hollandShare)
    }

    @Test("a missing Holland code uses the neutral congruence and says so")
    func missingHolland() throws {
        let noStudentCode = try explain(Fixtures.student("S1", holland: nil), Fixtures.program("P1"))
        #expect(noStudentCode.interest.congruence == HollandCongruence.neutral)
        #expect(noStudentCode.interest.missing.contains(.studentHollandCode))
        #expect(noStudentCode.interest.iachanM == nil)
        let noProgramCode = try explain(Fixtures.student("S1"), Fixtures.program("P1", holland: nil))
        #expect(noProgramCode.interest.missing.contains(.programHollandCode))
        let both = try explain(Fixtures.student("S1", holland: nil, wishes: []), Fixtures.program("P1", holland: nil))
        #expect(both.interest.value == InterestComponent.combine(
            wish: InterestComponent.neutralWish, congruence: HollandCongruence.neutral))
        #expect(both.interest.confidence == 0)
        #expect(both.sentences(language: .english).contains { $0.contains("missing") })
        #expect(both.sentences(language: .chinese).contains { $0.contains("缺失") })
    }
}
