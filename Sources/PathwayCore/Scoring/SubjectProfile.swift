/// A programme's key subjects reduced to what the grades component depends on: subject indices
/// and weights that sum to 1, in a fixed order.
///
/// Programmes with the same profile share one percentile table, which is what keeps the grades
/// work at one sort per distinct profile instead of one per programme.
struct SubjectProfile: Hashable, Sendable {
    let subjects: [Int]
    let weights: [Double]

    /// Normalises key subjects: subject names case-folded, weights that are not positive and
    /// finite dropped, repeated subjects merged by adding weights, weights divided by their sum.
    /// Returns `nil` when nothing is left, meaning "no key subjects: use the total score".
    init?(_ keySubjects: [SubjectWeight], subjectIndex: [String: Int]) {
        var merged: [Int: Double] = [:]
        for key in keySubjects where key.weight.isFinite && key.weight > 0 {
            guard let index = subjectIndex[SubjectProfile.normalizedName(key.subject)] else { continue }
            merged[index, default: 0] += key.weight
        }
        guard !merged.isEmpty else { return nil }
        let ordered = merged.sorted { $0.key < $1.key }
        let sum = ordered.reduce(0) { $0 + $1.value }
        subjects = ordered.map(\.key)
        weights = ordered.map { $0.value / sum }
    }

    /// Subject names match case-insensitively and ignoring surrounding spaces (`Math` = `math`).
    static func normalizedName(_ name: String) -> String {
        name.trimmingWhitespace().lowercased()
    }
}
