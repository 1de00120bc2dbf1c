/// A proof that an `optimal` assignment is optimal, which anybody can check without the solver:
/// dual prices of the assignment's linear programme that satisfy complementary slackness.
///
/// The lexicographic objective (most students placed, then the highest total score) is one
/// weighted matching: a pair is worth `W = big + units(score)`, where `units` is the solver's
/// integer score (`PlacementMaximizer.scoreUnits`), `span = students × 2 × max(1, max |units|)`
/// bounds any difference of total units, and `big = 2 × span + 1` makes one more student placed
/// worth more than any change of scores. The dual prices are `u` per student and `v` per
/// programme, whole numbers ≥ 0, with
///
/// - `u[s] + v[p] ≥ W[s, p]` for every candidate pair (dual feasibility),
/// - `u[s] + v[p] = W[s, p]` for every placed pair,
/// - `u[s] = 0` for every unplaced student, `v[p] = 0` for every programme with a free seat.
///
/// By linear-programming duality, any assignment with such prices is optimal: no assignment
/// within the seats is worth more. The prices found are the smallest programme prices there are,
/// so `v[p]` is exactly what one more seat at `p` is worth (`seatGain`).
public struct OptimalityCertificate: Sendable, Hashable, Codable {
    /// The weight of one student placed.
    public let big: Int64
    /// Per student of the set, `u`.
    public let studentPrices: [Int64]
    /// Per programme of the set, `v`.
    public let programPrices: [Int64]

    public init(big: Int64, studentPrices: [Int64], programPrices: [Int64]) {
        self.big = big
        self.studentPrices = studentPrices
        self.programPrices = programPrices
    }

    /// `big` for a run of `students` students whose pairs have these units.
    public static func big(students: Int, units: some Sequence<Int64>) -> Int64 {
        // Units are clamped to ±10¹⁰ (`PlacementMaximizer.scoreUnits`), so `abs` cannot overflow.
        let largest = units.reduce(Int64(1)) { max($0, abs($1)) }
        return 2 * (Int64(students) * 2 * largest) + 1
    }

    /// `big` for the candidates of `set`.
    public static func big(for set: CandidateSet) -> Int64 {
        big(students: set.studentIDs.count, units: set.score.lazy.map(PlacementMaximizer.scoreUnits))
    }

    /// What one more seat at programme `p` would bring: students placed (0 or 1) and the change
    /// of the total score in solver units.
    public func seatGain(program p: Int) -> (students: Int, units: Int64) {
        let value = programPrices[p]
        return value > big / 2 ? (1, value - big) : (0, value)
    }

    /// The certificate of `placements`, an optimal assignment of `set`; nil when the placements
    /// are not optimal (no such prices exist), which the solver never gives.
    ///
    /// The smallest programme prices are minus the shortest distances to the outside in the
    /// graph of the slackness constraints, found by Bellman–Ford with a queue over programmes.
    public static func make(_ set: CandidateSet, _ placements: Placements) -> OptimalityCertificate? {
        let n = set.studentIDs.count
        let programCount = set.programIDs.count
        let units = set.score.map(PlacementMaximizer.scoreUnits)
        let big = big(for: set)
        @inline(__always) func weight(_ pair: Int) -> Int64 { big + units[pair] }

        var load = [Int](repeating: 0, count: programCount)
        var placedPair = [Int](repeating: -1, count: n)
        for s in 0..<n {
            guard let rank = placements.studentRank(ofStudent: s) else { continue }
            let pair = set.offsets[s] + rank - 1
            placedPair[s] = pair
            load[Int(set.program[pair])] += 1
        }
        // distance[p]: shortest distance from p to the outside; starts at the direct arcs.
        var distance = [Int64](repeating: 0, count: programCount)
        // Arcs q → p (q another candidate of a student placed at p), grouped by their head p.
        var arcStart = [Int](repeating: 0, count: programCount + 1)
        for s in 0..<n where placedPair[s] >= 0 {
            arcStart[Int(set.program[placedPair[s]]) + 1] += set.offsets[s + 1] - set.offsets[s] - 1
        }
        for p in 0..<programCount { arcStart[p + 1] += arcStart[p] }
        var fill = arcStart
        var arcTail = [Int32](repeating: 0, count: arcStart[programCount])
        var arcLength = [Int64](repeating: 0, count: arcStart[programCount])
        for s in 0..<n {
            let pair = placedPair[s]
            if pair < 0 {
                for q in set.offsets[s]..<set.offsets[s + 1] {
                    let program = Int(set.program[q])
                    distance[program] = min(distance[program], -weight(q))
                }
                continue
            }
            let p = Int(set.program[pair])
            for q in set.offsets[s]..<set.offsets[s + 1] where q != pair {
                arcTail[fill[p]] = set.program[q]
                arcLength[fill[p]] = weight(pair) - weight(q)
                fill[p] += 1
            }
        }
        var queued = [Bool](repeating: true, count: programCount)
        var queue = Array(0..<programCount)
        var head = 0
        // Arcs on the path to each distance: a shortest path has fewer than `programCount`, so
        // more means a negative cycle (placements not optimal), found before distances run away.
        var hops = [Int](repeating: 0, count: programCount)
        while head < queue.count {
            let p = queue[head]
            head += 1
            queued[p] = false
            for arc in arcStart[p]..<arcStart[p + 1] {
                let q = Int(arcTail[arc])
                let through = arcLength[arc] + distance[p]
                guard through < distance[q] else { continue }
                distance[q] = through
                hops[q] = hops[p] + 1
                if hops[q] > programCount { return nil }  // a negative cycle: not optimal
                if !queued[q] {
                    queued[q] = true
                    queue.append(q)
                }
            }
            if head > 1 << 20 {
                queue.removeFirst(head)
                head = 0
            }
        }
        // The arcs from the outside: each must leave the outside's own distance at 0.
        for p in 0..<programCount where load[p] < max(0, set.seats[p]) && distance[p] < 0 { return nil }
        var studentPrices = [Int64](repeating: 0, count: n)
        for s in 0..<n where placedPair[s] >= 0 {
            let price = weight(placedPair[s]) + distance[Int(set.program[placedPair[s]])]
            guard price >= 0 else { return nil }
            studentPrices[s] = price
        }
        return OptimalityCertificate(big: big, studentPrices: studentPrices, programPrices: distance.map { -$0 })
    }
}
