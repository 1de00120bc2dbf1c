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

    @Test("a measured road replaces the straight line, for scoring and the commute rule, and is explained")
    func roadDistances() throws {
        var near = Fixtures.student("S1", at: Fixtures.place(northKm: 0, eastKm: 0))
        near.township = "云台乡"
        near.village = "石门村"
        var other = near
        other.id = "S2"
        other.village = "红岩村"
        var elsewhere = near
        elsewhere.id = "S3"
        elsewhere.township = "马场镇"
        // 10 km as the crow flies; the day programme is 10 km off too, the boarding one 6 km.
        let day = Fixtures.program("P1", school: "SC1", at: Fixtures.place(northKm: 8, eastKm: 6))
        let boarding = Fixtures.program("P2", school: "SC2", boarding: true, at: Fixtures.place(northKm: 6, eastKm: 0))
        let travel = TravelTable([
            // The village's road to P1 winds for 45 km: beyond the 30 km commute, and no boarding.
            TravelTable.Route(township: "云台乡", village: "石门村", destination: .program("P1"), km: 45, minutes: nil),
            // The township as a whole: an hour to school SC2, counted at 30 km/h.
            TravelTable.Route(township: "云台乡", destination: .school("SC2"), km: nil, minutes: 60),
            // A figure shorter than the straight line counts as the straight line.
            TravelTable.Route(township: "云台乡", destination: .school("SC1"), km: 2, minutes: nil),
        ])
        let scorer = try MatchScorer(students: [near, other, elsewhere], programs: [day, boarding], travel: travel)
        let candidates = scorer.candidates()
        func pair(_ s: String, _ p: String) -> Candidate? { candidates.all.first { $0.studentID == s && $0.programID == p } }
        #expect(pair("S1", "P1") == nil)
        #expect(abs((pair("S1", "P2")?.distanceKm ?? 0) - 30) < 1e-9)
        #expect(abs((pair("S2", "P1")?.distanceKm ?? 0) - 10) < 0.05)
        #expect(abs((pair("S2", "P2")?.distanceKm ?? 0) - 30) < 1e-9)
        #expect(abs((pair("S3", "P2")?.distanceKm ?? 0) - 6) < 0.05)

        let byTime = try #require(scorer.explain(studentID: "S1", programID: "P2"))
        #expect(byTime.location.route?.minutes == 60)
        #expect(byTime.sentences(language: .chinese).contains { $0.contains("分钟，按每小时") && $0.contains("公路约") })
        #expect(byTime.sentences(language: .english).contains { $0.contains("minutes by road, counted at") })
        let straight = try #require(scorer.explain(studentID: "S2", programID: "P1"))
        #expect(straight.location.route == nil)
        let tooFar = try #require(scorer.explain(studentID: "S1", programID: "P1"))
        #expect(tooFar.location.distanceKm == 45)
        #expect(tooFar.sentences(language: .english).contains { $0.contains("km from home by road") })
    }

    @Test("a student whose home is unknown is matched without location: the middle value, no commute limit, explained")
    func unknownHome() throws {
        var student = Fixtures.student("S1")
        student.home = nil
        student.homePlacement = .unplaced
        let placed = Fixtures.student("S2")
        let far = Fixtures.program("P1", at: Fixtures.place(northKm: 80, eastKm: 0))
        let scorer = try MatchScorer(students: [student, placed], programs: [far])
        let candidates = scorer.candidates().all
        let pair = try #require(candidates.first { $0.studentID == "S1" })
        #expect(pair.location == LocationDecay.unknownHome)
        #expect(pair.distanceKm.isNaN)
        #expect(!candidates.contains { $0.studentID == "S2" })  // 80 km: beyond the commute
        let explanation = try #require(scorer.explain(studentID: "S1", programID: "P1"))
        #expect(explanation.sentences(language: .chinese).contains { $0.contains("家庭住址无法定位") })
        #expect(explanation.sentences(language: .english).contains { $0.contains("the home could not be placed") })
        let result = Matcher(scorer: scorer).assign(scorer.candidates())
        #expect(result.placements?.studentRank(ofStudent: 0) == 1)
    }
}
