/// Congruence between a student's and a programme's Holland codes: Iachan's M index.
///
/// Iachan (1984) weights a shared letter by the positions it holds in the two codes, most for
/// first-to-first, so that agreeing on what dominates counts more than agreeing on what trails:
///
///              programme 1st  2nd  3rd
///     student 1st       22   10    4
///             2nd       10    5    2
///             3rd        4    2    1
///
/// Two identical three-letter codes score 28. Codes here may have one to three letters, so the
/// index is divided by the most that codes of those lengths could score (22, 27 or 28): a
/// one-letter programme code `R` fully agrees with a student whose first letter is R, because that
/// is all the code says.
public enum HollandCongruence {
    /// Iachan's position weights, `weights[studentPosition][programPosition]`.
    public static let weights: [[Int]] = [[22, 10, 4], [10, 5, 2], [4, 2, 1]]

    /// The value used when either code is missing: the average normalised index between two
    /// three-letter codes drawn at random (each of the nine position pairs agrees with probability
    /// 1/6, so the mean M is 60/6 = 10 of 28). An unknown code is treated as an average one,
    /// neither rewarded nor punished.
    public static let neutral = 10.0 / 28.0

    /// The raw M index, 0 to 28.
    public static func iachanM(student: HollandCode, program: HollandCode) -> Int {
        var total = 0
        for (i, letter) in student.types.enumerated() {
            if let j = program.types.firstIndex(of: letter) {
                total += weights[i][j]
            }
        }
        return total
    }

    /// The highest M index two codes of these lengths can reach: the diagonal weights they share.
    public static func maximumM(studentLetters: Int, programLetters: Int) -> Int {
        let shared = min(studentLetters, programLetters, 3)
        return (0..<max(0, shared)).reduce(0) { $0 + weights[$1][$1] }
    }

    /// M divided by its maximum for these code lengths, in [0, 1].
    public static func normalized(student: HollandCode, program: HollandCode) -> Double {
        let maximum = maximumM(studentLetters: student.types.count, programLetters: program.types.count)
        guard maximum > 0 else { return neutral }
        return Double(iachanM(student: student, program: program)) / Double(maximum)
    }
}
