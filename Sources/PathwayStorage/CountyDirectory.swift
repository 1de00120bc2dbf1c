import Foundation
import PathwayCore
import PostgresClient

/// Reads the county's schools, programmes and students back as model values, for listing them
/// and for everything that works on them (matching, letters).
///
/// Orders are by id in byte order (`COLLATE "C"`), the same order the core sorts by, so a
/// listing, an export and a match read the same rows in the same sequence on any server locale.
public struct CountyDirectory {
    public let connection: PostgresConnection
    public let region: Region

    public init(connection: PostgresConnection, region: Region) {
        self.connection = connection
        self.region = region
    }

    /// Which students to read; nil fields do not filter.
    public struct StudentFilter: Sendable, Hashable {
        /// The junior school, as written in the file.
        public var juniorSchool: String?
        public var township: String?
        /// The cohort (graduation year).
        public var cohort: Int?
        /// Only these students, when given.
        public var ids: [String]?
        /// Only the students this person follows: the person named for them, else the assignee
        /// of their referral changed last (as the ledger says who follows a student).
        public var responsible: String?

        public init(
            juniorSchool: String? = nil, township: String? = nil, cohort: Int? = nil, ids: [String]? = nil,
            responsible: String? = nil
        ) {
            self.juniorSchool = juniorSchool
            self.township = township
            self.cohort = cohort
            self.ids = ids
            self.responsible = responsible
        }
    }

    /// Every school, or only those of `ids`.
    public func schools(ids: [String]? = nil) throws -> [School] {
        let result = try connection.query(
            """
            SELECT school_id, name, county, address, latitude, longitude, contact_name, contact_phone, contact_email
            FROM schools WHERE ($1::text[] IS NULL OR school_id = ANY($1::text[]))
            ORDER BY school_id COLLATE "C"
            """, [ids.map(Self.arrayParameter)])
        return try result.rows.map { row in
            School(
                id: try row.decode("school_id"), name: try row.decode("name"), county: try row.decode("county"),
                address: try row.decode("address"),
                location: try Self.coordinate(row, "latitude", "longitude"),
                contactName: try row.decode("contact_name"), contactPhone: try row.decode("contact_phone"),
                contactEmail: try row.decode("contact_email"))
        }
    }

    /// Programmes, of one school when `schoolID` is given, only those of `ids` and of
    /// `categories` when given.
    public func programs(schoolID: String? = nil, ids: [String]? = nil, categories: [String]? = nil) throws -> [Program] {
        let result = try connection.query(
            """
            SELECT program_id, school_id, name, category, holland_code, seats, min_total_score,
                   key_subjects::text AS key_subjects, boarding, latitude, longitude,
                   start_date::text AS start_date, description, registration_date::text AS registration_date,
                   registration_place, registration_items, batch
            FROM programs WHERE ($1::text IS NULL OR school_id = $1) AND ($2::text[] IS NULL OR program_id = ANY($2::text[]))
              AND ($3::text[] IS NULL OR category = ANY($3::text[]))
            ORDER BY program_id COLLATE "C"
            """, [schoolID, ids.map(Self.arrayParameter), categories.map(Self.arrayParameter)])
        return try result.rows.map { row in
            Program(
                id: try row.decode("program_id"), schoolID: try row.decode("school_id"), name: try row.decode("name"),
                category: try row.decode("category"),
                hollandCode: try row.decode("holland_code", as: String?.self).flatMap { HollandCode($0) },
                seats: try row.decode("seats"), minTotalScore: try row.decode("min_total_score"),
                keySubjects: try Self.numbers(row, "key_subjects").map { SubjectWeight(subject: $0.0, weight: $0.1) },
                boarding: try row.decode("boarding"), location: try Self.coordinate(row, "latitude", "longitude"),
                startDate: try row.decode("start_date", as: String?.self).flatMap { CalendarDate(parsing: $0) },
                description: try row.decode("description"),
                registration: Program.Registration(
                    date: try row.decode("registration_date", as: String?.self).flatMap { CalendarDate(parsing: $0) },
                    place: try row.decode("registration_place"), items: try row.decode("registration_items")),
                batch: try row.decode("batch"))
        }
    }

    public func students(_ filter: StudentFilter = StudentFilter()) throws -> [Student] {
        try students(filter, search: nil, limit: nil)
    }

    /// The first `limit` students that pass `filter` and whose name contains `search` (or whose
    /// id or 学籍号 is it), in id order, and how many pass: a page of a county's list.
    public func studentPage(_ filter: StudentFilter, search: String?, limit: Int) throws -> (students: [Student], total: Int) {
        let rows = try students(filter, search: search, limit: limit)
        let total = try connection.query(
            "SELECT count(*)::int FROM students WHERE region = $1 AND \(Self.studentCondition)",
            [region] + Self.studentParameters(filter, search: search))
        return (rows, try total.decode(Int.self, row: 0, column: 0))
    }

    private static let studentCondition = """
        ($2::text IS NULL OR junior_school = $2)
          AND ($3::text IS NULL OR township = $3)
          AND ($4::integer IS NULL OR graduation_year = $4)
          AND ($5::text[] IS NULL OR student_id = ANY($5::text[]))
          AND ($6::text IS NULL OR coalesce(responsible, (
                SELECT r.assignee FROM referrals r WHERE r.region = students.region AND r.student_id = students.student_id
                ORDER BY r.updated_at DESC, r.referral_id DESC LIMIT 1)) = $6)
          AND ($7::text IS NULL OR strpos(name, $7) > 0 OR student_id = $7 OR status_number = $7)
        """

    private static func studentParameters(_ filter: StudentFilter, search: String?) -> [(any PostgresEncodable)?] {
        [filter.juniorSchool, filter.township, filter.cohort, filter.ids.map(Self.arrayParameter), filter.responsible, search]
    }

    private func students(_ filter: StudentFilter, search: String?, limit: Int?) throws -> [Student] {
        let parameters = Self.studentParameters(filter, search: search)
        let result = try connection.query(
            """
            SELECT student_id, name, gender, birth_date::text AS birth_date, junior_school, graduation_year,
                   township, latitude, longitude, total_score,
                   (SELECT coalesce(json_object_agg(u.subject, u.score), '{}')
                    FROM unnest(score_subjects, score_values) AS u(subject, score))::text AS scores, holland_code,
                   array_to_json(wishes)::text AS wishes, needs_boarding, hardship, left_behind,
                   guardian_name, guardian_phone, notes, status_number, village, home_placement, responsible,
                   accepts_reassignment
            FROM students
            WHERE region = $1 AND \(Self.studentCondition)
            ORDER BY student_id COLLATE "C"
            \(limit == nil ? "" : "LIMIT $\(parameters.count + 2)")
            """,
            [region] + parameters + (limit.map { [$0] } ?? []))
        return try result.rows.map(Self.student)
    }

    /// How many regions the database holds schools or students of (a county's installation: one).
    public func regionCount() throws -> Int {
        try connection.query("SELECT count(*)::int FROM (SELECT region FROM schools UNION SELECT region FROM students) r")
            .decode(Int.self, row: 0, column: 0)
    }

    /// The ids of the schools the region imported (their tokens and clerks work in it).
    public func schoolIDsOfRegion() throws -> Set<String> {
        Set(try connection.query("SELECT school_id FROM schools WHERE region = $1", [region]).rows.map { try $0.decode("school_id") })
    }

    /// How many students the region holds, in all and per cohort (graduation year; nil for
    /// those with none recorded): the console's overview.
    public func studentCounts() throws -> [Int?: Int] {
        let result = try connection.query(
            "SELECT graduation_year, count(*)::int AS n FROM students WHERE region = $1 GROUP BY graduation_year", [region])
        var counts: [Int?: Int] = [:]
        for row in result.rows { counts[try row.decode("graduation_year", as: Int?.self), default: 0] += try row.decode("n") }
        return counts
    }

    /// The region's measured routes, for a match run.
    public func travel() throws -> TravelTable {
        let result = try connection.query(
            """
            SELECT township, village, school_id, program_id, km, minutes FROM travel_routes
            WHERE region = $1 ORDER BY route_key COLLATE "C"
            """, [region])
        return TravelTable(
            try result.rows.compactMap { row in
                let destination: TravelTable.Destination
                if let program = try row.decode("program_id", as: String?.self) {
                    destination = .program(program)
                } else if let school = try row.decode("school_id", as: String?.self) {
                    destination = .school(school)
                } else {
                    return nil
                }
                return TravelTable.Route(
                    township: try row.decode("township"), village: try row.decode("village"), destination: destination,
                    km: try row.decode("km"), minutes: try row.decode("minutes"))
            })
    }

    /// Every programme a student of the region declined or did not turn up for, which no run
    /// offers them again; with `before`, only refusals recorded before that moment (those a
    /// stored run saw).
    public func refusals(before: Date? = nil) throws -> [ProgramRefusal] {
        let result = try connection.query(
            """
            SELECT r.student_id, r.program_id, e.to_status, e.reason, r.reference_number
            FROM referral_events e
            JOIN referrals r ON r.region = e.region AND r.referral_id = e.referral_id
            WHERE e.region = $1 AND e.to_status IN (\(ReferralStore.refusingStatusesSQL))
              AND ($2::timestamptz IS NULL OR e.created_at < $2)
            ORDER BY e.event_id
            """, [region, before])
        return try result.rows.map { row in
            ProgramRefusal(
                studentID: try row.decode("student_id"), programID: try row.decode("program_id"),
                status: try ReferralStore.status(row, "to_status"),
                reason: try row.decode("reason", as: String?.self).flatMap(OutcomeReason.init(rawValue:)),
                referenceNumber: try row.decode("reference_number"))
        }
    }

    /// One student, or nil when the id is unknown.
    public func student(id: String) throws -> Student? {
        try students(StudentFilter(ids: [id])).first
    }

    // MARK: Decoding

    private static func student(_ row: QueryResult.Row) throws -> Student {
        Student(
            id: try row.decode("student_id"), name: try row.decode("name"),
            gender: try row.decode("gender", as: String?.self).flatMap(Gender.init(rawValue:)),
            birthDate: try row.decode("birth_date", as: String?.self).flatMap { CalendarDate(parsing: $0) },
            juniorSchool: try row.decode("junior_school"), graduationYear: try row.decode("graduation_year"),
            township: try row.decode("township"), village: try row.decode("village"),
            home: try row.decode("latitude", as: Double?.self) == nil ? nil : try coordinate(row, "latitude", "longitude"),
            homePlacement: Student.HomePlacement(rawValue: try row.decode("home_placement")) ?? .coordinates,
            statusNumber: try row.decode("status_number"),
            totalScore: try row.decode("total_score"),
            scores: try numbers(row, "scores").map { SubjectScore(subject: $0.0, score: $0.1) },
            hollandCode: try row.decode("holland_code", as: String?.self).flatMap { HollandCode($0) },
            wishes: try strings(row, "wishes").map(Wish.init(storedText:)),
            needsBoarding: try row.decode("needs_boarding"), hardship: try row.decode("hardship"),
            leftBehind: try row.decode("left_behind"), guardianName: try row.decode("guardian_name"),
            guardianPhone: try row.decode("guardian_phone"), notes: try row.decode("notes"),
            responsible: try row.decode("responsible"), acceptsReassignment: try row.decode("accepts_reassignment"))
    }

    private static func coordinate(_ row: QueryResult.Row, _ latitude: String, _ longitude: String) throws -> Coordinate {
        let lat = try row.decode(latitude, as: Double.self)
        let lon = try row.decode(longitude, as: Double.self)
        guard let coordinate = Coordinate(latitude: lat, longitude: lon) else {
            throw PostgresError(kind: .decoding, message: "(\(lat), \(lon)) is not a coordinate")
        }
        return coordinate
    }

    /// A jsonb object of numbers (`{"math": 78}`), in subject order.
    private static func numbers(_ row: QueryResult.Row, _ column: String) throws -> [(String, Double)] {
        let text = try row.decode(column, as: String.self)
        let members = try JSONTextScanner.numberObject(text)
            ?? JSONDecoder().decode([String: Double].self, from: Data(text.utf8)).map { ($0.key, $0.value) }
        return members.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
    }

    private static func strings(_ row: QueryResult.Row, _ column: String) throws -> [String] {
        let text = try row.decode(column, as: String.self)
        return try JSONTextScanner.stringArray(text) ?? JSONDecoder().decode([String].self, from: Data(text.utf8))
    }

    /// A text[] parameter in PostgreSQL's array literal form, each element quoted.
    static func arrayParameter(_ elements: [String]) -> String {
        arrayParameter(elements.map(Optional.some))
    }

    /// The same, with nil as an SQL NULL element.
    static func arrayParameter(_ elements: [String?]) -> String {
        var text = "{"
        for (index, element) in elements.enumerated() {
            if index > 0 { text += "," }
            guard let element else {
                text += "NULL"
                continue
            }
            text += "\""
            for character in element.unicodeScalars {
                if character == "\"" || character == "\\" { text += "\\" }
                text.unicodeScalars.append(character)
            }
            text += "\""
        }
        return text + "}"
    }
}
