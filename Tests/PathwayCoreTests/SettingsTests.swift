import Foundation
import Testing
@testable import PathwayCore

@Suite("Settings and input validation")
struct SettingsTests {
    @Test("defaults are those of the issue")
    func defaults() {
        let settings = MatchSettings.standard
        #expect(settings.weights == ScoreWeights.standard)
        #expect(settings.weights.interest == 0.5 && settings.weights.grades == 0.3 && settings.weights.location == 0.2)
        #expect(settings.candidateLimit == 20)
        #expect(settings.maxCommuteKm == 30)
        #expect(settings.strategy == .stable)
    }

    @Test("bad weights, K and commute are refused with the setting named")
    func refusals() throws {
        #expect(throws: MatchSettingsError.invalidWeight(component: "grades", value: -1)) {
            try ScoreWeights(interest: 1, grades: -1, location: 1)
        }
        #expect(throws: MatchSettingsError.weightsSumToZero) { try ScoreWeights(interest: 0, grades: 0, location: 0) }
        #expect(throws: MatchSettingsError.invalidCandidateLimit(0)) { try MatchSettings(candidateLimit: 0) }
        #expect(throws: MatchSettingsError.invalidMaxCommute(.infinity)) { try MatchSettings(maxCommuteKm: .infinity) }
        // Out of range: each would run to the end and then fail, or exhaust memory.
        #expect(throws: MatchSettingsError.invalidWeight(component: "interest", value: 1e308)) {
            try ScoreWeights(interest: 1e308, grades: 1, location: 1)
        }
        #expect(throws: MatchSettingsError.invalidCandidateLimit(1_000_000_000)) { try MatchSettings(candidateLimit: 1_000_000_000) }
        #expect(throws: MatchSettingsError.invalidMaxCommute(1e308)) { try MatchSettings(maxCommuteKm: 1e308) }
        #expect(try ScoreWeights(interest: 1000, grades: 0, location: 0).interest == 1000)
        #expect(MatchSettingsError.invalidWeight(component: "grades", value: -1).description.contains("grades"))
    }

    @Test("settings survive a JSON round trip, and decoding validates")
    func coding() throws {
        let settings = try MatchSettings(
            weights: ScoreWeights(interest: 2, grades: 1, location: 1), candidateLimit: 7, maxCommuteKm: 12.5, strategy: .optimal)
        let data = try JSONEncoder().encode(settings)
        #expect(try JSONDecoder().decode(MatchSettings.self, from: data) == settings)
        let bad = Data(#"{"weights":{"interest":-1,"grades":0,"location":0},"candidateLimit":20,"maxCommuteKm":30,"strategy":"stable"}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(MatchSettings.self, from: bad) }
    }

    @Test("duplicate ids are refused, naming the id")
    func duplicates() {
        #expect(throws: MatchInputError.duplicateStudentID("S1")) {
            try MatchScorer(students: [Fixtures.student("S1"), Fixtures.student("S1")], programs: [])
        }
        #expect(throws: MatchInputError.duplicateProgramID("P1")) {
            try MatchScorer(students: [], programs: [Fixtures.program("P1"), Fixtures.program("P1")])
        }
    }

    @Test("empty runs and students with nothing on record do not crash")
    func degenerate() throws {
        #expect(try Matcher(students: [], programs: []).run().placedCount == 0)
        let bare = Student(id: "S1", name: "", home: Fixtures.place(northKm: 0, eastKm: 0), totalScore: .nan)
        let result = try Matcher(students: [bare], programs: [Fixtures.program("P1", minimum: 100), Fixtures.program("P2")]).run()
        #expect(result.candidates.map(\.programID) == ["P2"])
        #expect(try Matcher(students: [bare], programs: [], settings: MatchSettings(strategy: .optimal)).run().placedCount == 0)
    }
}
