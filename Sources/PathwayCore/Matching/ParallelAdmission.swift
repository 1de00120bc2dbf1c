/// The `parallel` strategy, 平行志愿 ("分数优先、遵循志愿"), as Chinese counties run their
/// admissions: students one at a time in admission order (descending total score, equal totals
/// by the tie-break subjects, then the lottery), each placed in the first of their wishes, in the
/// order they listed them, that is a candidate and still has a seat.
///
/// Batches (批次) run one after another: batch 1's programmes are filled by everybody's batch-1
/// wishes before anybody's batch-2 wish is looked at. Within a batch, once every student has had
/// their turn, those still without a seat who agree to reassignment (服从调剂) take, in the same
/// order, the best-ranked of their candidates of that batch with a seat left: those who listed a
/// wish of that batch, or none of a later one (本批次调剂; a student without wishes is reassigned
/// in the first batch).
///
/// Linear in the candidate pairs per batch: each student's wishes are read once per batch, and
/// each reassignment reads the student's candidates once.
public enum ParallelAdmission {
    /// What the rule needs to know about the students beyond their candidates.
    public struct Applicants: Sendable, Hashable {
        /// The admission order, with the keys it sorted by.
        public let admission: AdmissionOrder
        /// Student indices of the candidate set in admission order, the first admitted first.
        public var order: [Int32] { admission.order }
        /// `wishOffsets[s] ..< wishOffsets[s + 1]` are student `s`'s wishes as pairs of the set (an
        /// index into its columns), in the order listed; wishes that are not candidates are left out.
        let wishOffsets: [Int]
        let wishPairs: [Int32]
        /// Per student, whether they agree to reassignment.
        public let reassign: [Bool]

        /// Builds the applicants from per-student wish pairs (indices into the set's columns, each
        /// one of the student's own candidates) and the rest.
        public init(admission: AdmissionOrder, wishes: [[Int32]], reassign: [Bool]) {
            self.admission = admission
            var offsets = [0]
            var pairs: [Int32] = []
            for list in wishes {
                pairs.append(contentsOf: list)
                offsets.append(pairs.count)
            }
            wishOffsets = offsets
            wishPairs = pairs
            self.reassign = reassign
        }

        /// Student `s`'s wishes as pairs of the set, in the order listed.
        public func wishes(ofStudent s: Int) -> ArraySlice<Int32> { wishPairs[wishOffsets[s]..<wishOffsets[s + 1]] }
    }

    /// Runs the rule.
    public static func assign(_ set: CandidateSet, applicants: Applicants) -> Placements {
        let n = set.studentIDs.count
        precondition(applicants.order.count == n && applicants.reassign.count == n, "one entry per student")
        var remaining = set.seats.map { max(0, $0) }
        var positions = [Int32](repeating: -1, count: n)
        let batches = Set(set.batches).sorted()
        for batch in batches {
            for next in applicants.order {
                let s = Int(next)
                guard positions[s] < 0 else { continue }
                for pair in applicants.wishes(ofStudent: s) {
                    let p = Int(set.program[Int(pair)])
                    guard set.batches[p] == batch, remaining[p] > 0 else { continue }
                    remaining[p] -= 1
                    positions[s] = pair - Int32(set.offsets[s])
                    break
                }
            }
            for next in applicants.order {
                let s = Int(next)
                guard positions[s] < 0, applicants.reassign[s],
                      reassignable(s, in: batch, set: set, applicants: applicants) else { continue }
                for pair in set.offsets[s]..<set.offsets[s + 1] {
                    let p = Int(set.program[pair])
                    guard set.batches[p] == batch, remaining[p] > 0 else { continue }
                    remaining[p] -= 1
                    positions[s] = Int32(pair - set.offsets[s])
                    break
                }
            }
        }
        return Placements(positions: positions)
    }

    /// Whether a student who agrees is reassigned in `batch` (本批次调剂): they listed a wish of
    /// this batch, or none of any later batch (so that a student is never reassigned before
    /// their later wishes are looked at, and one with no wishes is reassigned in the first batch).
    static func reassignable(_ s: Int, in batch: Int, set: CandidateSet, applicants: Applicants) -> Bool {
        var later = false
        for pair in applicants.wishes(ofStudent: s) {
            let b = set.batches[Int(set.program[Int(pair)])]
            if b == batch { return true }
            if b > batch { later = true }
        }
        return !later
    }
}
