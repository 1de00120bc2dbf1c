import Testing
@testable import PathwayCore

@Suite("Grades component and percentiles")
struct GradesTests {
    @Test("mid-rank percentile: share of the others below, ties count half")
    func midRank() {
        let values: [Double] = [10, 20, 20, 30, 40]
        let percentiles = MidRankPercentile.doubledRanks(values).map {
            MidRankPercentile.percentile(doubledRank: $0, count: values.count)
        }
        #expect(percentiles == [0, 0.375, 0.375, 0.75, 1])
        #expect(MidRankPercentile.doubledRanks([7]).map { MidRankPercentile.percentile(doubledRank: $0, count: 1) } == [0.5])
        #expect(MidRankPercentile.doubledRanks([3, 3, 3]).map { MidRankPercentile.percentile(doubledRank: $0, count: 3) } == [0.5, 0.5, 0.5])
    }

    private func grades(_ students: [Student], _ program: Program) throws -> [Double] {
        let scorer = try MatchScorer(students: students, programs: [program])
        return try students.map { try #require(scorer.explain(studentID: $0.id, programID: program.id)).grades.value }
    }

    @Test("percentiles do not depend on the marks' maximum")
    func scaleFree() throws {
        let program = Fixtures.program("P1", keySubjects: [SubjectWeight(subject: "math", weight: 1)])
        let marks: [Double] = [40, 90, 65, 65, 10]
        let outOf100 = try grades(marks.enumerated().map { Fixtures.student("S\($0.offset)", scores: ["math": $0.element]) }, program)
        let outOf150 = try grades(marks.enumerated().map { Fixtures.student("S\($0.offset)", scores: ["math": $0.element * 1.5]) }, program)
        #expect(outOf100 == outOf150)
        #expect(outOf100 == [0.25, 1, 0.625, 0.625, 0])
    }

    @Test("key-subject weights decide who is stronger")
    func weighted() throws {
        let mathHeavy = Fixtures.program("P1", keySubjects: [
            SubjectWeight(subject: "Math", weight: 2), SubjectWeight(subject: "chinese", weight: 1)])
        let chineseHeavy = Fixtures.program("P1", keySubjects: [
            SubjectWeight(subject: "math", weight: 1), SubjectWeight(subject: "Chinese ", weight: 2)])
        let students = [
            Fixtures.student("A", scores: ["math": 90, "chinese": 50]),
            Fixtures.student("B", scores: ["math": 50, "chinese": 90]),
            Fixtures.student("C", scores: ["math": 70, "chinese": 70]),
        ]
        let math = try grades(students, mathHeavy)
        let chinese = try grades(students, chineseHeavy)
        #expect(math[0] > math[1])
        #expect(chinese[1] > chinese[0])
    }

    @Test("no key subjects: the total score's percentile; a missing total falls back to subjects")
    func totalFallback() throws {
        let program = Fixtures.program("P1")
        let students = [
            Fixtures.student("A", total: 300, scores: ["math": 10]),
            Fixtures.student("B", total: 500, scores: ["math": 20]),
            Fixtures.student("C", total: 400, scores: ["math": 30]),
            Fixtures.student("D", total: nil, scores: ["math": 40]),
        ]
        let values = try grades(students, program)
        #expect(values[0] == 0)
        #expect(values[1] == 1)
        #expect(values[2] == 0.5)
        #expect(values[3] == 1)  // best maths mark stands in for the missing total
        let scorer = try MatchScorer(students: students, programs: [program])
        let d = try #require(scorer.explain(studentID: "D", programID: "P1"))
        #expect(d.grades.overallBasis == .subjectMean)
        #expect(d.grades.missing == [.totalScore])
    }

    @Test("a missing key-subject mark is filled with the student's overall standing")
    func missingMark() throws {
        let program = Fixtures.program("P1", keySubjects: [SubjectWeight(subject: "physics", weight: 1)])
        let students = [
            Fixtures.student("A", total: 600, scores: ["physics": 50]),
            Fixtures.student("B", total: 200, scores: ["physics": 60]),
            Fixtures.student("C", total: 400, scores: [:]),
        ]
        let scorer = try MatchScorer(students: students, programs: [program])
        let c = try #require(scorer.explain(studentID: "C", programID: "P1"))
        #expect(c.grades.keySubjects.first?.percentile == nil)
        #expect(c.grades.keySubjects.first?.valueUsed == 0.5)
        #expect(c.grades.missing == [.keySubjectMark])
        #expect(c.sentences(language: .english).contains { $0.contains("No physics mark") })
    }
}
