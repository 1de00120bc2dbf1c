/// The seeded lottery that breaks the ties every other rule leaves: one number per student,
/// drawn from the run's seed and the student's id, the lower number first.
///
/// A number depends only on the seed and the id (SplitMix64 of the seed mixed with the id's
/// FNV-1a hash), not on who else is in the run or in what order they were read, so a run with
/// the same seed draws the same numbers on every machine, and a county can publish the seed
/// before the draw and let anybody check it. Numbers are below 2⁶³, so that PostgreSQL's
/// `bigint` stores them as they are.
public struct Lottery: Sendable, Hashable {
    /// The seed the numbers are drawn from.
    public let seed: UInt64

    /// The largest seed accepted: every seed fits a JSON number exactly (2⁵³ − 1).
    public static let maximumSeed: UInt64 = (1 << 53) - 1

    public init(seed: UInt64) { self.seed = seed }

    /// A fresh seed for a run given none: nine digits, short enough to read out and type again.
    public static func drawSeed() -> UInt64 { UInt64.random(in: 0..<1_000_000_000) }

    /// Student `id`'s number, below 2⁶³.
    public func number(forStudent id: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in id.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        var z = seed &+ hash &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return (z ^ (z >> 31)) >> 1
    }

    /// The numbers of `studentIDs`, in their order.
    public func numbers(forStudents studentIDs: [String]) -> [UInt64] { studentIDs.map(number(forStudent:)) }
}
