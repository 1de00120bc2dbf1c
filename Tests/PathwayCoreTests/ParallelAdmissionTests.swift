import Foundation
import Testing
@testable import PathwayCore

@Suite("Parallel wishes (平行志愿) and the lottery")
struct ParallelAdmissionTests {
    // MARK: - The lottery

    @Test("a lottery number depends only on the seed and the id, is below 2⁶³, and seeds differ")
    func lotteryNumbers() {
        let lottery = Lottery(seed: 20_260_701)
        let ids = (0..<2000).map { "S\($0)" }
        let numbers = lottery.numbers(forStudents: ids)
        #expect(numbers == ids.map(lottery.number(forStudent:)))
        #expect(numbers.allSatisfy { $0 < 1 << 63 })
        #expect(Set(numbers).count == ids.count)
        #expect(Lottery(seed: 20_260_701).number(forStudent: "S1") == numbers[1])
        #expect(Lottery(seed: 20_260_702).numbers(forStudents: ids) != numbers)
        // Fixed on every machine: a county may publish the seed and let anybody redraw. These
        // values were computed by a Python transcription of SplitMix64 over FNV-1a.
        #expect(Lottery(seed: 0).number(forStudent: "") == 288_704_904_915_092_569)
        #expect(Lottery(seed: 20_260_701).number(forStudent: "QL202700001") == 5_361_099_638_984_346_921)
        #expect(Lottery.drawSeed() < 1_000_000_000)
    }

    @Test("stable: equal priorities go to the lower lottery number, and another seed can turn them")
    func stableTiesByLottery() throws {
        let ids = (0..<12).map { "S\($0)" }
        let candidates = ids.map {
            Candidate(studentID: $0, programID: "X", studentRank: 1, score: 50, programPriority: 0.5, interest: 0, grades: 0.5, location: 0, distanceKm: 0)
        }
        let set = try CandidateSet(studentIDs: ids, programs: [ProgramCapacity(id: "X", schoolID: "S", seats: 1)], candidates: candidates)
        var winners = Set<String>()
        for seed in 1...8 as ClosedRange<UInt64> {
            let numbers = Lottery(seed: seed).numbers(forStudents: set.studentIDs)
            let placements = DeferredAcceptance.assign(set, lottery: numbers)
            let lowest = numbers.indices.min { numbers[$0] < numbers[$1] }
            #expect(placements.studentRank(ofStudent: try #require(lowest)) == 1)
            #expect(placements.placedCount == 1)
            winners.insert(set.studentIDs[try #require(lowest)])
        }
        #expect(winners.count > 1, "eight seeds all chose the same student")
    }

    @Test("optimal: the lottery picks among equal optima and never changes the optimum", arguments: Array(1...12) as [UInt64])
    func optimalTiesByLottery(seed: UInt64) throws {
        let ids = (0..<6).map { "S\($0)" }
        let candidates = ids.map {
            Candidate(studentID: $0, programID: "X", studentRank: 1, score: 50, programPriority: 0.5, interest: 0, grades: 0.5, location: 0, distanceKm: 0)
        }
        let one = try CandidateSet(studentIDs: ids, programs: [ProgramCapacity(id: "X", schoolID: "S", seats: 1)], candidates: candidates)
        let numbers = Lottery(seed: seed).numbers(forStudents: one.studentIDs)
        let lowest = try #require(numbers.indices.min { numbers[$0] < numbers[$1] })
        #expect(PlacementMaximizer.assign(one, lottery: numbers).studentRanks.compactMap { $0 }.count == 1)
        #expect(PlacementMaximizer.assign(one, lottery: numbers).studentRank(ofStudent: lowest) == 1)

        let set = Fixtures.randomCandidates(students: 40, programs: 7, maxCandidates: 4, maxSeats: 4, seed: seed)
        func total(_ placements: Placements) -> Int64 {
            set.studentIDs.indices.reduce(0) { sum, s in
                sum + (placements.studentRank(ofStudent: s).map { PlacementMaximizer.scoreUnits(set.candidate(ofStudent: s, rank: $0).score) } ?? 0)
            }
        }
        let plain = PlacementMaximizer.assign(set)
        let drawn = PlacementMaximizer.assign(set, lottery: Lottery(seed: seed).numbers(forStudents: set.studentIDs))
        #expect(drawn.placedCount == plain.placedCount)
        #expect(total(drawn) == total(plain))
        var load = [Int](repeating: 0, count: set.programIDs.count)
        for s in set.studentIDs.indices {
            if let rank = drawn.studentRank(ofStudent: s) { load[set.programIndex(ofStudent: s, rank: rank)] += 1 }
        }
        #expect(load.indices.allSatisfy { load[$0] <= max(0, set.seats[$0]) })
    }

    @Test("settings keep the seed and the tie-break chain through JSON; a run stored without them reads as before")
    func settingsCoding() throws {
        let settings = try MatchSettings(strategy: .parallel, seed: 42, tieBreakSubjects: ["english", "math"])
        let decoded = try JSONDecoder().decode(MatchSettings.self, from: JSONEncoder().encode(settings))
        #expect(decoded == settings)
        let old = #"{"weights":{"interest":0.5,"grades":0.3,"location":0.2},"candidateLimit":20,"maxCommuteKm":30,"strategy":"stable"}"#
        let read = try JSONDecoder().decode(MatchSettings.self, from: Data(old.utf8))
        #expect(read.seed == nil)
        #expect(read.tieBreakSubjects == MatchSettings.standardTieBreakSubjects)
        #expect(throws: MatchSettingsError.invalidSeed(Lottery.maximumSeed + 1)) {
            try MatchSettings(seed: Lottery.maximumSeed + 1)
        }
        #expect(throws: MatchSettingsError.repeatedTieBreakSubject("math")) {
            try MatchSettings(tieBreakSubjects: ["math", "math"])
        }
        #expect(throws: MatchSettingsError.invalidTieBreakSubject("")) { try MatchSettings(tieBreakSubjects: [""]) }
    }

    // MARK: - The rule, by hand

    private func run(_ students: [Student], _ programs: [Program], seed: UInt64 = 7, subjects: [String] = ["math", "chinese", "english"]) throws -> (MatchResult, MatchScorer) {
        let settings = try MatchSettings(maxCommuteKm: 100, strategy: .parallel, seed: seed, tieBreakSubjects: subjects)
        let matcher = try Matcher(students: students, programs: programs, settings: settings)
        return (matcher.run(), matcher.scorer)
    }

    private func placed(_ result: MatchResult) -> [String: String] {
        var placed: [String: String] = [:]
        for a in result.assignments ?? [] { if let p = a.programID { placed[a.studentID] = p } }
        return placed
    }

    @Test("score first, wishes in order: the higher total takes the seat both listed first; the other gets the second wish")
    func scoreFirst() throws {
        let students = [
            Fixtures.student("A", total: 480, wishes: [.program("X"), .program("Y")]),
            Fixtures.student("B", total: 520, wishes: [.program("X"), .program("Y")]),
        ]
        let (result, scorer) = try run(students, [Fixtures.program("X", seats: 1), Fixtures.program("Y", seats: 1)])
        #expect(placed(result) == ["A": "Y", "B": "X"])
        let explained = try #require(scorer.explain(studentID: "A", in: result))
        let trace = try #require(explained.parallel)
        #expect(trace.position == 2)
        #expect(trace.steps.map(\.outcome) == [.full, .placed])
        #expect(trace.steps.first?.lastAdmittedPosition == 1)
        let zh = explained.sentences(language: .chinese).joined(separator: "\n")
        #expect(zh.contains("在2名学生中第2个录取"))
        #expect(zh.contains("1个名额在轮到该生前已满，最后一名经志愿录取的学生排第1位"))
        #expect(explained.sentences(language: .english).joined().contains("a seat was left at the student's turn"))
    }

    @Test("equal totals go by the subjects in the chain's order, then the lottery")
    func tieBreakChain() throws {
        let students = [
            Fixtures.student("A", total: 500, scores: ["math": 90, "chinese": 70], wishes: [.program("X")]),
            Fixtures.student("B", total: 500, scores: ["math": 80, "chinese": 95], wishes: [.program("X")]),
        ]
        let programs = [Fixtures.program("X", seats: 1)]
        #expect(placed(try run(students, programs).0) == ["A": "X"])
        #expect(placed(try run(students, programs, subjects: ["chinese", "math"]).0) == ["B": "X"])
        // Equal on every subject: the lottery decides, and the seed changes who wins for some seed.
        let twins = ["A", "B", "C", "D"].map { Fixtures.student($0, total: 500, wishes: [.program("X")]) }
        var winners = Set<String>()
        for seed in 1...10 as ClosedRange<UInt64> {
            let (result, _) = try run(twins, programs, seed: seed)
            let winner = try #require(placed(result).keys.first)
            let lottery = Lottery(seed: seed)
            #expect(twins.map(\.id).allSatisfy { lottery.number(forStudent: winner) <= lottery.number(forStudent: $0) })
            winners.insert(winner)
        }
        #expect(winners.count > 1)
    }

    @Test("batch 1 fills before batch 2 is looked at; reassignment takes a remaining candidate seat of the batch")
    func batchesAndReassignment() throws {
        var low = Fixtures.student("L", total: 300, wishes: [.program("Late"), .program("Early")])
        low.acceptsReassignment = true
        var mid = Fixtures.student("M", total: 400, wishes: [.program("Early")])
        mid.acceptsReassignment = false
        let high = Fixtures.student("H", total: 500, wishes: [.program("Late"), .program("Early")])
        var early = Fixtures.program("Early", seats: 1)
        early.batch = 1
        var spare = Fixtures.program("Spare", seats: 1)
        spare.batch = 1
        var late = Fixtures.program("Late", seats: 5)
        late.batch = 2
        let (result, scorer) = try run([low, mid, high], [early, spare, late])
        // H lists Late first, but batch 1 comes first: H takes Early; M finds Early full and does
        // not agree to reassignment; L finds Early full and is reassigned to Spare in batch 1.
        #expect(placed(result) == ["H": "Early", "L": "Spare"])
        // H's trace looks at batch 1 first and never reaches Late (batch 2): not "full".
        let h = try #require(scorer.explain(studentID: "H", in: result))
        #expect(h.parallel?.steps.map(\.programID) == ["Early"])
        #expect(h.parallel?.steps.map(\.outcome) == [.placed])
        let l = try #require(scorer.explain(studentID: "L", in: result))
        #expect(l.parallel?.reassigned == true)
        #expect(l.sentences(language: .chinese).contains { $0.contains("服从调剂，调剂到") })
        let m = try #require(scorer.explain(studentID: "M", in: result))
        #expect(m.sentences(language: .chinese).contains { $0.contains("没有选择服从调剂") })
    }

    // MARK: - Against an independent implementation

    /// The rule written out again from the students, programmes and the run's candidate rows,
    /// sharing nothing with `ParallelAdmission` but the lottery's definition.
    private func reference(
        students: [Student], programs: [Program], candidates: [Candidate], settings: MatchSettings
    ) -> [String: String] {
        var eligible: [String: [(program: String, rank: Int)]] = [:]
        for c in candidates { eligible[c.studentID, default: []].append((c.programID, c.studentRank)) }
        let programByID = Dictionary(uniqueKeysWithValues: programs.map { ($0.id, $0) })
        let lottery = settings.lottery
        func key(_ s: Student) -> [Double] {
            [s.totalScore ?? -.infinity] + settings.tieBreakSubjects.map { s.score(in: $0) ?? -.infinity }
        }
        let order = students.sorted { a, b in
            let ka = key(a), kb = key(b)
            if ka != kb { return ka.lexicographicallyPrecedes(kb, by: >) }
            let la = lottery?.number(forStudent: a.id) ?? 0, lb = lottery?.number(forStudent: b.id) ?? 0
            if la != lb { return la < lb }
            return a.id.utf8.lexicographicallyPrecedes(b.id.utf8)
        }
        func wishList(_ student: Student) -> [String] {
            let mine = (eligible[student.id] ?? []).sorted { $0.rank < $1.rank }
            var list: [String] = []
            for wish in student.wishes {
                let matching: [String]
                switch wish {
                case .program(let id): matching = mine.filter { $0.program == id }.map(\.program)
                case .category(let c): matching = mine.filter { programByID[$0.program]?.category == c }.map(\.program)
                }
                for id in matching where !list.contains(id) { list.append(id) }
            }
            return list
        }
        var left = Dictionary(uniqueKeysWithValues: programs.map { ($0.id, max(0, $0.seats)) })
        var placed: [String: String] = [:]
        for batch in Set(programs.map(\.batch)).sorted() {
            for student in order where placed[student.id] == nil {
                let list = wishList(student)
                if let take = list.first(where: { programByID[$0]?.batch == batch && (left[$0] ?? 0) > 0 }) {
                    left[take, default: 0] -= 1
                    placed[student.id] = take
                }
            }
            for student in order where placed[student.id] == nil && student.acceptsReassignment {
                // 本批次调剂: a wish in this batch, or none in a later one.
                let wishBatches = Set(wishList(student).compactMap { programByID[$0]?.batch })
                guard wishBatches.contains(batch) || !wishBatches.contains(where: { $0 > batch }) else { continue }
                let mine = (eligible[student.id] ?? []).sorted { $0.rank < $1.rank }.map(\.program)
                if let take = mine.first(where: { programByID[$0]?.batch == batch && (left[$0] ?? 0) > 0 }) {
                    left[take, default: 0] -= 1
                    placed[student.id] = take
                }
            }
        }
        return placed
    }

    @Test("generated counties (ties, batches, reassignment): equal to the rule written out independently",
          arguments: Array(1...30) as [UInt64])
    func equalsReference(seed: UInt64) throws {
        var county = Fixtures.randomCounty(students: 160, programs: 14, seed: seed)
        var random = SeededGenerator(seed: seed &* 31)
        // Few distinct totals and marks, so that the chain and the lottery are both reached.
        for i in county.students.indices {
            county.students[i].totalScore = random.chance(0.95) ? Double(400 + 10 * random.int(0...3)) : nil
            county.students[i].scores = ["math", "chinese", "english"].compactMap { subject in
                random.chance(0.9) ? SubjectScore(subject: subject, score: Double(70 + 10 * random.int(0...2))) : nil
            }
            county.students[i].acceptsReassignment = random.chance(0.5)
        }
        for p in county.programs.indices { county.programs[p].batch = random.int(1...3) }
        let settings = try MatchSettings(
            candidateLimit: random.int(2...6), maxCommuteKm: 60, strategy: .parallel,
            seed: seed, tieBreakSubjects: random.chance(0.5) ? ["math", "chinese", "english"] : ["english"])
        let matcher = try Matcher(students: county.students, programs: county.programs, settings: settings)
        let result = matcher.run()
        let expected = reference(students: county.students, programs: county.programs, candidates: result.candidates, settings: settings)
        #expect(placed(result) == expected)
        #expect(!expected.isEmpty)
        // Every program within its seats.
        var load: [String: Int] = [:]
        for p in placed(result).values { load[p, default: 0] += 1 }
        for program in county.programs { #expect((load[program.id] ?? 0) <= max(0, program.seats)) }
    }

    @Test("the same seed on the same data gives the same run; a run without a seed ties by id as before")
    func reproducible() throws {
        let county = Fixtures.randomCounty(students: 120, programs: 10, seed: 5)
        for strategy in [Strategy.parallel, .stable] {
            let settings = try MatchSettings(strategy: strategy, seed: 99)
            let a = try Matcher(students: county.students, programs: county.programs, settings: settings).run()
            let b = try Matcher(students: county.students.reversed(), programs: county.programs.reversed(), settings: settings).run()
            #expect(a == b)
        }
        let noSeed = try Matcher(students: county.students, programs: county.programs, settings: .standard).run()
        let set = noSeed.candidateSet
        #expect(noSeed.placements == DeferredAcceptance.assign(set))
    }
}
