import Testing
@testable import PathwayCore

@Suite("match verify: every strategy's rule checked from the stored rows")
struct RunVerifierTests {
    private func result(_ strategy: Strategy, seed: UInt64) throws -> MatchResult {
        var county = Fixtures.randomCounty(students: 140, programs: 12, seed: seed)
        var random = SeededGenerator(seed: seed &+ 77)
        for i in county.students.indices {
            county.students[i].totalScore = random.chance(0.95) ? Double(400 + 10 * random.int(0...3)) : nil
            county.students[i].acceptsReassignment = random.chance(0.5)
        }
        for p in county.programs.indices { county.programs[p].batch = random.int(1...2) }
        let settings = try MatchSettings(candidateLimit: 4, maxCommuteKm: 60, strategy: strategy, seed: seed)
        return try Matcher(students: county.students, programs: county.programs, settings: settings).run()
    }

    @Test("sound runs of every strategy pass", arguments: Strategy.allCases, Array(1...8) as [UInt64])
    func soundRunsPass(strategy: Strategy, seed: UInt64) throws {
        let run = try result(strategy, seed: seed)
        if strategy == .optimal { #expect(run.certificate != nil) }
        let verification = RunVerifier.verify(StoredRun(run))
        #expect(verification.isSound, "\(verification.violations.prefix(3).map { $0.english })")
        #expect(verification.checks.contains("seats"))
    }

    @Test("a run without a lottery (stored before it) is checked with ties by id")
    func withoutLottery() throws {
        let county = Fixtures.randomCounty(students: 80, programs: 8, seed: 3)
        let run = try Matcher(students: county.students, programs: county.programs, settings: .standard).run()
        #expect(RunVerifier.verify(StoredRun(run)).isSound)
    }

    /// Moves one placed student to another of their candidates (or takes the seat away).
    private func tamper(_ stored: inout StoredRun, where pick: (StoredRun.Assignment) -> Bool) -> String? {
        guard let s = stored.assignments.firstIndex(where: pick) else { return nil }
        let id = stored.assignments[s].studentID
        let other = stored.candidates.first { $0.studentID == id && $0.programID != stored.assignments[s].programID }
        stored.assignments[s].programID = other?.programID
        stored.assignments[s].studentRank = other?.studentRank
        return id
    }

    @Test("tampered runs fail, naming the student or programme", arguments: [Strategy.stable, .parallel, .optimal], Array(1...6) as [UInt64])
    func tamperedRunsFail(strategy: Strategy, seed: UInt64) throws {
        let run = try result(strategy, seed: seed)
        // A student moved to another candidate.
        var moved = StoredRun(run)
        let id = try #require(tamper(&moved) { $0.programID != nil })
        let found = RunVerifier.verify(moved)
        #expect(!found.isSound)
        #expect(found.violations.contains { $0.studentID == id || $0.programID != nil })
        // A student placed where they are not eligible.
        var ineligible = StoredRun(run)
        let u = try #require(ineligible.assignments.firstIndex { $0.programID == nil } ?? ineligible.assignments.indices.first)
        let notTheirs = try #require(ineligible.programs.first { p in !ineligible.candidates.contains { $0.studentID == ineligible.assignments[u].studentID && $0.programID == p.id } })
        ineligible.assignments[u].programID = notTheirs.id
        #expect(RunVerifier.verify(ineligible).violations.contains { $0.kind == .notEligible })
        // Seats cut below the placed count.
        var cut = StoredRun(run)
        var load: [String: Int] = [:]
        for a in cut.assignments { if let p = a.programID { load[p, default: 0] += 1 } }
        let full = try #require(cut.programs.firstIndex { (load[$0.id] ?? 0) > 0 })
        cut.programs[full].seats = (load[cut.programs[full].id] ?? 1) - 1
        #expect(RunVerifier.verify(cut).violations.contains { $0.kind == .seatsExceeded && $0.programID == cut.programs[full].id })
    }

    @Test("an unplaced student given a free seat by hand, or a lottery number changed, fails")
    func otherTampering() throws {
        let run = try result(.stable, seed: 4)
        var stored = StoredRun(run)
        stored.assignments[0].lottery = (stored.assignments[0].lottery ?? 0) &+ 1
        #expect(RunVerifier.verify(stored).violations.contains { $0.kind == .lottery })
        var optimal = StoredRun(try result(.optimal, seed: 4))
        let placed = try #require(optimal.assignments.firstIndex { $0.price ?? 0 > 0 })
        optimal.assignments[placed].price = (optimal.assignments[placed].price ?? 0) - 1
        #expect(RunVerifier.verify(optimal).violations.contains { $0.kind == .certificate })
        var missing = StoredRun(try result(.optimal, seed: 4))
        missing.programs[0].price = nil
        #expect(!RunVerifier.verify(missing).isSound)
        // A run stored before certificates: one plain sentence, not one per student.
        var old = StoredRun(try result(.optimal, seed: 4))
        for i in old.assignments.indices { old.assignments[i].price = nil }
        for i in old.programs.indices { old.programs[i].price = nil }
        let verdict = RunVerifier.verify(old)
        #expect(verdict.violationCount == 1)
        #expect(verdict.violations.first?.chinese.contains("早于迁移 0017") == true)
    }

    @Test("parallel: a student who agrees is not reassigned before a later batch's wish, and a run that does so fails")
    func noReassignmentBeforeALaterWish() throws {
        // The reviewer's case: A (batch 1) and B (batch 2) one seat each; the student lists only B
        // and agrees to reassignment. 本批次调剂 leaves them for batch 2, where B admits them.
        var early = Fixtures.program("A", seats: 1)
        early.batch = 1
        var late = Fixtures.program("B", seats: 1)
        late.batch = 2
        var student = Fixtures.student("S1", wishes: [.program("B")])
        student.acceptsReassignment = true
        var loner = Fixtures.student("S2", total: 100, wishes: [])
        loner.acceptsReassignment = true
        let settings = try MatchSettings(maxCommuteKm: 100, strategy: .parallel, seed: 1)
        let run = try Matcher(students: [student, loner], programs: [early, late], settings: settings).run()
        let placed = Dictionary(uniqueKeysWithValues: (run.assignments ?? []).map { ($0.studentID, $0.programID) })
        #expect(placed["S1"] == "B")
        #expect(placed["S2"] == "A", "a student without wishes who agrees is reassigned in the first batch")
        var stored = StoredRun(run)
        #expect(RunVerifier.verify(stored).isSound)
        // Tampered: S1 moved to A, S2 to nothing.
        let s1 = try #require(stored.assignments.firstIndex { $0.studentID == "S1" })
        let s2 = try #require(stored.assignments.firstIndex { $0.studentID == "S2" })
        let a = try #require(stored.candidates.first { $0.studentID == "S1" && $0.programID == "A" })
        stored.assignments[s1].programID = "A"
        stored.assignments[s1].studentRank = a.studentRank
        stored.assignments[s2].programID = nil
        stored.assignments[s2].studentRank = nil
        #expect(RunVerifier.verify(stored).violations.contains { $0.studentID == "S1" && $0.kind == .parallelRule })
        // Placed in B by the rule, but B left empty and A given instead is caught the other way too:
        var reversed = StoredRun(run)
        reversed.assignments[s2].programID = nil
        reversed.assignments[s2].studentRank = nil
        #expect(RunVerifier.verify(reversed).violations.contains { $0.studentID == "S2" })
    }

    @Test("the price of a seat: what the certificate says one more seat brings is what re-solving gives", arguments: Array(1...10) as [UInt64])
    func seatPricesAgreeWithResolving(seed: UInt64) throws {
        let set = Fixtures.randomCandidates(students: 36, programs: 6, maxCandidates: 3, maxSeats: 4, seed: seed)
        let placements = PlacementMaximizer.assign(set)
        let certificate = try #require(OptimalityCertificate.make(set, placements))
        func value(_ set: CandidateSet, _ placements: Placements) -> (Int, Int64) {
            var units: Int64 = 0
            for s in set.studentIDs.indices {
                if let rank = placements.studentRank(ofStudent: s) {
                    units += PlacementMaximizer.scoreUnits(set.candidate(ofStudent: s, rank: rank).score)
                }
            }
            return (placements.placedCount, units)
        }
        let (placed, units) = value(set, placements)
        for p in set.programIDs.indices {
            let programs = set.programIDs.indices.map {
                ProgramCapacity(id: set.programIDs[$0], schoolID: "SC", seats: max(0, set.seats[$0]) + ($0 == p ? 1 : 0))
            }
            let more = try CandidateSet(studentIDs: set.studentIDs, programs: programs, candidates: set.all)
            let (placedMore, unitsMore) = value(more, PlacementMaximizer.assign(more))
            let gain = certificate.seatGain(program: p)
            #expect(gain.students == placedMore - placed, "programme \(p)")
            #expect(gain.units == unitsMore - units, "programme \(p)")
        }
    }
}
