import PathwayCore

/// The figures the report shows for one run, computed once so that the page, its tests and any
/// other reader agree on every number.
public struct MatchReportFigures: Sendable, Hashable {
    /// Seats and filled seats of one programme or one school.
    public struct Fill: Sendable, Hashable {
        public var id: String
        public var name: String
        /// The school a programme belongs to; a school's own id for a school.
        public var schoolID: String
        public var seats: Int
        public var filled: Int

        /// Filled / seats, 0...1 (above 1 only if a run overfilled); nil without seats.
        public var fillRate: Double? { seats > 0 ? Double(filled) / Double(seats) : nil }
    }

    public var studentCount: Int
    public var placedCount: Int
    /// Students placed in their first wish (the programme or its category).
    public var firstWishCount: Int
    /// Students placed in any of their wishes.
    public var anyWishCount: Int
    public var seats: Int
    public var filledSeats: Int
    /// Mean distance from home of placed students, in km.
    public var meanDistanceKm: Double?
    /// Mean total score (0-100) of placements.
    public var meanScore: Double?
    /// Programmes by school, then by id, as the run lists them.
    public var programs: [Fill]
    /// Schools in the run's order, each with the sum of its programmes.
    public var schools: [Fill]
    /// The whole cohort first, then left-behind, hardship, each gender, each township (largest first).
    public var equity: [EquityGroup]
    /// Distances of placed students, for the distribution.
    public var distancesKm: [Double]
    /// Scores of placements, for the distribution.
    public var scores: [Double]

    public var unplacedCount: Int { studentCount - placedCount }
    /// Placed / students, 0...1; nil for a run without students.
    public var placementRate: Double? { studentCount > 0 ? Double(placedCount) / Double(studentCount) : nil }
    /// Filled / seats, 0...1; nil when there are no seats.
    public var fillRate: Double? { seats > 0 ? Double(filledSeats) / Double(seats) : nil }

    public init(_ run: MatchReportRun) {
        let students = run.students
        studentCount = students.count
        let placed = students.filter(\.isPlaced)
        placedCount = placed.count
        firstWishCount = placed.filter { $0.wishPosition == 1 }.count
        anyWishCount = placed.filter { $0.wishPosition != nil }.count
        distancesKm = placed.compactMap(\.distanceKm)
        scores = placed.compactMap(\.score)
        meanDistanceKm = Self.mean(distancesKm)
        meanScore = Self.mean(scores)

        programs = run.programs.map {
            Fill(id: $0.id, name: $0.name, schoolID: $0.schoolID, seats: $0.seats, filled: $0.filled)
        }
        seats = programs.reduce(0) { $0 + $1.seats }
        filledSeats = programs.reduce(0) { $0 + $1.filled }

        var schoolList = run.schools.map { (id: $0.id, name: $0.name) }
        for program in run.programs where !schoolList.contains(where: { $0.id == program.schoolID }) {
            schoolList.append((program.schoolID, program.schoolName))
        }
        schools = schoolList.map { school in
            let own = run.programs.filter { $0.schoolID == school.id }
            return Fill(
                id: school.id, name: school.name, schoolID: school.id,
                seats: own.reduce(0) { $0 + $1.seats }, filled: own.reduce(0) { $0 + $1.filled })
        }

        func group(_ kind: EquityGroup.Kind, _ members: [MatchReportRun.Student]) -> EquityGroup {
            let placed = members.filter(\.isPlaced)
            return EquityGroup(
                kind: kind, students: members.count, placed: placed.count,
                meanDistanceKm: Self.mean(placed.compactMap(\.distanceKm)))
        }
        var groups = [
            group(.cohort, students),
            group(.leftBehind, students.filter(\.leftBehind)),
            group(.hardship, students.filter(\.hardship)),
        ]
        let genders: [Gender?] = [.female, .male, nil]
        for gender in genders {
            let members = students.filter { $0.gender == gender }
            if gender != nil || !members.isEmpty { groups.append(group(.gender(gender), members)) }
        }
        let townships = Dictionary(grouping: students, by: \.township)
        let ordered = townships.sorted { a, b in
            if a.value.count != b.value.count { return a.value.count > b.value.count }
            // Not recorded goes last among equals; names in byte order, the same on every machine.
            switch (a.key, b.key) {
            case (nil, _): return false
            case (_, nil): return true
            case (let x?, let y?): return x.utf8.lexicographicallyPrecedes(y.utf8)
            }
        }
        for (township, members) in ordered { groups.append(group(.township(township), members)) }
        equity = groups
    }

    static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }
}
