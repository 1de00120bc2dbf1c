@testable import PathwayCore

/// Builders for small hand-made and random instances.
enum Fixtures {
    static func coordinate(_ latitude: Double, _ longitude: Double) -> Coordinate {
        guard let point = Coordinate(latitude: latitude, longitude: longitude) else {
            preconditionFailure("test coordinates are in range")
        }
        return point
    }

    /// A point `northKm` and `eastKm` from a county town at 27.5° N, 111.5° E.
    static func place(northKm: Double, eastKm: Double) -> Coordinate {
        coordinate(27.5 + northKm / 111.2, 111.5 + eastKm / (111.2 * 0.887010833))
    }

    static func code(_ text: String) -> HollandCode? { HollandCode(text) }

    static func student(
        _ id: String, at home: Coordinate = place(northKm: 0, eastKm: 0), total: Double? = 500,
        scores: [String: Double] = ["math": 80, "chinese": 80], holland: String? = "RIC",
        wishes: [Wish] = [], needsBoarding: Bool = false
    ) -> Student {
        Student(
            id: id, name: "Student \(id)", home: home, totalScore: total,
            scores: scores.sorted { $0.key < $1.key }.map { SubjectScore(subject: $0.key, score: $0.value) },
            hollandCode: holland.flatMap { HollandCode($0) }, wishes: wishes, needsBoarding: needsBoarding)
    }

    static func program(
        _ id: String, school: String = "SC1", category: String = "71", holland: String? = "RIC",
        seats: Int = 10, minimum: Double? = nil, keySubjects: [SubjectWeight] = [],
        boarding: Bool = false, at location: Coordinate = place(northKm: 0, eastKm: 0)
    ) -> Program {
        Program(
            id: id, schoolID: school, name: "Programme \(id)", category: category,
            hollandCode: holland.flatMap { HollandCode($0) }, seats: seats, minTotalScore: minimum,
            keySubjects: keySubjects, boarding: boarding, location: location)
    }

    /// A random county: programmes within about 40 km, students around them, with missing data,
    /// minimum scores, boarding needs and zero-seat programmes mixed in.
    static func randomCounty(
        students studentCount: Int, programs programCount: Int, seed: UInt64
    ) -> (students: [Student], programs: [Program]) {
        var random = SeededGenerator(seed: seed)
        let categories = ["61", "66", "71", "72", "73", "75"]
        let subjects = ["chinese", "math", "english", "physics", "biology"]
        let codes = ["RIC", "IRC", "SEA", "AES", "CES", "RI", "S", "ERC"]
        var programs: [Program] = []
        for p in 0..<programCount {
            var keys: [SubjectWeight] = []
            if random.chance(0.7) {
                for subject in subjects where random.chance(0.35) {
                    keys.append(SubjectWeight(subject: subject, weight: Double(random.int(1...3))))
                }
            }
            programs.append(program(
                "P\(100 + p)", school: "SC\(p % 4)", category: categories[random.int(0...(categories.count - 1))],
                holland: random.chance(0.85) ? codes[random.int(0...(codes.count - 1))] : nil,
                seats: random.chance(0.08) ? 0 : random.int(1...6),
                minimum: random.chance(0.25) ? Double(random.int(300...520)) : nil, keySubjects: keys,
                boarding: random.chance(0.5),
                at: place(northKm: random.double(-20...20), eastKm: random.double(-20...20))))
        }
        var students: [Student] = []
        for s in 0..<studentCount {
            var scores: [String: Double] = [:]
            for subject in subjects where random.chance(0.9) { scores[subject] = Double(random.int(20...100)) }
            var wishes: [Wish] = []
            if random.chance(0.85) {
                for _ in 0..<random.int(0...4) {
                    if random.chance(0.6) {
                        wishes.append(.program("P\(100 + random.int(0...(programCount - 1)))"))
                    } else {
                        wishes.append(.category(categories[random.int(0...(categories.count - 1))]))
                    }
                }
            }
            students.append(student(
                "S\(1000 + s)", at: place(northKm: random.double(-35...35), eastKm: random.double(-35...35)),
                total: random.chance(0.9) ? Double(random.int(250...600)) : nil, scores: scores,
                holland: random.chance(0.85) ? codes[random.int(0...(codes.count - 1))] : nil,
                wishes: wishes, needsBoarding: random.chance(0.2)))
        }
        return (students, programs)
    }

    /// A random candidate set built directly (no scoring), for the assignment algorithms: each
    /// student lists a few distinct programmes in random order, with random scores and priorities
    /// (priorities drawn from a few values so that ties by student id matter).
    static func randomCandidates(
        students studentCount: Int, programs programCount: Int, maxCandidates: Int, maxSeats: Int,
        seed: UInt64, nearTies: Bool = false
    ) -> CandidateSet {
        var random = SeededGenerator(seed: seed)
        let programs = (0..<programCount).map {
            ProgramCapacity(id: "P\($0)", schoolID: "SC", seats: random.int(0...maxSeats))
        }
        let priorityLevels = [0.1, 0.25, 0.5, 0.75, 0.9]
        var priority: [String: Double] = [:]
        var candidates: [Candidate] = []
        let students = (0..<studentCount).map { "S\($0)" }
        for student in students {
            var pool = Array(0..<programCount)
            pool.shuffle(using: &random)
            let count = random.int(0...min(maxCandidates, programCount))
            for (rank, p) in pool.prefix(count).enumerated() {
                let key = "\(student)|\(p)"
                let level = priority[key] ?? priorityLevels[random.int(0...(priorityLevels.count - 1))]
                priority[key] = level
                candidates.append(Candidate(
                    studentID: student, programID: "P\(p)", studentRank: rank + 1,
                    // Near ties differ by a millionth of a point: only an exact solver tells them apart.
                    score: nearTies ? 60 + Double(random.int(0...5)) * 1e-6 : Double(random.int(0...40)) / 4,
                    programPriority: level, interest: 0,
                    grades: level, location: 0, distanceKm: 0))
            }
        }
        do {
            return try CandidateSet(studentIDs: students, programs: programs, candidates: candidates)
        } catch {
            preconditionFailure("generated candidates are valid: \(error)")
        }
    }
}
