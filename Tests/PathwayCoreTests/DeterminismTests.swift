import Testing
@testable import PathwayCore

@Suite("Determinism")
struct DeterminismTests {
    /// A rendering of everything a run exports, so "identical" means identical bytes.
    private func rendering(_ result: MatchResult) -> String {
        var text = ""
        for c in result.candidates {
            text += "\(c.studentID),\(c.programID),\(c.studentRank),\(c.score.bitPattern),\(c.programPriority.bitPattern),"
            text += "\(c.interest.bitPattern),\(c.grades.bitPattern),\(c.location.bitPattern),\(c.distanceKm.bitPattern)\n"
        }
        for a in result.assignments ?? [] {
            text += "\(a.studentID),\(a.programID ?? ""),\(a.schoolID ?? ""),\(a.score?.bitPattern ?? 0),\(a.studentRank ?? 0)\n"
        }
        return text
    }

    @Test("the same input and settings give byte-identical results", arguments: Strategy.allCases)
    func repeatable(strategy: Strategy) throws {
        // Over 256 students, so scoring runs in several parallel chunks.
        let county = Fixtures.randomCounty(students: 700, programs: 40, seed: 2024)
        let settings = try MatchSettings(candidateLimit: 8, strategy: strategy)
        let first = try Matcher(students: county.students, programs: county.programs, settings: settings).run()
        let second = try Matcher(students: county.students, programs: county.programs, settings: settings).run()
        #expect(rendering(first) == rendering(second))
        #expect(first == second)
        #expect((first.assignments == nil) == (strategy == .ranked))
    }
}
