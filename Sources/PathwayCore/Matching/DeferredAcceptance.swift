/// Student-proposing deferred acceptance with capacities (Gale and Shapley; the
/// hospitals/residents problem).
///
/// Each unplaced student proposes to the best candidate they have not yet tried; a programme keeps
/// the best proposals up to its seats by programme priority (higher first, equal priorities by
/// the lower lottery number, or by student id ascending for a run without a lottery) and
/// rejects the rest, who propose again. With strict priorities the
/// outcome is the student-optimal stable assignment: every student gets the best programme they
/// can get in any stable assignment, and it does not depend on the order of proposals.
///
/// Cost: each candidate pair is proposed at most once, and a programme keeps its admitted students
/// in a heap with the weakest on top, so a run is O(pairs · log seats).
public enum DeferredAcceptance {
    /// The student-optimal stable placements for `set`.
    ///
    /// - Parameter lottery: one number per student of `set`, the lower winning a tie of
    ///   priorities; nil to break ties by student id.
    public static func assign(_ set: CandidateSet, lottery: [UInt64]? = nil) -> Placements {
        let n = set.studentIDs.count
        let draw = lottery ?? [UInt64](repeating: 0, count: n)
        precondition(draw.count == n, "one lottery number per student")
        let programCount = set.programIDs.count
        var pairStudent = [Int32](repeating: 0, count: set.pairCount)
        var demand = [Int](repeating: 0, count: programCount)
        for s in 0..<n {
            for pair in set.offsets[s]..<set.offsets[s + 1] {
                pairStudent[pair] = Int32(s)
                demand[Int(set.program[pair])] += 1
            }
        }
        // A programme never holds more than its seats or more than the students who list it,
        // so a nonsense seat count (a billion) costs no memory.
        var heapStart = [Int](repeating: 0, count: programCount + 1)
        for p in 0..<programCount {
            heapStart[p + 1] = heapStart[p] + max(0, min(set.seats[p], demand[p]))
        }
        var heap = [Int32](repeating: 0, count: heapStart[programCount])
        var held = [Int](repeating: 0, count: programCount)
        var next = [Int](repeating: 0, count: n)
        var free: [Int32] = (0..<n).reversed().map { Int32($0) }

        let priority = set.priority
        // Weaker: lower priority, or equal priority and a higher lottery number, or equal numbers
        // (no lottery) and a later student id.
        @inline(__always) func weaker(_ a: Int32, _ b: Int32) -> Bool {
            let pa = priority[Int(a)], pb = priority[Int(b)]
            guard pa == pb else { return pa < pb }
            let sa = Int(pairStudent[Int(a)]), sb = Int(pairStudent[Int(b)])
            return draw[sa] != draw[sb] ? draw[sa] > draw[sb] : sa > sb
        }

        while let last = free.popLast() {
            let s = Int(last)
            let end = set.offsets[s + 1]
            while set.offsets[s] + next[s] < end {
                let pair = set.offsets[s] + next[s]
                next[s] += 1
                let p = Int(set.program[pair])
                let base = heapStart[p]
                let capacity = heapStart[p + 1] - base
                guard capacity > 0 else { continue }
                let proposal = Int32(pair)
                if held[p] < capacity {
                    var child = held[p]
                    heap[base + child] = proposal
                    held[p] += 1
                    while child > 0 {
                        let parent = (child - 1) / 2
                        guard weaker(heap[base + child], heap[base + parent]) else { break }
                        heap.swapAt(base + child, base + parent)
                        child = parent
                    }
                    break
                }
                let weakest = heap[base]
                guard weaker(weakest, proposal) else { continue }
                heap[base] = proposal
                var parent = 0
                while true {
                    let left = 2 * parent + 1
                    guard left < capacity else { break }
                    var weakerChild = left
                    if left + 1 < capacity && weaker(heap[base + left + 1], heap[base + left]) {
                        weakerChild = left + 1
                    }
                    guard weaker(heap[base + weakerChild], heap[base + parent]) else { break }
                    heap.swapAt(base + weakerChild, base + parent)
                    parent = weakerChild
                }
                free.append(pairStudent[Int(weakest)])
                break
            }
        }

        var positions = [Int32](repeating: -1, count: n)
        for p in 0..<programCount {
            for slot in heapStart[p]..<(heapStart[p] + held[p]) {
                let pair = Int(heap[slot])
                let s = Int(pairStudent[pair])
                positions[s] = Int32(pair - set.offsets[s])
            }
        }
        return Placements(positions: positions)
    }
}
