/// Who each programme admitted in an assignment, reduced to what explanations quote: how many,
/// and the weakest admitted priority (the bar a rejected student would have had to clear).
struct ProgramIntake: Sendable {
    let admitted: [Int]
    /// Lowest programme priority among admitted students; NaN where nobody was admitted.
    let lowestPriority: [Double]
    /// The student holding that lowest priority (the latest id among equals), -1 where none.
    let lowestStudent: [Int]

    init(_ set: CandidateSet, _ placements: Placements) {
        var admitted = [Int](repeating: 0, count: set.programIDs.count)
        var lowest = [Double](repeating: .nan, count: set.programIDs.count)
        var lowestStudent = [Int](repeating: -1, count: set.programIDs.count)
        for s in set.studentIDs.indices {
            guard let rank = placements.studentRank(ofStudent: s) else { continue }
            let pair = set.offsets[s] + rank - 1
            let p = Int(set.program[pair])
            admitted[p] += 1
            let priority = set.priority[pair]
            if lowest[p].isNaN || priority < lowest[p] || (priority == lowest[p] && s > lowestStudent[p]) {
                lowest[p] = priority
                lowestStudent[p] = s
            }
        }
        self.admitted = admitted
        lowestPriority = lowest
        self.lowestStudent = lowestStudent
    }
}
