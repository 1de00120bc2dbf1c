/// The `optimal` strategy: seat as many students as possible, and among all assignments that do,
/// maximise the total score. Exact, not greedy. For dropout prevention this is the assignment that
/// leaves the fewest students without a school, at the price of stability.
///
/// Two exact steps: a maximum placement (`MaximumPlacement`, Hopcroft–Karp with seats as
/// capacities) fixes how many students can be seated and gives a starting flow of that size; a
/// minimum-cost flow of that value (`CostScalingFlow`, cost scaling with push–relabel) then
/// reroutes it to the highest total score. Splitting the lexicographic objective this way keeps
/// the integer costs small (no "big M" for a seat), which keeps the arithmetic exact and far from
/// overflow.
///
/// Scores are Doubles; the solver works on integers, `round(score × 10^6)` (ties to even), so that
/// comparisons are exact and the same on every run. Two assignments whose totals differ by less
/// than a millionth of a point per student are treated as equal, and among equal optima the one
/// found is fixed by the input order (students by id), never by timing.
public enum PlacementMaximizer {
    /// Integer units per score point.
    public static let unitsPerPoint = 1_000_000.0

    /// A score as the integer the solver optimises. Scores beyond ±10 000 points (never produced
    /// by the scorer, whose totals are 0 to 100) are clamped, which keeps scaled costs and prices
    /// many orders of magnitude inside 64 bits whatever a hand-built candidate set contains.
    public static func scoreUnits(_ score: Double) -> Int64 {
        let clamped = min(max(score, -10_000), 10_000)
        return Int64((clamped * unitsPerPoint).rounded(.toNearestOrEven))
    }

    /// The total score of `placements` in solver units: what `optimal` maximises once the most
    /// students are seated.
    public static func totalUnits(_ set: CandidateSet, _ placements: Placements) -> Int64 {
        var total: Int64 = 0
        for s in set.studentIDs.indices {
            if let rank = placements.studentRank(ofStudent: s) { total += scoreUnits(set.score[set.offsets[s] + rank - 1]) }
        }
        return total
    }

    /// The placements with the most students seated and, among those, the highest total score.
    ///
    /// - Parameter lottery: one number per student; among equal optima, the one found is then
    ///   fixed by the students taken in lottery order (lower first) instead of id order.
    public static func assign(_ set: CandidateSet, lottery: [UInt64]) -> Placements {
        precondition(lottery.count == set.studentIDs.count, "one lottery number per student")
        let order = lottery.indices.sorted { lottery[$0] != lottery[$1] ? lottery[$0] < lottery[$1] : $0 < $1 }.map { Int32($0) }
        let solved = assign(set.reordered(students: order))
        var positions = [Int32](repeating: -1, count: order.count)
        for (place, s) in order.enumerated() { positions[Int(s)] = solved.positions[place] }
        return Placements(positions: positions)
    }

    /// The placements with the most students seated and, among those, the highest total score;
    /// among equal optima, the one fixed by the students' order in `set`.
    public static func assign(_ set: CandidateSet) -> Placements {
        let n = set.studentIDs.count
        var demand = [Int](repeating: 0, count: set.programIDs.count)
        for pair in 0..<set.pairCount { demand[Int(set.program[pair])] += 1 }
        let capacity = set.programIDs.indices.map { max(0, min(set.seats[$0], demand[$0])) }
        let maximum = MaximumPlacement(set, capacity: capacity)
        let units = set.score.map(scoreUnits)
        let highest = units.max() ?? 0
        var flow = CostScalingFlow(set, pairCost: units.map { highest - $0 }, capacity: capacity, start: maximum.placement)
        flow.solve()
        var positions = [Int32](repeating: -1, count: n)
        for s in 0..<n {
            for pair in set.offsets[s]..<set.offsets[s + 1] where flow.usesPair(pair) {
                positions[s] = Int32(pair - set.offsets[s])
            }
        }
        return Placements(positions: positions)
    }
}
