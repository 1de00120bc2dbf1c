/// Every student's ranked candidates for one run, stored column-wise for the assignment
/// algorithms, with the programmes' seats.
///
/// Students and programmes are held in id order (UTF-8 bytes, see `IdentifierOrder`); every
/// result lists them in that order. A 100 000 × 20 set is a few arrays of two million numbers,
/// which is what lets deferred acceptance and the flow solver run in well under a second per pass.
public struct CandidateSet: Sendable, Hashable {
    /// Student ids in id order; a student's index is its position here.
    public let studentIDs: [String]
    /// Programme ids in id order; a programme's index is its position here.
    public let programIDs: [String]
    /// The school of each programme.
    public let programSchoolIDs: [String]
    /// Seats of each programme; 0 or less means none.
    public let seats: [Int]
    /// The admission batch of each programme (`parallel`); 1 for all unless the list says otherwise.
    public let batches: [Int]

    /// `offsets[s] ..< offsets[s + 1]` are student `s`'s candidates, best first.
    let offsets: [Int]
    let program: [Int32]
    let score: [Double]
    let priority: [Double]
    let interest: [Double]
    let grades: [Double]
    let location: [Double]
    let distanceKm: [Double]

    init(
        studentIDs: [String], programIDs: [String], programSchoolIDs: [String], seats: [Int],
        offsets: [Int], program: [Int32], score: [Double], priority: [Double], interest: [Double],
        grades: [Double], location: [Double], distanceKm: [Double], batches: [Int]? = nil
    ) {
        self.studentIDs = studentIDs
        self.programIDs = programIDs
        self.programSchoolIDs = programSchoolIDs
        self.seats = seats
        self.batches = batches ?? [Int](repeating: 1, count: programIDs.count)
        self.offsets = offsets
        self.program = program
        self.score = score
        self.priority = priority
        self.interest = interest
        self.grades = grades
        self.location = location
        self.distanceKm = distanceKm
    }

    /// Builds a set from candidate rows, as an importer or a test would have them.
    ///
    /// Rows may come in any order; each student's ranks must be 1, 2, 3, … Students with no rows
    /// are kept (they stay unplaced). Validation is strict because an assignment computed from a
    /// malformed list would be silently wrong.
    public init(
        studentIDs: [String], programs: [ProgramCapacity], candidates: [Candidate]
    ) throws(CandidateSetError) {
        let students = studentIDs.sorted(by: IdentifierOrder.precedes)
        let sortedPrograms = programs.sorted { IdentifierOrder.precedes($0.id, $1.id) }
        var studentIndex: [String: Int] = [:]
        for (index, id) in students.enumerated() {
            guard studentIndex.updateValue(index, forKey: id) == nil else { throw .duplicateID(id) }
        }
        var programIndex: [String: Int] = [:]
        for (index, program) in sortedPrograms.enumerated() {
            guard programIndex.updateValue(index, forKey: program.id) == nil else { throw .duplicateID(program.id) }
        }
        var rows = [[Candidate]](repeating: [], count: students.count)
        for candidate in candidates {
            guard let s = studentIndex[candidate.studentID] else { throw .unknownStudent(candidate.studentID) }
            guard programIndex[candidate.programID] != nil else { throw .unknownProgram(candidate.programID) }
            let numbers = [candidate.score, candidate.programPriority, candidate.interest,
                           candidate.grades, candidate.location]
            // A distance is NaN for a student matched without a known home, never infinite.
            guard numbers.allSatisfy(\.isFinite), !candidate.distanceKm.isInfinite else {
                throw .notFinite(studentID: candidate.studentID, programID: candidate.programID)
            }
            rows[s].append(candidate)
        }
        var offsets = [0]
        var program: [Int32] = []
        var score: [Double] = [], priority: [Double] = [], interest: [Double] = []
        var grades: [Double] = [], location: [Double] = [], distance: [Double] = []
        for (s, row) in rows.enumerated() {
            let ordered = row.sorted { $0.studentRank < $1.studentRank }
            var seen = Set<String>()
            for (position, candidate) in ordered.enumerated() {
                guard candidate.studentRank == position + 1 else { throw .ranksNotConsecutive(studentID: students[s]) }
                guard seen.insert(candidate.programID).inserted else {
                    throw .repeatedProgram(studentID: students[s], programID: candidate.programID)
                }
                program.append(Int32(programIndex[candidate.programID] ?? 0))
                score.append(candidate.score)
                priority.append(candidate.programPriority)
                interest.append(candidate.interest)
                grades.append(candidate.grades)
                location.append(candidate.location)
                distance.append(candidate.distanceKm)
            }
            offsets.append(program.count)
        }
        self.init(
            studentIDs: students, programIDs: sortedPrograms.map(\.id),
            programSchoolIDs: sortedPrograms.map(\.schoolID), seats: sortedPrograms.map(\.seats),
            offsets: offsets, program: program, score: score, priority: priority,
            interest: interest, grades: grades, location: location, distanceKm: distance,
            batches: sortedPrograms.map(\.batch))
    }

    /// The same candidates with the students in `order` (student indices, each once): what an
    /// algorithm whose ties follow the input order sees when the lottery is to decide them.
    /// Id lookups (`studentIndex(of:)`) are meaningless on the result; it is for solving only.
    func reordered(students order: [Int32]) -> CandidateSet {
        var offsets = [0]
        offsets.reserveCapacity(order.count + 1)
        var pairs: [Int] = []
        pairs.reserveCapacity(pairCount)
        for s in order {
            pairs.append(contentsOf: self.offsets[Int(s)]..<self.offsets[Int(s) + 1])
            offsets.append(pairs.count)
        }
        return CandidateSet(
            studentIDs: order.map { studentIDs[Int($0)] }, programIDs: programIDs, programSchoolIDs: programSchoolIDs,
            seats: seats, offsets: offsets, program: pairs.map { program[$0] }, score: pairs.map { score[$0] },
            priority: pairs.map { priority[$0] }, interest: pairs.map { interest[$0] }, grades: pairs.map { grades[$0] },
            location: pairs.map { location[$0] }, distanceKm: pairs.map { distanceKm[$0] }, batches: batches)
    }

    /// The same candidates with one more seat at programme `p` (a programme without seats gets
    /// one): what the price of a seat is checked against.
    public func withOneMoreSeat(atProgram p: Int) -> CandidateSet {
        var seats = self.seats
        seats[p] = max(0, seats[p]) + 1
        return CandidateSet(
            studentIDs: studentIDs, programIDs: programIDs, programSchoolIDs: programSchoolIDs, seats: seats,
            offsets: offsets, program: program, score: score, priority: priority, interest: interest, grades: grades,
            location: location, distanceKm: distanceKm, batches: batches)
    }

    /// Number of student–programme pairs.
    public var pairCount: Int { program.count }

    /// Number of candidates student `s` has (at most K).
    public func candidateCount(ofStudent s: Int) -> Int { offsets[s + 1] - offsets[s] }

    /// Student `s`'s candidate at `rank` (1-based).
    public func candidate(ofStudent s: Int, rank: Int) -> Candidate {
        let pair = offsets[s] + rank - 1
        return Candidate(
            studentID: studentIDs[s], programID: programIDs[Int(program[pair])], studentRank: rank,
            score: score[pair], programPriority: priority[pair], interest: interest[pair],
            grades: grades[pair], location: location[pair], distanceKm: distanceKm[pair])
    }

    /// Student `s`'s candidates, best first.
    public func candidates(ofStudent s: Int) -> [Candidate] {
        (0..<candidateCount(ofStudent: s)).map { candidate(ofStudent: s, rank: $0 + 1) }
    }

    /// Programme index of student `s`'s candidate at `rank` (1-based).
    public func programIndex(ofStudent s: Int, rank: Int) -> Int { Int(program[offsets[s] + rank - 1]) }

    /// Every candidate row: students in id order, each student's candidates best first.
    public var all: [Candidate] {
        var rows: [Candidate] = []
        rows.reserveCapacity(pairCount)
        for s in studentIDs.indices { rows.append(contentsOf: candidates(ofStudent: s)) }
        return rows
    }

    /// Index of a student id, found by binary search in id order.
    public func studentIndex(of id: String) -> Int? { CandidateSet.search(studentIDs, id) }

    /// Index of a programme id, found by binary search in id order.
    public func programIndex(of id: String) -> Int? { CandidateSet.search(programIDs, id) }

    private static func search(_ ids: [String], _ id: String) -> Int? {
        var low = 0
        var high = ids.count
        while low < high {
            let middle = (low + high) / 2
            if IdentifierOrder.precedes(ids[middle], id) { low = middle + 1 } else { high = middle }
        }
        return low < ids.count && ids[low].utf8.elementsEqual(id.utf8) ? low : nil
    }
}
