/// What the `parallel` strategy did with one student, step by step: their place in the order, each
/// wish looked at, and how the student came by a seat or why they did not.
///
/// Other students appear only as places in the order, never by name or id.
public struct ParallelTrace: Sendable, Hashable, Codable {
    /// One wish looked at, in the order the student listed them.
    public struct Step: Sendable, Hashable, Codable {
        /// What happened at the student's turn.
        public enum Outcome: String, Sendable, Hashable, Codable {
            /// The student took a seat here.
            case placed
            /// Every seat was taken by students before them in the order.
            case full
            /// The programme offers no seats in this run.
            case noSeats
        }

        public let programID: String
        public let programName: String
        /// The programme's batch.
        public let batch: Int
        /// Its position in the student's candidate list.
        public let studentRank: Int
        public let outcome: Outcome
        /// Seats the programme offers.
        public let seats: Int
        /// For `full`: the place in the order of the last student it admitted through a wish.
        public let lastAdmittedPosition: Int?
    }

    /// The student's 1-based place in the admission order.
    public let position: Int
    /// Students in the order.
    public let studentCount: Int
    /// The student's total score, nil when missing (they then come after everybody with one).
    public let total: Double?
    /// The tie-break subjects, by code, in order.
    public let tieBreakSubjects: [String]
    /// The student's lottery number; nil for a run without a lottery (ties then go by id).
    public let lottery: UInt64?
    /// The wishes that are candidates, as the rule looked at them (batch by batch, each batch's in
    /// the order listed), up to and including the one placed; wishes of later batches than the
    /// seat's were never reached and are left out.
    public let steps: [Step]
    /// Whether the student agrees to reassignment (服从调剂).
    public let acceptsReassignment: Bool
    /// Whether the seat came by reassignment rather than a wish.
    public let reassigned: Bool
}

extension MatchScorer {
    /// The trace of student `s` (an index of `set`) in a `parallel` result.
    func parallelTrace(student s: Int, in result: MatchResult) -> ParallelTrace? {
        guard result.settings.strategy == .parallel, let placements = result.placements else { return nil }
        let set = result.candidateSet
        let applicants = parallelApplicants(for: set)
        let order = applicants.admission
        // Students placed through a wish: their seat is on their own wish list (a seat by
        // reassignment never is, as every wish of that batch was full at their turn).
        var lastWishPosition = [Int](repeating: 0, count: set.programIDs.count)
        for t in set.studentIDs.indices {
            guard let rank = placements.studentRank(ofStudent: t) else { continue }
            let pair = Int32(set.offsets[t] + rank - 1)
            guard applicants.wishes(ofStudent: t).contains(pair) else { continue }
            let p = Int(set.program[Int(pair)])
            lastWishPosition[p] = max(lastWishPosition[p], order.position[t])
        }
        let placedPair = placements.studentRank(ofStudent: s).map { Int32(set.offsets[s] + $0 - 1) }
        // The wishes in the order the rule looked at them: batch by batch, each batch's in the
        // order listed, up to the seat's batch; later batches were never reached.
        let placedBatch = placedPair.map { set.batches[Int(set.program[Int($0)])] } ?? Int.max
        let looked = applicants.wishes(ofStudent: s).enumerated()
            .filter { set.batches[Int(set.program[Int($0.element)])] <= placedBatch }
            .sorted { (set.batches[Int(set.program[Int($0.element)])], $0.offset) < (set.batches[Int(set.program[Int($1.element)])], $1.offset) }
            .map(\.element)
        var steps: [ParallelTrace.Step] = []
        for pair in looked {
            let p = Int(set.program[Int(pair)])
            let name = programIndexByID[set.programIDs[p]].map { programs[$0].name } ?? set.programIDs[p]
            let outcome: ParallelTrace.Step.Outcome = pair == placedPair ? .placed : set.seats[p] <= 0 ? .noSeats : .full
            steps.append(ParallelTrace.Step(
                programID: set.programIDs[p], programName: name, batch: set.batches[p],
                studentRank: Int(pair) - set.offsets[s] + 1, outcome: outcome, seats: max(0, set.seats[p]),
                lastAdmittedPosition: outcome == .full ? lastWishPosition[p] : nil))
            if outcome == .placed { break }
        }
        let key = order.keys[s]
        return ParallelTrace(
            position: order.position[s], studentCount: set.studentIDs.count, total: key.total,
            tieBreakSubjects: result.settings.tieBreakSubjects, lottery: key.lottery, steps: steps,
            acceptsReassignment: applicants.reassign[s],
            reassigned: placedPair.map { !applicants.wishes(ofStudent: s).contains($0) } ?? false)
    }
}
