/// Percentiles with ties at mid-rank, the definition used for every grades figure.
///
/// A student's percentile is the share of the *other* students in the group with a strictly lower
/// value, counting each tie as half: `(below + (equal − 1) / 2) / (count − 1)`. The best student
/// gets 1, the worst 0, a group of identical values all get 0.5, and so does a group of one. This
/// reads aloud as "scored above 83 % of the other students (ties count half)", and it does not
/// depend on how large the maximum mark is, which is what lets provinces with different maxima
/// compare fairly.
///
/// Values are kept as doubled ranks `2 × below + (equal − 1)`, integers, so a 100 000-student
/// table costs 4 bytes a student and turns into the same Double every time it is read.
enum MidRankPercentile {
    /// Doubled ranks of `values` (all finite), in the same order as `values`.
    static func doubledRanks(_ values: [Double]) -> [UInt32] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [UInt32](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count && values[order[end]] == values[order[start]] { end += 1 }
            let rank = UInt32(2 * start + (end - start - 1))
            for position in start..<end { ranks[order[position]] = rank }
            start = end
        }
        return ranks
    }

    /// The percentile that a doubled rank stands for in a group of `count`.
    @inline(__always)
    static func percentile(doubledRank: UInt32, count: Int) -> Double {
        count > 1 ? Double(doubledRank) / Double(2 * (count - 1)) : 0.5
    }
}
