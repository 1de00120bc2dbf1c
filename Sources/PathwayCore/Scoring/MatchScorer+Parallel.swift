extension MatchScorer {
    /// What the `parallel` strategy needs for `set`, a candidate set this scorer made: the
    /// admission order, each student's wishes as candidate pairs, and who agrees to reassignment
    /// (the programmes' batches are the set's).
    ///
    /// A programme wish is the candidate pair of that programme; a category wish stands for the
    /// student's candidates of that category in their candidate order, those not already listed.
    /// A wish that is not among the student's candidates (not eligible, or beyond the K kept) is
    /// left out: the rule skips it as a school would skip a wish the student cannot enter.
    public func parallelApplicants(for set: CandidateSet) -> ParallelAdmission.Applicants {
        let studentOf = set.studentIDs.map { studentIndexByID[$0] }
        let programOf = set.programIDs.map { programIndexByID[$0] }
        let category = programOf.map { $0.map { programs[$0].category } }
        var wishes: [[Int32]] = []
        wishes.reserveCapacity(set.studentIDs.count)
        for s in set.studentIDs.indices {
            guard let student = studentOf[s].map({ students[$0] }) else {
                wishes.append([])
                continue
            }
            let pairs = set.offsets[s]..<set.offsets[s + 1]
            var listed: [Int32] = []
            for wish in student.wishes {
                switch wish {
                case .program(let id):
                    for pair in pairs where set.programIDs[Int(set.program[pair])] == id && !listed.contains(Int32(pair)) {
                        listed.append(Int32(pair))
                    }
                case .category(let code):
                    for pair in pairs where category[Int(set.program[pair])] == code && !listed.contains(Int32(pair)) {
                        listed.append(Int32(pair))
                    }
                }
            }
            wishes.append(listed)
        }
        let reassign = studentOf.map { $0.map { students[$0].acceptsReassignment } ?? false }
        return ParallelAdmission.Applicants(admission: admissionOrder(for: set), wishes: wishes, reassign: reassign)
    }

    /// The `parallel` strategy's order for the students of `set`: descending total (a missing
    /// total last), equal totals by each tie-break subject in turn (the higher mark first, a
    /// missing mark last), then the lower lottery number, then student id.
    public func admissionOrder(for set: CandidateSet) -> AdmissionOrder {
        let subjects = settings.tieBreakSubjects
        let lottery = settings.lottery
        let keys: [AdmissionOrder.Key] = set.studentIDs.map { id in
            let student = studentIndexByID[id].map { students[$0] }
            let total = student?.totalScore.flatMap { $0.isFinite ? $0 : nil }
            return AdmissionOrder.Key(
                total: total, subjects: subjects.map { subject in student?.score(in: subject).flatMap { $0.isFinite ? $0 : nil } },
                lottery: lottery?.number(forStudent: id))
        }
        return AdmissionOrder(keys: keys)
    }
}

/// The order in which the `parallel` strategy admits students, with the keys it sorted by.
public struct AdmissionOrder: Sendable, Hashable {
    /// One student's sort keys.
    public struct Key: Sendable, Hashable {
        /// The total score; nil when missing.
        public let total: Double?
        /// The marks of the tie-break subjects, in the chain's order; nil where missing.
        public let subjects: [Double?]
        /// The lottery number; nil for a run without a lottery.
        public let lottery: UInt64?

        public init(total: Double?, subjects: [Double?], lottery: UInt64?) {
            self.total = total
            self.subjects = subjects
            self.lottery = lottery
        }

        /// Whether `self` is admitted before `other` on these keys alone (nil when they are equal).
        func precedes(_ other: Key) -> Bool? {
            if let order = Self.higherFirst(total, other.total) { return order }
            for (a, b) in zip(subjects, other.subjects) {
                if let order = Self.higherFirst(a, b) { return order }
            }
            if let a = lottery, let b = other.lottery, a != b { return a < b }
            return nil
        }

        private static func higherFirst(_ a: Double?, _ b: Double?) -> Bool? {
            switch (a, b) {
            case (nil, nil): nil
            case (.some, nil): true
            case (nil, .some): false
            case let (.some(a), .some(b)): a == b ? nil : a > b
            }
        }
    }

    /// Per student of the set, their keys.
    public let keys: [Key]
    /// Student indices in admission order.
    public let order: [Int32]
    /// Per student, their 1-based place in the order.
    public let position: [Int]

    /// Sorts the students; equal keys go by index (student id order).
    public init(keys: [Key]) {
        self.keys = keys
        let order = keys.indices.sorted { a, b in keys[a].precedes(keys[b]) ?? (a < b) }.map { Int32($0) }
        self.order = order
        var position = [Int](repeating: 0, count: keys.count)
        for (place, s) in order.enumerated() { position[Int(s)] = place + 1 }
        self.position = position
    }
}
