import Testing
@testable import PathwayCore

@Suite("Candidates, ranks and priorities")
struct CandidateOrderingTests {
    @Test("equal scores are ordered by programme id; ranks start at 1; K cuts the list")
    func ordering() throws {
        let programs = ["P10", "P02", "P2", "P1"].map { Fixtures.program($0) }
        let student = Fixtures.student("S1")
        let all = try MatchScorer(students: [student], programs: programs).candidates().all
        #expect(all.map(\.programID) == ["P02", "P1", "P10", "P2"])
        #expect(all.map(\.studentRank) == [1, 2, 3, 4])
        #expect(Set(all.map(\.score)).count == 1)
        let cut = try MatchScorer(students: [student], programs: programs, settings: MatchSettings(candidateLimit: 2))
        #expect(cut.candidates().all.map(\.programID) == ["P02", "P1"])
    }

    @Test("higher scores come first, and the total is 100 × Σ w·c / Σ w")
    func scoreOrder() throws {
        let near = Fixtures.program("NEAR", at: Fixtures.place(northKm: 1, eastKm: 0))
        let far = Fixtures.program("AFAR", at: Fixtures.place(northKm: 20, eastKm: 0))
        let weights = try ScoreWeights(interest: 1, grades: 1, location: 2)
        let scorer = try MatchScorer(
            students: [Fixtures.student("S1")], programs: [far, near], settings: MatchSettings(weights: weights))
        let all = scorer.candidates().all
        #expect(all.map(\.programID) == ["NEAR", "AFAR"])
        for c in all {
            #expect(c.score == 100 * (1 * c.interest + 1 * c.grades + 2 * c.location) / 4)
        }
    }

    @Test("programme priority is the grades component")
    func priority() throws {
        let county = Fixtures.randomCounty(students: 60, programs: 12, seed: 5)
        let set = try MatchScorer(students: county.students, programs: county.programs).candidates()
        for c in set.all { #expect(c.programPriority.bitPattern == c.grades.bitPattern) }
    }

    @Test("students and programmes come out in id order whatever order they came in")
    func inputOrder() throws {
        let county = Fixtures.randomCounty(students: 80, programs: 15, seed: 9)
        var random = SeededGenerator(seed: 99)
        let a = try Matcher(students: county.students, programs: county.programs).run()
        let b = try Matcher(students: county.students.shuffled(using: &random), programs: county.programs.shuffled(using: &random)).run()
        #expect(a == b)
        #expect(a.candidateSet.studentIDs == a.candidateSet.studentIDs.sorted())
    }
}
