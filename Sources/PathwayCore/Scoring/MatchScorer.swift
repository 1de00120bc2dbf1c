/// Scores every eligible student–programme pair of a run and keeps each student's best K.
///
/// Built once per run: construction sorts students and programmes by id, computes the cohort's
/// percentile tables (one per key-subject profile) and indexes campuses; `candidates()` then
/// scores. Keep the scorer to explain the same run later: explanations reuse the same tables and
/// the same arithmetic, so the figures a family reads are the exported ones to the last bit.
///
/// Scoring 100 000 students against 2 000 programmes is 200 million pairs, so the hot loop avoids
/// most of the work. Programmes are visited in rings of growing distance around the home
/// (`CampusGrid`); each pair's interest and grades come from small per-student tables, and its
/// score is first bounded with the best location the ring allows. Only when that bound could
/// still make the student's top K is the distance (the costly part) computed, and the walk stops
/// when no programme further out could. Every shortcut is exact: the kept candidates and their
/// scores are those a full scan would give.
public struct MatchScorer: Sendable {
    /// The run's settings.
    public let settings: MatchSettings
    /// Students in id order (UTF-8 bytes); indices in results refer to this order.
    public let students: [Student]
    /// Programmes in id order (UTF-8 bytes); indices in results refer to this order.
    public let programs: [Program]

    let studentIndexByID: [String: Int]
    let programIndexByID: [String: Int]
    let grades: CohortGrades
    let studentPoints: [GreatCircle.Point]
    let programPoints: [GreatCircle.Point]
    /// NaN where missing or not finite.
    let studentTotals: [Double]
    /// NaN where the programme sets no minimum.
    let programMinimums: [Double]
    let programSeats: [Int]
    let programBoarding: [Bool]
    let programCategory: [Int32]
    /// Index into `distinctCodes`, or -1 when the programme has no Holland code.
    let programCode: [Int32]
    let distinctCodes: [HollandCode]
    /// Congruence rows per distinct student code (at most 156), shared by all students with it.
    let congruenceRows: [[Double]]
    /// Per student, index into `congruenceRows`, or -1 without a code.
    let studentCodeRow: [Int32]
    let studentHasWishes: [Bool]
    /// `wishOffsets[s] ..< wishOffsets[s + 1]`: student `s`'s wishes that name something in the run.
    let wishOffsets: [Int]
    /// Programme index the wish names, or -1 for a category wish.
    let wishProgram: [Int32]
    /// Category index the wish names, or -1 for a programme wish.
    let wishCategory: [Int32]
    let wishValue: [Double]
    let campuses: CampusGrid
    /// What the ring walk needs of each programme, in the grid's order, so that it reads memory
    /// sequentially.
    let campusEntries: [CampusEntry]
    let categoryCount: Int
    /// Per student, whether they need boarding (read in the hot loop, kept apart from `Student`).
    let studentNeedsBoarding: [Bool]
    /// Per student, whether the home is known; those without one are matched without location.
    let studentHasHome: [Bool]
    /// The county's measured routes, for explanations.
    public let travel: TravelTable
    /// Per student, the row of `roadKm` for their place, or -1 when no route starts there.
    let studentRoads: [Int32]
    /// Per place with routes, the road distance to each programme by index; NaN where no route
    /// reaches it.
    let roadKm: [[Double]]
    /// Per student index, the programmes (by index) they refused, with the refusal: never offered.
    let refusals: [Int: [Int32: ProgramRefusal]]

    /// Prepares a run. Throws when two students or two programmes share an id.
    ///
    /// - Parameters:
    ///   - travel: road distances that replace the straight line where known.
    ///   - refusals: programmes students declined or did not turn up for; refusals of students or
    ///     programmes not in the run are ignored.
    public init(
        students: [Student], programs: [Program], settings: MatchSettings = .standard, travel: TravelTable = .none,
        refusals: [ProgramRefusal] = []
    ) throws(MatchInputError) {
        self.settings = settings
        self.travel = travel
        let students = students.sorted { IdentifierOrder.precedes($0.id, $1.id) }
        let programs = programs.sorted { IdentifierOrder.precedes($0.id, $1.id) }
        var studentIndex: [String: Int] = [:]
        for (index, student) in students.enumerated() {
            guard studentIndex.updateValue(index, forKey: student.id) == nil else {
                throw .duplicateStudentID(student.id)
            }
        }
        var programIndex: [String: Int] = [:]
        for (index, program) in programs.enumerated() {
            guard programIndex.updateValue(index, forKey: program.id) == nil else {
                throw .duplicateProgramID(program.id)
            }
        }
        self.students = students
        self.programs = programs
        studentIndexByID = studentIndex
        programIndexByID = programIndex
        var refused: [Int: [Int32: ProgramRefusal]] = [:]
        for refusal in refusals {
            guard let s = studentIndex[refusal.studentID], let p = programIndex[refusal.programID] else { continue }
            refused[s, default: [:]][Int32(p)] = refusal
        }
        self.refusals = refused
        grades = CohortGrades(students: students, programs: programs)
        // A student without a home gets any point; `distanceKm` answers NaN for them.
        studentPoints = students.map { GreatCircle.Point($0.home ?? Coordinate.origin) }
        studentHasHome = students.map { $0.home != nil }
        programPoints = programs.map { GreatCircle.Point($0.location) }
        studentTotals = students.map { $0.totalScore.finiteValue ?? .nan }
        programMinimums = programs.map { $0.minTotalScore.finiteValue ?? .nan }
        programSeats = programs.map(\.seats)
        programBoarding = programs.map(\.boarding)

        var categoryIndex: [String: Int32] = [:]
        for category in Set(programs.map(\.category)).sorted(by: IdentifierOrder.precedes) {
            categoryIndex[category] = Int32(categoryIndex.count)
        }
        programCategory = programs.map { categoryIndex[$0.category] ?? -1 }

        var codes: [HollandCode] = []
        var codeIndex: [HollandCode: Int32] = [:]
        programCode = programs.map { program in
            guard let code = program.hollandCode else { return -1 }
            if let known = codeIndex[code] { return known }
            codeIndex[code] = Int32(codes.count)
            codes.append(code)
            return Int32(codes.count - 1)
        }
        distinctCodes = codes
        var rowIndex: [HollandCode: Int32] = [:]
        var rows: [[Double]] = []
        var studentRow = [Int32](repeating: -1, count: students.count)
        for (s, student) in students.enumerated() {
            guard let code = student.hollandCode else { continue }
            if let known = rowIndex[code] {
                studentRow[s] = known
                continue
            }
            rowIndex[code] = Int32(rows.count)
            studentRow[s] = Int32(rows.count)
            rows.append(codes.map { HollandCongruence.normalized(student: code, program: $0) })
        }
        congruenceRows = rows
        studentCodeRow = studentRow

        var offsets = [0]
        var wishProgram: [Int32] = []
        var wishCategory: [Int32] = []
        var wishValue: [Double] = []
        for student in students {
            for (offset, wish) in student.wishes.enumerated() {
                switch wish {
                case .program(let id):
                    guard let p = programIndex[id] else { continue }
                    wishProgram.append(Int32(p))
                    wishCategory.append(-1)
                    wishValue.append(InterestComponent.wishValue(kind: .program, position: offset + 1))
                case .category(let code):
                    guard let c = categoryIndex[code] else { continue }
                    wishProgram.append(-1)
                    wishCategory.append(c)
                    wishValue.append(InterestComponent.wishValue(kind: .category, position: offset + 1))
                }
            }
            offsets.append(wishProgram.count)
        }
        studentHasWishes = students.map { !$0.wishes.isEmpty }
        wishOffsets = offsets
        self.wishProgram = wishProgram
        self.wishCategory = wishCategory
        self.wishValue = wishValue

        categoryCount = categoryIndex.count
        studentNeedsBoarding = students.map(\.needsBoarding)
        (studentRoads, roadKm) = Self.roads(students: students, programs: programs, travel: travel)
        let open = programs.indices.filter { programs[$0].seats > 0 }
        campuses = CampusGrid(
            indices: open.map { Int32($0) }, locations: open.map { programs[$0].location },
            homes: students.compactMap(\.home), cellKm: min(settings.maxCommuteKm, 20))
        let codeCount = distinctCodes.count
        let profileCount = grades.profiles.count
        var entries: [CampusEntry] = []
        entries.reserveCapacity(campuses.programs.count)
        for index in campuses.programs {
            let p = Int(index)
            let code = programCode[p]
            let profile = grades.programProfile[p]
            entries.append(CampusEntry(
                program: index, category: programCategory[p],
                congruenceSlot: code >= 0 ? code : Int32(codeCount),
                gradesSlot: profile >= 0 ? profile : Int32(profileCount),
                minimum: programMinimums[p], boarding: programs[p].boarding))
        }
        campusEntries = entries
    }

    // MARK: - Components shared by scoring and explanation

    /// Holland congruence of student `s` with each distinct programme code, or nil when the
    /// student has no code (every programme then gets the neutral value).
    func congruenceRow(student s: Int) -> [Double]? {
        let row = Int(studentCodeRow[s])
        return row >= 0 ? congruenceRows[row] : nil
    }

    @inline(__always)
    func wishPart(student s: Int, program p: Int) -> Double {
        guard studentHasWishes[s] else { return InterestComponent.neutralWish }
        var best = 0.0
        let category = programCategory[p]
        for k in wishOffsets[s]..<wishOffsets[s + 1]
        where Int(wishProgram[k]) == p || wishCategory[k] == category {
            best = max(best, wishValue[k])
        }
        return best
    }

    @inline(__always)
    func congruencePart(program p: Int, row: [Double]?) -> Double {
        let code = Int(programCode[p])
        guard let row, code >= 0 else { return HollandCongruence.neutral }
        return row[code]
    }

    @inline(__always)
    func interest(student s: Int, program p: Int, row: [Double]?) -> Double {
        InterestComponent.combine(wish: wishPart(student: s, program: p), congruence: congruencePart(program: p, row: row))
    }

    /// The distance scoring uses: the road's where the county measured one (never less than the
    /// straight line), else the great-circle distance.
    @inline(__always)
    func distanceKm(student s: Int, program p: Int) -> Double {
        guard studentHasHome[s] else { return .nan }
        let straight = GreatCircle.distanceKm(from: studentPoints[s], to: programPoints[p])
        let row = studentRoads[s]
        guard row >= 0 else { return straight }
        let road = roadKm[Int(row)][p]
        return road.isNaN ? straight : max(road, straight)
    }

    /// Each student's row of road distances, shared by the students of one place: one entry per
    /// programme, NaN where no route reaches it. Only the routes that start at the place are
    /// visited; a place none starts from gets no row.
    private static func roads(
        students: [Student], programs: [Program], travel: TravelTable
    ) -> (studentRows: [Int32], rows: [[Double]]) {
        var studentRows = [Int32](repeating: -1, count: students.count)
        guard !travel.isEmpty else { return (studentRows, []) }
        var programIndex: [String: Int] = [:]
        var programsOfSchool: [String: [Int]] = [:]
        for (p, program) in programs.enumerated() {
            programIndex[program.id] = p
            programsOfSchool[program.schoolID, default: []].append(p)
        }
        struct Place: Hashable {
            var township: String
            var village: String?
        }
        var rows: [[Double]] = []
        var rowOfPlace: [Place: Int32] = [:]
        for (s, student) in students.enumerated() {
            guard let township = student.township else { continue }
            let place = Place(township: township, village: student.village)
            if let known = rowOfPlace[place] {
                studentRows[s] = known
                continue
            }
            let routes = travel.routesLeastSpecificFirst(township: township, village: student.village)
            var index: Int32 = -1
            if !routes.isEmpty {
                var row = [Double](repeating: .nan, count: programs.count)
                for route in routes {
                    // A more specific route without a distance hides a less specific one, as in `route`.
                    let km = route.effectiveKm ?? .nan
                    switch route.destination {
                    case .school(let id): for p in programsOfSchool[id] ?? [] { row[p] = km }
                    case .program(let id): if let p = programIndex[id] { row[p] = km }
                    }
                }
                index = Int32(rows.count)
                rows.append(row)
            }
            rowOfPlace[place] = index
            studentRows[s] = index
        }
        return (studentRows, rows)
    }

    // MARK: - Candidates

    /// Every student's eligible programmes, best first, cut at K: the candidate lists of the run.
    ///
    /// Students are scored in parallel in fixed chunks whose results are joined in student order,
    /// so the output does not depend on scheduling.
    public func candidates() -> CandidateSet {
        let chunkSize = 256
        let chunkCount = (students.count + chunkSize - 1) / chunkSize
        let chunks: [ChunkCandidates] = ParallelLoop.map(chunkCount) { chunk in
            scoreChunk(students: (chunk * chunkSize)..<min(students.count, (chunk + 1) * chunkSize))
        }
        var offsets = [0]
        offsets.reserveCapacity(students.count + 1)
        let total = chunks.reduce(0) { $0 + $1.program.count }
        var program: [Int32] = []
        var score: [Double] = [], interest: [Double] = [], grades: [Double] = []
        var location: [Double] = [], distance: [Double] = []
        program.reserveCapacity(total)
        score.reserveCapacity(total)
        interest.reserveCapacity(total)
        grades.reserveCapacity(total)
        location.reserveCapacity(total)
        distance.reserveCapacity(total)
        for chunk in chunks {
            for count in chunk.counts { offsets.append(offsets[offsets.count - 1] + Int(count)) }
            program.append(contentsOf: chunk.program)
            score.append(contentsOf: chunk.score)
            interest.append(contentsOf: chunk.interest)
            grades.append(contentsOf: chunk.grades)
            location.append(contentsOf: chunk.location)
            distance.append(contentsOf: chunk.distance)
        }
        return CandidateSet(
            studentIDs: students.map(\.id), programIDs: programs.map(\.id),
            programSchoolIDs: programs.map(\.schoolID), seats: programSeats, offsets: offsets,
            program: program, score: score, priority: grades, interest: interest, grades: grades,
            location: location, distanceKm: distance, batches: programs.map(\.batch))
    }

    private struct ChunkCandidates {
        var counts: [Int32] = []
        var program: [Int32] = []
        var score: [Double] = []
        var interest: [Double] = []
        var grades: [Double] = []
        var location: [Double] = []
        var distance: [Double] = []
    }

    /// Tables that make a pair's interest and grades a few look-ups, filled once per student.
    private struct StudentTables {
        /// Wish part for a programme of each category that the student did not name itself.
        var categoryWish: [Double]
        /// Congruence with each distinct programme code; the last slot is the neutral value.
        var congruence: [Double]
        /// Grades component for each key-subject profile; the last slot is the overall standing.
        var grades: [Double]
        var bestCategoryWish = 0.0
        var bestCongruence = 0.0
        var bestGrades = 0.0
    }

    private func fillTables(_ tables: inout StudentTables, student s: Int, row: [Double]?) {
        let wishless = !studentHasWishes[s]
        for c in 0..<categoryCount { tables.categoryWish[c] = wishless ? InterestComponent.neutralWish : 0 }
        for k in wishOffsets[s]..<wishOffsets[s + 1] where wishCategory[k] >= 0 {
            let c = Int(wishCategory[k])
            tables.categoryWish[c] = max(tables.categoryWish[c], wishValue[k])
        }
        tables.bestCategoryWish = tables.categoryWish.max() ?? 0
        for c in 0..<distinctCodes.count { tables.congruence[c] = row?[c] ?? HollandCongruence.neutral }
        tables.congruence[distinctCodes.count] = HollandCongruence.neutral
        tables.bestCongruence = tables.congruence.max() ?? HollandCongruence.neutral
        let profileCount = grades.profiles.count
        for k in 0..<profileCount {
            tables.grades[k] = MidRankPercentile.percentile(
                doubledRank: grades.profileRanks[s * profileCount + k], count: students.count)
        }
        tables.grades[profileCount] = grades.overall[s]
        tables.bestGrades = tables.grades.max() ?? 0
    }

    private func scoreChunk(students range: Range<Int>) -> ChunkCandidates {
        var result = ChunkCandidates()
        var top = TopCandidates(limit: min(settings.candidateLimit, max(1, programs.count)))
        var visited = [Int32](repeating: -1, count: programs.count)
        var tables = StudentTables(
            categoryWish: [Double](repeating: 0, count: categoryCount),
            congruence: [Double](repeating: 0, count: distinctCodes.count + 1),
            grades: [Double](repeating: 0, count: grades.profiles.count + 1))
        let weights = settings.weights
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(256)
        for s in range {
            top.removeAll()
            let row = congruenceRow(student: s)
            let stamp = Int32(truncatingIfNeeded: s)
            // A refused programme counts as visited: neither walk below offers it.
            if let refused = refusals[s] {
                for p in refused.keys { visited[Int(p)] = stamp }
            }
            // Programmes the student named: their wish part needs the full look-up, and they tend
            // to score high, which raises the bar early. The kept set does not depend on order.
            for k in wishOffsets[s]..<wishOffsets[s + 1] where wishProgram[k] >= 0 {
                consider(Int(wishProgram[k]), student: s, row: row, stamp: stamp, visited: &visited, top: &top)
            }
            fillTables(&tables, student: s, row: row)
            // Everything else has no programme wish, so its wish part is the category's.
            let bestInterest = InterestComponent.combine(wish: tables.bestCategoryWish, congruence: tables.bestCongruence)
            let needsBoarding = studentNeedsBoarding[s]
            let total = studentTotals[s]
            guard let home = students[s].home else {
                // No home: every programme, at the location of an unknown home, no commute rule.
                for p in programs.indices {
                    consider(p, student: s, row: row, stamp: stamp, visited: &visited, top: &top)
                }
                append(top.ranked(), to: &result)
                continue
            }
            let cell = campuses.cell(of: home)
            let maxCommute = settings.maxCommuteKm
            for ring in 0..<campuses.ringCount(from: cell) {
                let nearest = campuses.ringDistanceKm[min(ring, campuses.ringDistanceKm.count - 1)]
                let boardingCap = LocationDecay.component(distanceKm: nearest, boarding: true)
                let dayCap = LocationDecay.component(distanceKm: nearest, boarding: false)
                if top.isFull
                    && weights.total(interest: bestInterest, grades: tables.bestGrades, location: boardingCap) < top.weakestScore {
                    break
                }
                let dayInReach = !needsBoarding && nearest <= maxCommute
                ranges.removeAll(keepingCapacity: true)
                campuses.appendRanges(inRing: ring, around: cell, to: &ranges)
                for range in ranges {
                    for position in range {
                        let entry = campusEntries[position]
                        let boarding = entry.boarding
                        if !boarding && !dayInReach { continue }
                        if !entry.minimum.isNaN && !(total >= entry.minimum) { continue }
                        let p = Int(entry.program)
                        guard visited[p] != stamp else { continue }
                        let interest = InterestComponent.combine(
                            wish: tables.categoryWish[Int(entry.category)],
                            congruence: tables.congruence[Int(entry.congruenceSlot)])
                        let gradesValue = tables.grades[Int(entry.gradesSlot)]
                        if top.isFull {
                            let bound = weights.total(
                                interest: interest, grades: gradesValue, location: boarding ? boardingCap : dayCap)
                            guard top.admits(score: bound, program: entry.program) else { continue }
                        }
                        let distance = distanceKm(student: s, program: p)
                        if !boarding && distance > maxCommute { continue }
                        let location = LocationDecay.component(distanceKm: distance, boarding: boarding)
                        top.offer(.init(
                            program: entry.program,
                            score: weights.total(interest: interest, grades: gradesValue, location: location),
                            interest: interest, grades: gradesValue, location: location, distanceKm: distance))
                    }
                }
            }
            append(top.ranked(), to: &result)
        }
        return result
    }

    private func append(_ ranked: [TopCandidates.Entry], to result: inout ChunkCandidates) {
        result.counts.append(Int32(ranked.count))
        for entry in ranked {
            result.program.append(entry.program)
            result.score.append(entry.score)
            result.interest.append(entry.interest)
            result.grades.append(entry.grades)
            result.location.append(entry.location)
            result.distance.append(entry.distanceKm)
        }
    }

    /// Applies the eligibility rules of `EligibilityRules` and offers the pair to the student's
    /// top K. The rules are inlined here for speed; tests check they agree with the public ones.
    @inline(__always)
    private func consider(
        _ p: Int, student s: Int, row: [Double]?, stamp: Int32, visited: inout [Int32],
        top: inout TopCandidates
    ) {
        guard visited[p] != stamp else { return }
        visited[p] = stamp
        guard programSeats[p] > 0 else { return }
        let minimum = programMinimums[p]
        if !minimum.isNaN {
            let total = studentTotals[s]
            guard !total.isNaN, total >= minimum else { return }
        }
        let boarding = programBoarding[p]
        if students[s].needsBoarding && !boarding { return }
        let interest = interest(student: s, program: p, row: row)
        let gradesValue = grades.component(student: s, program: p)
        let weights = settings.weights
        let program = Int32(truncatingIfNeeded: p)
        guard top.admits(score: weights.total(interest: interest, grades: gradesValue, location: 1), program: program)
        else { return }
        let distance = distanceKm(student: s, program: p)
        if !boarding && distance > settings.maxCommuteKm { return }
        let location = LocationDecay.component(distanceKm: distance, boarding: boarding)
        let score = weights.total(interest: interest, grades: gradesValue, location: location)
        top.offer(.init(
            program: program, score: score, interest: interest, grades: gradesValue,
            location: location, distanceKm: distance))
    }
}
