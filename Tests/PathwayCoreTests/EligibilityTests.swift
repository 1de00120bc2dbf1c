import Testing
@testable import PathwayCore

@Suite("Eligibility rules")
struct EligibilityTests {
    private func check(
        _ student: Student, _ program: Program, expect reasons: [IneligibilityReason],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let scorer = try MatchScorer(students: [student], programs: [program])
        let e = try #require(scorer.explain(studentID: student.id, programID: program.id))
        #expect(e.ineligibility == reasons, sourceLocation: sourceLocation)
        #expect(scorer.candidates().pairCount == (reasons.isEmpty ? 1 : 0), sourceLocation: sourceLocation)
    }

    @Test("a programme with no seats is never a candidate")
    func noSeats() throws {
        try check(Fixtures.student("S1"), Fixtures.program("P1", seats: 0), expect: [.noSeats])
    }

    @Test("a total below the minimum fails; equal passes; a missing total fails")
    func minimum() throws {
        try check(Fixtures.student("S1", total: 399.5), Fixtures.program("P1", minimum: 400),
                  expect: [.belowMinimumScore(totalScore: 399.5, minimum: 400)])
        try check(Fixtures.student("S1", total: 400), Fixtures.program("P1", minimum: 400), expect: [])
        try check(Fixtures.student("S1", total: nil), Fixtures.program("P1", minimum: 400),
                  expect: [.missingTotalScore(minimum: 400)])
        try check(Fixtures.student("S1", total: nil), Fixtures.program("P1"), expect: [])
    }

    @Test("a student who needs boarding is not sent to a programme without it")
    func boardingNeeded() throws {
        try check(Fixtures.student("S1", needsBoarding: true), Fixtures.program("P1", boarding: false),
                  expect: [.noBoarding])
        try check(Fixtures.student("S1", needsBoarding: true), Fixtures.program("P1", boarding: true), expect: [])
    }

    @Test("a day programme beyond the commute limit is out; with boarding it is in")
    func commute() throws {
        let far = Fixtures.place(northKm: 45, eastKm: 0)
        let scorer = try MatchScorer(students: [Fixtures.student("S1")], programs: [Fixtures.program("P1", at: far)])
        let distance = try #require(scorer.explain(studentID: "S1", programID: "P1")).location.distanceKm
        try check(Fixtures.student("S1"), Fixtures.program("P1", at: far),
                  expect: [.beyondCommute(distanceKm: distance, maxCommuteKm: 30)])
        try check(Fixtures.student("S1"), Fixtures.program("P1", boarding: true, at: far), expect: [])
        let wider = try MatchSettings(maxCommuteKm: 50)
        let relaxed = try MatchScorer(students: [Fixtures.student("S1")], programs: [Fixtures.program("P1", at: far)], settings: wider)
        #expect(relaxed.candidates().pairCount == 1)
    }

    @Test("several rules are all reported")
    func allReasons() throws {
        let far = Fixtures.place(northKm: 0, eastKm: 60)
        let scorer = try MatchScorer(
            students: [Fixtures.student("S1", total: 100, needsBoarding: true)],
            programs: [Fixtures.program("P1", seats: 0, minimum: 200, at: far)])
        let e = try #require(scorer.explain(studentID: "S1", programID: "P1"))
        #expect(e.ineligibility.count == 4)
        #expect(e.sentences(language: .english).count > 4)
        #expect(e.sentences(language: .chinese).contains { $0.contains("没有招生名额") })
    }

    @Test("random counties: candidates are exactly the best K eligible programmes, same bits as a full scan",
          arguments: [(11, 6, 25.0), (12, 3, 5.0), (13, 2, 8.0), (14, 4, 3.0), (15, 1, 12.0)] as [(UInt64, Int, Double)])
    func fastPathMatchesFullScan(seed: UInt64, limit: Int, commute: Double) throws {
        let county = Fixtures.randomCounty(students: 150, programs: 60, seed: seed)
        let settings = try MatchSettings(candidateLimit: limit, maxCommuteKm: commute)
        // Every seventh student said no to a programme (one they wished for, when they have one).
        var refusals: [String: ProgramRefusal] = [:]
        for (index, student) in county.students.enumerated() where index % 7 == 0 {
            let wished = student.wishes.compactMap { if case .program(let id) = $0 { id } else { nil } }.first
            let programID = wished ?? county.programs[index % county.programs.count].id
            refusals[student.id + "|" + programID] = ProgramRefusal(
                studentID: student.id, programID: programID, status: index % 2 == 0 ? .declined : .no_show, reason: .too_far,
                referenceNumber: "PW-\(index)")
        }
        let scorer = try MatchScorer(
            students: county.students, programs: county.programs, settings: settings, refusals: Array(refusals.values))
        let set = scorer.candidates()
        for (s, student) in scorer.students.enumerated() {
            var eligible: [Explanation] = []
            for program in scorer.programs {
                let e = try #require(scorer.explain(studentID: student.id, programID: program.id))
                let rules = EligibilityRules.reasons(
                    student: student, program: program, distanceKm: e.location.distanceKm, maxCommuteKm: commute,
                    refusal: refusals[student.id + "|" + program.id])
                #expect(rules == e.ineligibility)
                if e.isEligible { eligible.append(e) }
            }
            eligible.sort { $0.score > $1.score || ($0.score == $1.score && $0.programID.utf8.lexicographicallyPrecedes($1.programID.utf8)) }
            let expected = Array(eligible.prefix(limit))
            let actual = set.candidates(ofStudent: s)
            #expect(actual.map(\.programID) == expected.map(\.programID))
            for (candidate, e) in zip(actual, expected) {
                #expect(candidate.score.bitPattern == e.score.bitPattern)
                #expect(candidate.interest.bitPattern == e.interest.value.bitPattern)
                #expect(candidate.grades.bitPattern == e.grades.value.bitPattern)
                #expect(candidate.programPriority.bitPattern == e.grades.value.bitPattern)
                #expect(candidate.location.bitPattern == e.location.value.bitPattern)
                #expect(candidate.distanceKm.bitPattern == e.location.distanceKm.bitPattern)
            }
        }
    }
}
