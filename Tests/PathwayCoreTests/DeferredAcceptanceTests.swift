import Testing
@testable import PathwayCore

@Suite("Stable strategy (deferred acceptance)")
struct DeferredAcceptanceTests {
    private func positions(_ placements: Placements) -> [Int] {
        placements.studentRanks.map { ($0 ?? 0) - 1 }
    }

    @Test("a textbook case: the better-priority student keeps the single seat")
    func textbook() throws {
        let set = try CandidateSet(
            studentIDs: ["A", "B"], programs: [ProgramCapacity(id: "X", schoolID: "S", seats: 1), ProgramCapacity(id: "Y", schoolID: "S", seats: 1)],
            candidates: [
                Candidate(studentID: "A", programID: "X", studentRank: 1, score: 80, programPriority: 0.4, interest: 0, grades: 0.4, location: 0, distanceKm: 0),
                Candidate(studentID: "A", programID: "Y", studentRank: 2, score: 70, programPriority: 0.4, interest: 0, grades: 0.4, location: 0, distanceKm: 0),
                Candidate(studentID: "B", programID: "X", studentRank: 1, score: 90, programPriority: 0.9, interest: 0, grades: 0.9, location: 0, distanceKm: 0),
            ])
        let placements = DeferredAcceptance.assign(set)
        #expect(placements.studentRanks == [2, 1])
    }

    @Test("equal priorities go to the earlier student id")
    func tieByID() throws {
        let candidates = ["B2", "A1"].map {
            Candidate(studentID: $0, programID: "X", studentRank: 1, score: 50, programPriority: 0.5, interest: 0, grades: 0.5, location: 0, distanceKm: 0)
        }
        let set = try CandidateSet(studentIDs: ["B2", "A1"], programs: [ProgramCapacity(id: "X", schoolID: "S", seats: 1)], candidates: candidates)
        let placements = DeferredAcceptance.assign(set)
        #expect(set.studentIDs == ["A1", "B2"])
        #expect(placements.studentRanks == [1, nil])
    }

    @Test("random instances: seats respected, only candidates, no blocking pair", arguments: Array(1...40) as [UInt64])
    func properties(seed: UInt64) {
        let set = Fixtures.randomCandidates(students: 30, programs: 6, maxCandidates: 4, maxSeats: 5, seed: seed)
        let placement = positions(DeferredAcceptance.assign(set))
        var load = [Int](repeating: 0, count: set.programIDs.count)
        for (s, position) in placement.enumerated() where position >= 0 {
            #expect(position < set.candidateCount(ofStudent: s))
            load[set.programIndex(ofStudent: s, rank: position + 1)] += 1
        }
        for p in load.indices { #expect(load[p] <= max(0, set.seats[p])) }
        let blocking = ReferenceSolvers.blockingPair(set, placement)
        #expect(blocking == nil, "blocking pair \(String(describing: blocking)) for seed \(seed)")
    }

    @Test("tiny instances: the result is stable and every student does at least as well as in any stable assignment",
          arguments: Array(100...160) as [UInt64])
    func studentOptimal(seed: UInt64) {
        let set = Fixtures.randomCandidates(students: 6, programs: 3, maxCandidates: 3, maxSeats: 2, seed: seed)
        let da = positions(DeferredAcceptance.assign(set))
        #expect(ReferenceSolvers.blockingPair(set, da) == nil)
        func rank(_ position: Int, _ s: Int) -> Int { position >= 0 ? position : set.candidateCount(ofStudent: s) }
        var stableCount = 0
        for assignment in ReferenceSolvers.allAssignments(set) where ReferenceSolvers.blockingPair(set, assignment) == nil {
            stableCount += 1
            for s in assignment.indices {
                #expect(rank(da[s], s) <= rank(assignment[s], s), "seed \(seed): student \(s) does better elsewhere")
            }
        }
        #expect(stableCount >= 1)
    }

    @Test("a nonsense seat count costs no memory and changes nothing")
    func hugeSeats() throws {
        let set = try CandidateSet(
            studentIDs: ["A"], programs: [ProgramCapacity(id: "X", schoolID: "S", seats: Int(Int32.max))],
            candidates: [Candidate(studentID: "A", programID: "X", studentRank: 1, score: 1, programPriority: 1, interest: 0, grades: 1, location: 0, distanceKm: 0)])
        #expect(DeferredAcceptance.assign(set).studentRanks == [1])
        #expect(PlacementMaximizer.assign(set).studentRanks == [1])
    }
}
