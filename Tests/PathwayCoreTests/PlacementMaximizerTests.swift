import Testing
@testable import PathwayCore

@Suite("Optimal strategy (placement first, then total score)")
struct PlacementMaximizerTests {
    private func positions(_ placements: Placements) -> [Int] {
        placements.studentRanks.map { ($0 ?? 0) - 1 }
    }

    private func checkFeasible(_ set: CandidateSet, _ placement: [Int]) {
        var load = [Int](repeating: 0, count: set.programIDs.count)
        for (s, position) in placement.enumerated() where position >= 0 {
            #expect(position < set.candidateCount(ofStudent: s))
            load[set.programIndex(ofStudent: s, rank: position + 1)] += 1
        }
        for p in load.indices { #expect(load[p] <= max(0, set.seats[p])) }
    }

    /// The solver's placements are feasible and as good as the reference's (by default the
    /// independent flow solver); returns them for further checks.
    @discardableResult
    private func expectOptimalAsReference(
        _ set: CandidateSet, _ label: String,
        reference solve: (CandidateSet) -> (placed: Int, units: Int64) = ReferenceSolvers.minCostFlowPlacement
    ) -> Placements {
        let placements = PlacementMaximizer.assign(set)
        let placement = positions(placements)
        checkFeasible(set, placement)
        let found = ReferenceSolvers.objective(set, placement)
        let reference = solve(set)
        #expect(found.placed == reference.placed, "\(label)")
        #expect(found.units == reference.units, "\(label)")
        return placements
    }

    @Test("it seats a student the stable assignment leaves out")
    func seatsMore() throws {
        // A and B both prefer X (one seat); B has the higher priority there. Stable: B gets X,
        // A is rejected and has nowhere else. Optimal: A takes X, B takes Y.
        let set = try CandidateSet(
            studentIDs: ["A", "B"], programs: [ProgramCapacity(id: "X", schoolID: "S", seats: 1), ProgramCapacity(id: "Y", schoolID: "S", seats: 1)],
            candidates: [
                Candidate(studentID: "A", programID: "X", studentRank: 1, score: 60, programPriority: 0.2, interest: 0, grades: 0.2, location: 0, distanceKm: 0),
                Candidate(studentID: "B", programID: "X", studentRank: 1, score: 90, programPriority: 0.9, interest: 0, grades: 0.9, location: 0, distanceKm: 0),
                Candidate(studentID: "B", programID: "Y", studentRank: 2, score: 80, programPriority: 0.9, interest: 0, grades: 0.9, location: 0, distanceKm: 0),
            ])
        #expect(DeferredAcceptance.assign(set).placedCount == 1)
        let optimal = PlacementMaximizer.assign(set)
        #expect(optimal.studentRanks == [1, 2])
    }

    @Test("tiny instances: matches brute force on placements and total score", arguments: Array(1...60) as [UInt64])
    func bruteForce(seed: UInt64) {
        let set = Fixtures.randomCandidates(
            students: 6, programs: 3, maxCandidates: 3, maxSeats: 2, seed: seed, nearTies: seed % 2 == 0)
        expectOptimalAsReference(set, "seed \(seed)", reference: ReferenceSolvers.bestPlacement)
    }

    @Test("mid-size instances: matches an independent Bellman–Ford flow solver", arguments: Array(200...225) as [UInt64])
    func independentFlow(seed: UInt64) {
        let set = Fixtures.randomCandidates(
            students: 45, programs: 9, maxCandidates: 5, maxSeats: 5, seed: seed, nearTies: seed % 2 == 0)
        let optimal = expectOptimalAsReference(set, "seed \(seed)")
        #expect(optimal.placedCount >= DeferredAcceptance.assign(set).placedCount)
    }

    /// Larger instances, where the solver's price update also runs within phases (2 to 21 times
    /// per instance, counted when this test was written), and scores at the clamp (±10 000
    /// points), where scaled costs and prices are largest. In a debug build the solver asserts
    /// ε-optimality after every update, which is what would catch a wrong update here: the next
    /// phase's saturation would otherwise repair it and the totals would still agree.
    @Test("larger and extreme instances: matches the independent flow solver", arguments: Array(300...305) as [UInt64])
    func largerAndExtreme(seed: UInt64) {
        let base = Fixtures.randomCandidates(
            students: 400, programs: 30, maxCandidates: 6, maxSeats: 14, seed: seed, nearTies: seed % 2 == 0)
        var random = SeededGenerator(seed: seed)
        let extremes = [1e300, -1e300, 9_999.999_999, -9_999.999_999, 0]
        let score = base.score.map { seed % 3 == 0 ? $0 : ($0 > 5 ? extremes[random.int(0...4)] : $0 * 1_000) }
        let set = CandidateSet(
            studentIDs: base.studentIDs, programIDs: base.programIDs, programSchoolIDs: base.programSchoolIDs,
            seats: base.seats, offsets: base.offsets, program: base.program, score: score, priority: base.priority,
            interest: base.interest, grades: base.grades, location: base.location, distanceKm: base.distanceKm)
        expectOptimalAsReference(set, "seed \(seed)")
    }

    @Test("scored counties: optimal places at least as many as stable, only among candidates")
    func scoredCounty() throws {
        let county = Fixtures.randomCounty(students: 150, programs: 20, seed: 77)
        let scorer = try MatchScorer(students: county.students, programs: county.programs, settings: MatchSettings(candidateLimit: 5))
        let set = scorer.candidates()
        let optimal = expectOptimalAsReference(set, "county 77")
        #expect(optimal.placedCount >= DeferredAcceptance.assign(set).placedCount)
    }

    @Test("score units are millionths of a point, clamped far outside the 0 to 100 range")
    func units() {
        #expect(PlacementMaximizer.scoreUnits(59.528120964028645) == 59_528_121)
        #expect(PlacementMaximizer.scoreUnits(1.25) == 1_250_000)
        #expect(PlacementMaximizer.scoreUnits(100) == 100_000_000)
        #expect(PlacementMaximizer.scoreUnits(1e300) == 10_000_000_000)
        #expect(PlacementMaximizer.scoreUnits(-1e300) == -10_000_000_000)
    }
}
