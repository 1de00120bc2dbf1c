/// A small seeded generator (Steele, Lea and Flood's SplitMix64), so that a benchmark instance is
/// the same on every machine and every run for a given seed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1), from the top 53 bits.
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Standard normal, by Box–Muller.
    mutating func normal() -> Double {
        let u = max(unit(), 0x1p-53)
        let v = unit()
        return (-2 * BenchmarkMath.log(u)).squareRoot() * BenchmarkMath.cos(2 * Double.pi * v)
    }

    /// Uniform integer in `range`.
    mutating func int(in range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { unit() < p }
}
