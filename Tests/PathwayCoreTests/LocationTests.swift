import Testing
@testable import PathwayCore

@Suite("Location component and distance")
struct LocationTests {
    @Test("haversine distances of known pairs")
    func distances() {
        let equator = Fixtures.coordinate(0, 0)
        let oneDegreeNorth = Fixtures.coordinate(1, 0)
        #expect(abs(GreatCircle.distanceKm(from: equator, to: oneDegreeNorth) - 111.195) < 0.01)
        let beijing = Fixtures.coordinate(39.9042, 116.4074)
        let shanghai = Fixtures.coordinate(31.2304, 121.4737)
        #expect(abs(GreatCircle.distanceKm(from: beijing, to: shanghai) - 1067) < 5)
        #expect(GreatCircle.distanceKm(from: beijing, to: beijing) == 0)
        let west = Fixtures.coordinate(0, 179.9)
        let east = Fixtures.coordinate(0, -179.9)
        #expect(abs(GreatCircle.distanceKm(from: west, to: east) - 22.24) < 0.01)
    }

    @Test("the component halves every half-life, and boarding decays more slowly")
    func decay() {
        #expect(LocationDecay.component(distanceKm: 0, boarding: false) == 1)
        #expect(LocationDecay.component(distanceKm: 10, boarding: false) == 0.5)
        #expect(LocationDecay.component(distanceKm: 20, boarding: false) == 0.25)
        #expect(LocationDecay.component(distanceKm: 40, boarding: true) == 0.5)
        for distance in [1.0, 7.5, 25, 60] {
            #expect(LocationDecay.component(distanceKm: distance, boarding: true)
                > LocationDecay.component(distanceKm: distance, boarding: false))
        }
    }

    @Test("the explanation reports the distance the candidate row carries")
    func explainedDistance() throws {
        let student = Fixtures.student("S1", at: Fixtures.place(northKm: 0, eastKm: 0))
        let program = Fixtures.program("P1", at: Fixtures.place(northKm: 8, eastKm: 6))
        let scorer = try MatchScorer(students: [student], programs: [program])
        let candidate = try #require(scorer.candidates().all.first)
        let e = try #require(scorer.explain(studentID: "S1", programID: "P1"))
        #expect(abs(candidate.distanceKm - 10) < 0.05)
        #expect(e.location.distanceKm == candidate.distanceKm)
        #expect(e.location.value == candidate.location)
    }
}
