import PathwayCore

/// A made-up province for benchmarks: counties on a grid about 40 km apart, each with a county
/// seat where its vocational schools are, and students living in townships around it.
///
/// Realistic in the ways that matter to the matching's cost and shape: most day programmes are
/// out of reach of most students (so the commute rule and the grid matter), a good half of the
/// programmes board (so every student has far-away eligible programmes too), seats cover about
/// 90 % of students, a share of records lack wishes, Holland codes, marks or totals, and some
/// programmes set minimum scores or have no seats this year.
struct SyntheticProvince {
    var students: [Student]
    var programs: [Program]

    /// Catalogue categories of secondary vocational programmes (2021), with a typical Holland code
    /// and two key-subject profiles each.
    private static let categories: [(code: String, holland: String, profiles: [[SubjectWeight]])] = [
        ("61", "RIS", [[.init(subject: "biology", weight: 2), .init(subject: "math", weight: 1)], [.init(subject: "biology", weight: 1)]]),
        ("62", "RIC", [[.init(subject: "chemistry", weight: 1), .init(subject: "geography", weight: 1)], [.init(subject: "math", weight: 1)]]),
        ("63", "RIE", [[.init(subject: "physics", weight: 2), .init(subject: "math", weight: 1)], [.init(subject: "physics", weight: 1)]]),
        ("64", "RCI", [[.init(subject: "math", weight: 2), .init(subject: "physics", weight: 1)], [.init(subject: "math", weight: 1)]]),
        ("66", "RIC", [[.init(subject: "math", weight: 2), .init(subject: "physics", weight: 1)], [.init(subject: "physics", weight: 2), .init(subject: "math", weight: 1)]]),
        ("67", "IRC", [[.init(subject: "chemistry", weight: 2), .init(subject: "biology", weight: 1)], [.init(subject: "chemistry", weight: 1)]]),
        ("69", "RCS", [[.init(subject: "chemistry", weight: 1), .init(subject: "biology", weight: 1)], [.init(subject: "biology", weight: 1)]]),
        ("70", "RCE", [[.init(subject: "math", weight: 1), .init(subject: "physics", weight: 1)], [.init(subject: "geography", weight: 1)]]),
        ("71", "IRC", [[.init(subject: "math", weight: 2), .init(subject: "english", weight: 1)], [.init(subject: "math", weight: 1), .init(subject: "physics", weight: 1)]]),
        ("72", "SIR", [[.init(subject: "biology", weight: 2), .init(subject: "chemistry", weight: 1)], [.init(subject: "biology", weight: 1), .init(subject: "chinese", weight: 1)]]),
        ("73", "CES", [[.init(subject: "math", weight: 1), .init(subject: "chinese", weight: 1)], [.init(subject: "math", weight: 1)]]),
        ("74", "SEA", [[.init(subject: "english", weight: 2), .init(subject: "chinese", weight: 1)], [.init(subject: "english", weight: 1)]]),
        ("75", "AES", [[.init(subject: "chinese", weight: 1)], [.init(subject: "chinese", weight: 2), .init(subject: "history", weight: 1)]]),
        ("77", "SAE", [[.init(subject: "chinese", weight: 1), .init(subject: "pe", weight: 1)], [.init(subject: "pe", weight: 1)]]),
        ("79", "SEC", [[.init(subject: "politics", weight: 1), .init(subject: "chinese", weight: 1)], [.init(subject: "politics", weight: 1)]]),
    ]

    private static let subjects: [(name: String, maximum: Double)] = [
        ("chinese", 120), ("math", 120), ("english", 120), ("physics", 70), ("chemistry", 50),
        ("biology", 50), ("politics", 50), ("history", 50), ("geography", 50), ("pe", 50),
    ]

    init(students studentCount: Int, programs programCount: Int, seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let kmPerDegreeLatitude = 111.2
        let centreLatitude = 27.5
        let centreLongitude = 111.5
        let kmPerDegreeLongitude = kmPerDegreeLatitude * BenchmarkMath.cos(centreLatitude * Double.pi / 180)
        func coordinate(_ northKm: Double, _ eastKm: Double) -> Coordinate {
            let latitude = min(89, max(-89, centreLatitude + northKm / kmPerDegreeLatitude))
            let longitude = min(179, max(-179, centreLongitude + eastKm / kmPerDegreeLongitude))
            guard let point = Coordinate(latitude: latitude, longitude: longitude) else {
                preconditionFailure("clamped coordinates are always in range")
            }
            return point
        }

        let countyCount = max(1, programCount / 20)
        let side = Int(Double(countyCount).squareRoot().rounded(.up))
        var seats: [(north: Double, east: Double)] = []
        var countyWeight: [Double] = []
        for c in 0..<countyCount {
            let north = (Double(c / side) - Double(side - 1) / 2) * 40 + random.normal() * 6
            let east = (Double(c % side) - Double(side - 1) / 2) * 40 + random.normal() * 6
            seats.append((north, east))
            countyWeight.append(0.6 + random.unit() * 0.8)
        }
        let weightSum = countyWeight.reduce(0, +)

        // Programmes: spread over the counties' schools.
        var programs: [Program] = []
        var programsOfCounty = [[Int]](repeating: [], count: countyCount)
        for p in 0..<programCount {
            let county = p % countyCount
            let schoolNumber = county * 8 + random.int(in: 0...3)
            let category = SyntheticProvince.categories[random.int(in: 0...(SyntheticProvince.categories.count - 1))]
            let angle = random.unit() * 2 * Double.pi
            let radius = random.unit() * 6
            let location = coordinate(
                seats[county].north + radius * BenchmarkMath.sin(angle), seats[county].east + radius * BenchmarkMath.cos(angle))
            var holland: HollandCode?
            if !random.chance(0.08) {
                var letters = Array(category.holland)
                if random.chance(0.25) { letters.swapAt(1, 2) }
                if random.chance(0.15) { letters.swapAt(0, 1) }
                holland = HollandCode(String(letters))
            }
            var keySubjects: [SubjectWeight] = []
            let draw = random.unit()
            if draw < 0.45 {
                keySubjects = category.profiles[0]
            } else if draw < 0.8 {
                keySubjects = category.profiles[1]
            }
            let expected = Double(studentCount) * countyWeight[county] / weightSum * 0.9
                / Double(max(1, (programCount + countyCount - 1 - county) / countyCount))
            let seatCount = random.chance(0.03) ? 0 : max(3, Int((expected * (0.5 + random.unit())).rounded()))
            programs.append(Program(
                id: "P" + SyntheticProvince.pad(p, 5), schoolID: "SC" + SyntheticProvince.pad(schoolNumber, 4),
                name: "Programme \(p) (\(category.code))", category: category.code, hollandCode: holland,
                seats: seatCount, minTotalScore: random.chance(0.3) ? Double(random.int(in: 250...420)) : nil,
                keySubjects: keySubjects, boarding: random.chance(0.55), location: location))
            programsOfCounty[county].append(p)
        }

        // Students: around their county seat, abilities correlated across subjects.
        var students: [Student] = []
        students.reserveCapacity(studentCount)
        var cumulative: [Double] = []
        var running = 0.0
        for weight in countyWeight {
            running += weight / weightSum
            cumulative.append(running)
        }
        let letters = Array("RIASEC")
        for s in 0..<studentCount {
            let draw = random.unit()
            let county = cumulative.firstIndex { draw < $0 } ?? (countyCount - 1)
            let angle = random.unit() * 2 * Double.pi
            let radius = min(35, abs(random.normal()) * 12)
            let home = coordinate(
                seats[county].north + radius * BenchmarkMath.sin(angle), seats[county].east + radius * BenchmarkMath.cos(angle))
            let ability = random.normal()
            var scores: [SubjectScore] = []
            var total = 0.0
            for subject in SyntheticProvince.subjects {
                let share = min(1, max(0.05, 0.55 + 0.15 * ability + 0.1 * random.normal()))
                let mark = (share * subject.maximum).rounded()
                total += mark
                if !random.chance(0.03) { scores.append(SubjectScore(subject: subject.name, score: mark)) }
            }
            var holland: HollandCode?
            if !random.chance(0.12) {
                var pool = letters
                var code = ""
                for _ in 0..<3 { code.append(pool.remove(at: random.int(in: 0...(pool.count - 1)))) }
                holland = HollandCode(code)
            }
            var wishes: [Wish] = []
            if !random.chance(0.1) {
                let local = programsOfCounty[county]
                for _ in 0..<random.int(in: 1...6) {
                    if random.chance(0.6), !local.isEmpty {
                        let id = programs[local[random.int(in: 0...(local.count - 1))]].id
                        if !wishes.contains(.program(id)) { wishes.append(.program(id)) }
                    } else {
                        let code = SyntheticProvince.categories[random.int(in: 0...(SyntheticProvince.categories.count - 1))].code
                        if !wishes.contains(.category(code)) { wishes.append(.category(code)) }
                    }
                }
            }
            students.append(Student(
                id: "S" + SyntheticProvince.pad(s, 7), name: "Student \(s)",
                home: home, totalScore: random.chance(0.03) ? nil : total, scores: scores,
                hollandCode: holland, wishes: wishes, needsBoarding: random.chance(0.15)))
        }
        self.students = students
        self.programs = programs
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
