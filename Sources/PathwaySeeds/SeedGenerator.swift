import PathwayCore
import PathwayImport

/// Generates a fictional rural county's schools, programmes and junior-school leavers as the
/// three CSV files `pathway import` reads, for Seeds, tests, demos and benchmarks.
///
/// Use it wherever realistic data is needed and real data must not be: every name, number and
/// place is made up (phone numbers start with 10x, which no mobile network issues; e-mail
/// domains end in `.example`). Output depends only on the parameters: the same
/// (students, programs, seed) gives byte-identical files on every machine, so a benchmark or a
/// failing test can be reproduced from three numbers.
///
/// The shape follows a county like the one in `shared/context`: one vocational school per
/// six programmes or so, seats for 95–110 % of the cohort, totals mostly between 200 and 500 of
/// 750, about 20 % needing boarding, 15 % in hardship and 30 % left behind (more in remote
/// townships), and a few notes and addresses that need CSV quoting.
public struct SeedGenerator: Sendable {
    /// Number of students (rows of `students.csv`).
    public var students: Int
    /// Number of programmes (rows of `programs.csv`).
    public var programs: Int
    /// The seed; every draw derives from it.
    public var seed: UInt64
    /// The year the students leave junior school (`graduation_year`); programmes start on
    /// 1 September of that year.
    public var cohort: Int

    /// Negative counts are treated as zero.
    public init(students: Int = 700, programs: Int = 30, seed: UInt64 = 2026, cohort: Int = 2027) {
        self.students = max(0, students)
        self.programs = max(0, programs)
        self.seed = seed
        self.cohort = cohort
    }

    /// About one school per six programmes, at least one.
    public var schoolCount: Int { max(1, (programs + 3) / 6) }

    /// The headers, in the canonical English names of `docs/data-formats.md`.
    public static let schoolHeader = [
        "school_id", "name", "county", "address", "latitude", "longitude", "contact_name",
        "contact_phone", "contact_email",
    ]
    public static let programHeader = [
        "program_id", "school_id", "name", "category", "holland_code", "seats", "min_total_score",
        "key_subjects", "boarding", "latitude", "longitude", "start_date", "description",
    ]
    public static let studentHeader = [
        "student_id", "name", "gender", "birth_date", "school", "graduation_year", "township",
        "latitude", "longitude", "total_score", "scores", "holland_code", "wishes",
        "needs_boarding", "hardship", "left_behind", "guardian_name", "guardian_phone", "notes",
    ]

    /// Exam subjects with their maximum marks; they add up to the county's 750.
    static let subjects: [(name: String, maximum: Double, verbal: Bool)] = [
        ("chinese", 120, true), ("math", 120, false), ("english", 120, true), ("physics", 90, false),
        ("chemistry", 60, false), ("politics", 60, true), ("history", 60, true),
        ("biology", 60, false), ("geography", 60, true),
    ]

    /// Generates the three files.
    public func generate() -> SeedFiles {
        // Independent streams, so that e.g. the students do not change the schools.
        var schoolRandom = SeedRandom(seed: seed ^ 0x5343_484F_4F4C_5321)
        var programRandom = SeedRandom(seed: seed ^ 0x5052_4F47_5241_4D53)
        var studentRandom = SeedRandom(seed: seed ^ 0x5354_5544_454E_5453)
        let schools = makeSchools(&schoolRandom)
        let programs = makePrograms(schools: schools.list, &programRandom)
        let students = makeStudents(programs: programs, &studentRandom)
        return SeedFiles(schools: schools.csv, programs: programs.csv, students: students)
    }

    // MARK: Schools

    struct GeneratedSchool {
        var id: String
        var township: FictionalCounty.Township
        var specialities: Set<String>
        var east: Double
        var north: Double
    }

    private func makeSchools(_ random: inout SeedRandom) -> (list: [GeneratedSchool], csv: String) {
        var builder = CSVTextBuilder(header: Self.schoolHeader)
        var list: [GeneratedSchool] = []
        let width = max(2, String(schoolCount).count)
        let fixed = FictionalCounty.vocationalSchools
        let townships = FictionalCounty.townships
        for index in 0..<schoolCount {
            let id = "S" + Self.padded(index + 1, width: width)
            let identity: FictionalCounty.VocationalSchool
            if index < fixed.count {
                identity = fixed[index]
            } else {
                // Beyond the six named schools: one more 职业中学 per township, in turn.
                let township = townships[(index - fixed.count) % townships.count].name
                identity = FictionalCounty.VocationalSchool(
                    name: "青岚县第\(index + 1)职业中学", township: township,
                    street: "学府路\(index + 1)号", specialities: [])
            }
            let township = FictionalCounty.township(named: identity.township) ?? townships[0]
            let east = township.east + random.uniform(-1.5, 1.5)
            let north = township.north + random.uniform(-1.5, 1.5)
            var address = FictionalCounty.name + township.name + identity.street
            if index % 3 == 1 { address += ", 职教园区内" }
            let contact = Self.personName(male: random.chance(0.5), &random)
            builder.append([
                id, identity.name, FictionalCounty.name, address, Self.latitude(north), Self.longitude(east),
                contact, Self.phone(&random), "zhaosheng.\(id.lowercased())@qinglan-edu.example",
            ])
            list.append(
                GeneratedSchool(
                    id: id, township: township, specialities: identity.specialities, east: east,
                    north: north))
        }
        return (list, builder.text)
    }

    // MARK: Programmes

    struct GeneratedProgram {
        var id: String
        var template: ProgramTemplate
        var school: GeneratedSchool
        var minimumScore: Double?
        var hollandLetter: Character?
    }

    private func makePrograms(
        schools: [GeneratedSchool], _ random: inout SeedRandom
    ) -> (list: [GeneratedProgram], csv: String) {
        var builder = CSVTextBuilder(header: Self.programHeader)
        let catalogue = ProgramTemplate.catalogue
        let order = Array(catalogue.prefix(12)) + random.shuffled(Array(catalogue.dropFirst(12)))
        let width = max(3, String(programs).count)
        var load = Array(repeating: 0, count: schools.count)
        var offered: [String: Set<Int>] = [:]
        var chosen: [(ProgramTemplate, Int)] = []
        for index in 0..<programs {
            let template = order[index % order.count]
            let already = offered[template.name, default: []]
            let open = schools.indices.filter { !already.contains($0) }
            let pool = open.isEmpty ? Array(schools.indices) : open
            let lightest = pool.map { load[$0] }.min() ?? 0
            let specialists = pool.filter {
                schools[$0].specialities.contains(template.category) && load[$0] <= lightest + 2
            }
            let candidates = specialists.isEmpty ? pool.filter { load[$0] == lightest } : specialists
            let school = candidates.min { load[$0] < load[$1] } ?? 0
            load[school] += 1
            offered[template.name, default: []].insert(school)
            chosen.append((template, school))
        }

        // Seats for 95–110 % of the cohort, shared by popularity.
        let weights = chosen.map { $0.0.popularity * random.uniform(0.7, 1.3) }
        let totalSeats = Int((Double(students) * random.uniform(0.95, 1.10)).rounded())
        let seats = Self.apportion(totalSeats, weights: weights, inFives: students >= 20 * max(1, programs))

        var list: [GeneratedProgram] = []
        for (index, (template, schoolIndex)) in chosen.enumerated() {
            let school = schools[schoolIndex]
            let id = "P" + Self.padded(index + 1, width: width)
            var minimum: Double?
            if let typical = template.minimumScore, random.chance(0.85) {
                minimum = typical + Double(5 * random.int(in: -2...2))
            } else if template.minimumScore == nil, random.chance(0.08) {
                minimum = Double(5 * random.int(in: 44...52))
            }
            let holland = random.chance(0.95) ? template.hollandCode : ""
            let boarding = random.chance(0.7)
            var latitude = "", longitude = ""
            if template.category == "61", random.chance(0.4) {
                // A training farm away from the main campus.
                latitude = Self.latitude(school.north + random.uniform(-8, 8))
                longitude = Self.longitude(school.east + random.uniform(-8, 8))
            }
            let start: String
            switch random.int(below: 20) {
            case 0..<17: start = "\(cohort)-09-01"
            case 17: start = "\(cohort)/9/1"
            default: start = ""
            }
            builder.append([
                id, school.id, template.name, template.category, holland, String(seats[index]),
                minimum.map(DecimalText.score) ?? "", template.keySubjects, boarding ? "true" : "false",
                latitude, longitude, start, random.chance(0.8) ? template.description : "",
            ])
            list.append(
                GeneratedProgram(
                    id: id, template: template, school: school, minimumScore: minimum,
                    hollandLetter: holland.first))
        }
        return (list, builder.text)
    }

    /// Splits `total` into parts proportional to `weights`; in multiples of five (as plans
    /// are written) when there are enough seats, with the remainder on the largest part.
    static func apportion(_ total: Int, weights: [Double], inFives: Bool) -> [Int] {
        guard !weights.isEmpty else { return [] }
        let sum = weights.reduce(0, +)
        let exact = weights.map { Double(total) * $0 / sum }
        var parts: [Int]
        if inFives {
            parts = exact.map { max(5, Int(($0 / 5).rounded()) * 5) }
        } else {
            parts = exact.map { Int($0) }
            let order = exact.indices.sorted { (exact[$0] - Double(parts[$0])) > (exact[$1] - Double(parts[$1])) }
            for index in order.prefix(total - parts.reduce(0, +)) { parts[index] += 1 }
        }
        var difference = total - parts.reduce(0, +)
        // Settle any difference on the largest parts, never below zero.
        for index in parts.indices.sorted(by: { parts[$0] > parts[$1] }) where difference != 0 {
            let change = max(difference, -parts[index])
            parts[index] += change
            difference -= change
        }
        return parts
    }

    // MARK: Students

    private func makeStudents(
        programs: (list: [GeneratedProgram], csv: String), _ random: inout SeedRandom
    ) -> String {
        var builder = CSVTextBuilder(header: Self.studentHeader)
        let townships = FictionalCounty.townships
        let townshipWeights = townships.map(\.weight)
        let categories = Array(Set(ProgramTemplate.catalogue.map(\.category))).sorted()
        let width = max(5, String(students).count)

        for index in 0..<students {
            let township = townships[random.index(weights: townshipWeights)]
            let male = random.chance(0.54)
            let gender = random.chance(0.01) ? "" : (male ? "M" : "F")
            let surname = Self.surname(&random)
            let name = surname + Self.givenName(male: male, &random)
            let school = random.element(of: township.juniorSchools) ?? township.name

            // Home: somewhere in the township's villages.
            var dx = 0.0, dy = 0.0
            repeat {
                dx = random.uniform(-1, 1)
                dy = random.uniform(-1, 1)
            } while dx * dx + dy * dy > 1
            let east = township.east + dx * township.radius
            let north = township.north + dy * township.radius
            let distance = (east * east + north * north).squareRoot()

            let (total, scores) = Self.examResult(&random)
            let holland = Self.hollandCode(male: male, &random)
            let wishes = Self.wishes(
                holland: holland, programs: programs.list, categories: categories, &random)
            let needsBoarding = random.chance(min(0.6, 0.03 + 0.0095 * distance))
            let hardship = random.chance(0.09 + 0.13 * township.remoteness)
            let leftBehind = random.chance(0.2 + 0.23 * township.remoteness)
            let (guardian, phone) = Self.guardian(surname: surname, leftBehind: leftBehind, &random)

            builder.append([
                "QL\(cohort)" + Self.padded(index + 1, width: width), name, gender,
                birthDate(&random), school, random.chance(0.96) ? String(cohort) : String(cohort - 1),
                township.name, Self.latitude(north), Self.longitude(east), total, scores, holland,
                wishes.joined(separator: ";"), needsBoarding ? "是" : "否", hardship ? "是" : "否",
                leftBehind ? "是" : "否", guardian, phone,
                Self.note(index: index, leftBehind: leftBehind, &random),
            ])
        }
        return builder.text
    }

    /// Mostly born in the school year ending with the cohort's 15th birthday; some a year
    /// older (repeaters, late starters); a few unknown.
    private func birthDate(_ random: inout SeedRandom) -> String {
        let roll = random.int(below: 100)
        if roll < 3 { return "" }
        let startYear = roll < 15 ? cohort - 17 : cohort - 16
        guard let start = CalendarDate(year: startYear, month: 9, day: 1) else { return "" }
        let date = Self.adding(days: random.int(below: 365), to: start)
        // Excel's own short form for some, as files from different offices mix them.
        return random.chance(0.1) ? "\(date.year)/\(date.month)/\(date.day)" : date.description
    }

    static func adding(days: Int, to date: CalendarDate) -> CalendarDate {
        var (year, month, day) = (date.year, date.month, date.day)
        var remaining = max(0, days)
        while true {
            let length = daysIn(month: month, year: year)
            if day + remaining <= length {
                day += remaining
                break
            }
            remaining -= length - day + 1
            day = 1
            month += 1
            if month > 12 {
                month = 1
                year += 1
            }
        }
        return CalendarDate(year: year, month: month, day: day) ?? date
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// A total out of 750 for a student not bound for academic high school (centred near 340),
    /// and subject marks that add up to it. 2 % have neither, 8 % a total only.
    static func examResult(_ random: inout SeedRandom) -> (total: String, scores: String) {
        let roll = random.int(below: 100)
        if roll < 2 { return ("", "") }
        let level = min(0.8, max(0.16, random.normal(mean: 340, deviation: 70) / 750))
        let verbalBias = random.normal(deviation: 0.05)
        var total = 0.0
        var parts: [String] = []
        for subject in subjects {
            let bias = subject.verbal ? verbalBias : -verbalBias
            let share = min(1, max(0.05, level + bias + random.normal(deviation: 0.07)))
            // Chinese and English are marked in half points.
            let step = subject.name == "chinese" || subject.name == "english" ? 2.0 : 1.0
            let mark = (subject.maximum * share * step).rounded() / step
            total += mark
            parts.append("\(subject.name):\(DecimalText.score(mark))")
        }
        return (DecimalText.score(total), roll < 10 ? "" : parts.joined(separator: ";"))
    }

    /// Three letters mostly (some two, a few one), weighted towards R, S and E as interest
    /// inventories in vocational intake report; 18 % have taken none.
    static func hollandCode(male: Bool, _ random: inout SeedRandom) -> String {
        if random.chance(0.18) { return "" }
        let letters: [Character] = ["R", "I", "A", "S", "E", "C"]
        var weights = male ? [3.0, 1.2, 1.0, 1.2, 1.4, 1.2] : [1.0, 1.0, 1.6, 2.2, 1.4, 1.6]
        let length = [1, 2, 2, 3, 3, 3, 3, 3, 3, 3][random.int(below: 10)]
        var code = ""
        for _ in 0..<length {
            let index = random.index(weights: weights)
            code.append(letters[index])
            weights[index] = 0
        }
        return code
    }

    /// 0 to 5 wishes: programmes (favouring those whose Holland code starts with the
    /// student's first letter) and, for a quarter of the entries, whole categories.
    static func wishes(
        holland: String, programs: [GeneratedProgram], categories: [String], _ random: inout SeedRandom
    ) -> [String] {
        let count = [0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4, 5, 5][random.int(below: 20)]
        let first = holland.first
        let weights = programs.map { program -> Double in
            var weight = program.template.popularity
            if let first, program.hollandLetter == first {
                weight *= 3
            } else if let first, program.template.hollandCode.contains(first) {
                weight *= 1.6
            }
            return weight
        }
        var wishes: [String] = []
        var attempts = 0
        while wishes.count < count, attempts < 50 {
            attempts += 1
            let wish: String
            if programs.isEmpty || random.chance(0.25) {
                wish = random.element(of: categories) ?? "71"
            } else {
                wish = programs[random.index(weights: weights)].id
            }
            if !wishes.contains(wish) { wishes.append(wish) }
        }
        return wishes
    }

    static func guardian(
        surname: String, leftBehind: Bool, _ random: inout SeedRandom
    ) -> (name: String, phone: String) {
        if random.chance(0.03) { return ("", "") }
        let name: String
        if leftBehind, random.chance(0.6) {
            // A grandparent looks after a child whose parents work in the cities.
            name = surname + String(random.element(of: ChineseNamePool.olderCharacters) ?? "福")
                + String(random.element(of: ChineseNamePool.olderCharacters) ?? "贵")
        } else if random.chance(0.65) {
            name = surname + givenName(male: true, &random)
        } else {
            name = Self.surname(&random) + givenName(male: false, &random)
        }
        return (name, phone(&random))
    }

    private static let notes = [
        "建档立卡户，申请助学金", "希望就近入学", "身体原因，不宜从事重体力劳动", "曾休学一年，已返校",
        "父母在外务工，由祖父母照看", "家长希望学\"汽修\"，本人想学护理", "需申请住校, 周末回家",
        "1. 需住校\n2. 申请助学金",
    ]

    /// Rare notes; three fixed rows carry the ones that need quoting (a quote, a line break, a
    /// comma), so that every data set of ten students or more exercises the CSV reader.
    static func note(index: Int, leftBehind: Bool, _ random: inout SeedRandom) -> String {
        switch index {
        case 2: return notes[5]
        case 6: return notes[7]
        case 9: return notes[6]
        default:
            guard random.chance(0.03) else { return "" }
            let pool = leftBehind ? notes : notes.filter { !$0.hasPrefix("父母在外") }
            return random.element(of: pool) ?? ""
        }
    }

    // MARK: Small pieces

    static func surname(_ random: inout SeedRandom) -> String {
        let names = ChineseNamePool.surnames
        return names[random.index(weights: names.map(\.1))].0
    }

    static func givenName(male: Bool, _ random: inout SeedRandom) -> String {
        let own = male ? ChineseNamePool.maleCharacters : ChineseNamePool.femaleCharacters
        let length = random.chance(0.2) ? 1 : 2
        var name = ""
        for _ in 0..<length {
            let pool = random.chance(0.7) ? own : ChineseNamePool.neutralCharacters
            name.append(random.element(of: pool) ?? "明")
        }
        return name
    }

    static func personName(male: Bool, _ random: inout SeedRandom) -> String {
        surname(&random) + givenName(male: male, &random)
    }

    /// `10x-xxxx-xxxx`: shaped like a Chinese mobile number, but no network issues numbers
    /// starting with 10, so a seed can never text a real family.
    static func phone(_ random: inout SeedRandom) -> String {
        "10\(random.int(below: 10))-" + padded(random.int(below: 10_000), width: 4) + "-"
            + padded(random.int(below: 10_000), width: 4)
    }

    static func latitude(_ north: Double) -> String {
        DecimalText.fixed(
            FictionalCounty.centreLatitude + north / FictionalCounty.kilometresPerDegreeLatitude, places: 6)
    }

    static func longitude(_ east: Double) -> String {
        DecimalText.fixed(
            FictionalCounty.centreLongitude + east / FictionalCounty.kilometresPerDegreeLongitude, places: 6)
    }

    static func padded(_ number: Int, width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
