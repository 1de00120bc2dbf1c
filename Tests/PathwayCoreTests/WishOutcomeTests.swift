import PathwayCore
import Testing

/// A placement judged against the wishes with what the run knew.
@Suite("Wish outcomes")
struct WishOutcomeTests {
    let home = Coordinate(latitude: 27.5, longitude: 107)!
    let near = Coordinate(latitude: 27.51, longitude: 107)!
    let far = Coordinate(latitude: 28.2, longitude: 107)!

    func program(_ id: String, category: String = "71", seats: Int = 10, minimum: Double? = nil, boarding: Bool = true,
                 at place: Coordinate? = nil) -> Program {
        Program(id: id, schoolID: "S1", name: "专业\(id)", category: category, seats: seats, minTotalScore: minimum,
                boarding: boarding, location: place ?? near)
    }

    func judge(_ student: Student, placed: Program, _ programs: [Program], placed counts: [String: Int] = [:],
               candidates: Set<String> = [], refused: Set<String> = []) -> WishOutcome {
        let refusals = Dictionary(uniqueKeysWithValues: refused.map {
            ($0, ProgramRefusal(studentID: student.id, programID: $0, status: .declined, reason: .too_far, referenceNumber: "R1"))
        })
        return WishOutcome.judge(
            student: student, placed: placed, programs: Dictionary(uniqueKeysWithValues: programs.map { ($0.id, $0) }),
            placedCount: counts, candidates: candidates, refusals: refusals, maxCommuteKm: 30,
            distanceKm: { GreatCircle.distanceKm(from: student.home ?? self.home, to: $0.location) })
    }

    @Test func aWishMetNoWishesAndEveryReasonAWishWasNot() {
        let placed = program("P9", category: "73")
        let wished = Student(id: "S", name: "甲", home: home, totalScore: 250, wishes: [.program("P9")])
        #expect(judge(wished, placed: placed, []) == .wish(WishMatch(kind: .program, position: 1)))
        #expect(judge(Student(id: "S", name: "甲", home: home), placed: placed, []) == .noWishes)

        let programs = [
            program("P1", minimum: 300), program("P2", seats: 5), program("P3", seats: 5),
            program("P4", boarding: false, at: far), program("P5"), program("P6", seats: 0),
        ]
        let student = Student(
            id: "S", name: "甲", home: home, totalScore: 250,
            wishes: [.program("P1"), .program("P2"), .program("P3"), .program("P4"), .program("P5"), .program("P6"), .program("P404")])
        let outcome = judge(student, placed: placed, programs, placed: ["P2": 5, "P3": 2], candidates: ["P2", "P3"], refused: ["P5"])
        guard case .outsideWishes(let unmet) = outcome else {
            Issue.record("\(outcome)")
            return
        }
        #expect(unmet.map(\.position) == [1, 2, 3, 4, 5, 6, 7])
        #expect(unmet.map(\.reasons) == [
            [.belowMinimum(minimum: 300)], [.seatsFull], [.otherFitsBetter], [.tooFarWithoutBoarding], [.refusedEarlier],
            [.notOffered], [.notOffered],
        ])
        #expect(unmet[0].target == .program(id: "P1", name: "专业P1"))
        #expect(unmet[6].target == .program(id: "P404", name: nil))
    }

    @Test func aCategoryWishGathersItsProgrammesReasonsAtTheLowestMinimum() {
        let placed = program("P9", category: "73")
        let programs = [program("A", category: "72", minimum: 320), program("B", category: "72", minimum: 280),
                        program("C", category: "72", seats: 3)]
        let student = Student(id: "S", name: "甲", home: home, totalScore: 250, wishes: [.category("72"), .category("61")])
        let outcome = judge(student, placed: placed, programs, placed: ["C": 3], candidates: ["C"])
        #expect(outcome == .outsideWishes([
            UnmetWish(position: 1, target: .category(code: "72", CatalogueCategory(code: "72")),
                      reasons: [.belowMinimum(minimum: 280), .seatsFull]),
            UnmetWish(position: 2, target: .category(code: "61", CatalogueCategory(code: "61")), reasons: [.notOffered]),
        ]))
    }
}
