import Testing
@testable import PathwayCore

@Suite("Explanations")
struct ExplanationTests {
    @Test("a pair's explanation carries the candidate's exact figures and readable sentences")
    func pair() throws {
        let student = Fixtures.student("S1", wishes: [.category("71"), .program("P1")])
        let program = Fixtures.program("P1", holland: "IRC", keySubjects: [SubjectWeight(subject: "math", weight: 2)],
                                       at: Fixtures.place(northKm: 3, eastKm: 4))
        let others = (0..<3).map { Fixtures.student("T\($0)", scores: ["math": Double(50 + 10 * $0)]) }
        let scorer = try MatchScorer(students: [student] + others, programs: [program])
        let result = Matcher(scorer: scorer).assign(scorer.candidates())
        let explained = try #require(scorer.explain(studentID: "S1", in: result))
        let e = try #require(explained.candidates.first)
        let candidate = result.candidateSet.candidates(ofStudent: 0)[0]
        #expect(e.score == candidate.score)
        #expect(e.studentRank == 1)
        #expect(e.interest.wish == WishMatch(kind: .program, position: 2))
        #expect(e.interest.iachanM == 21)
        let english = e.sentences(language: .english)
        #expect(english.contains { $0.contains("wish no. 2") })
        #expect(english.contains { $0.contains("Iachan's M index 21") })
        #expect(english.contains { $0.contains("5.0 km") })
        let chinese = e.sentences(language: .chinese)
        #expect(chinese.contains { $0.contains("第2志愿") })
        #expect(chinese.count == english.count)
        #expect(explained.placedProgramID == "P1")
        #expect(explained.sentences(language: .english).first?.hasPrefix("Placed in") == true)
    }

    @Test("a student left out by stable is told which candidates filled up, and at what priority")
    func unplacedByStable() throws {
        let town = Fixtures.place(northKm: 0, eastKm: 0)
        let students = [
            Fixtures.student("S1", scores: ["math": 95], wishes: [.program("P1")]),
            Fixtures.student("S2", scores: ["math": 90], wishes: [.program("P1")]),
            Fixtures.student("S3", scores: ["math": 20], wishes: [.program("P1")]),
        ]
        let programs = [
            Fixtures.program("P1", seats: 1, keySubjects: [SubjectWeight(subject: "math", weight: 1)], at: town),
            Fixtures.program("P2", seats: 1, keySubjects: [SubjectWeight(subject: "math", weight: 1)], at: town),
        ]
        let matcher = try Matcher(students: students, programs: programs)
        let result = matcher.run()
        #expect(result.placedCount == 2)
        let explained = try #require(matcher.scorer.explain(studentID: "S3", in: result))
        #expect(explained.placedProgramID == nil)
        #expect(explained.fullCandidates.count == 2)
        for full in explained.fullCandidates {
            #expect(full.admitted == full.seats)
            #expect(full.lowestAdmittedPriority > full.studentPriority)
        }
        let english = explained.sentences(language: .english)
        #expect(english.first?.hasPrefix("Not placed") == true)
        #expect(english.contains { $0.contains("lowest admitted priority was") })
        #expect(!english.joined().contains("S1") && !english.joined().contains("S2"))
        #expect(explained.sentences(language: .chinese).first?.hasPrefix("未录取") == true)
    }

    @Test("programmes that are not candidates say why: a rule, or below the cut")
    func nonCandidates() throws {
        let town = Fixtures.place(northKm: 0, eastKm: 0)
        let programs = [
            Fixtures.program("P1", at: town), Fixtures.program("P2", at: town),
            Fixtures.program("P3", seats: 0, at: town),
        ]
        let matcher = try Matcher(students: [Fixtures.student("S1")], programs: programs, settings: MatchSettings(candidateLimit: 1))
        let explained = try #require(matcher.scorer.explain(studentID: "S1", in: matcher.run()))
        #expect(explained.candidates.map(\.programID) == ["P1"])
        #expect(explained.nonCandidates.map(\.explanation.programID) == ["P2", "P3"])
        #expect(explained.nonCandidates[0].reason == .belowCutoff(rankAmongEligible: 2, candidateLimit: 1))
        #expect(explained.nonCandidates[1].reason == .ineligible([.noSeats]))
    }

    @Test("number text is fixed-point and locale-free")
    func numbers() {
        #expect(NumberText.decimal(0.825, places: 2) == "0.83" || NumberText.decimal(0.825, places: 2) == "0.82")
        #expect(NumberText.decimal(12.5, places: 0) == "13")
        #expect(NumberText.decimal(-0.004, places: 2) == "0.00")
        #expect(NumberText.decimal(3, places: 3) == "3.000")
        #expect(NumberText.percent(0.834) == "83")
    }
}
