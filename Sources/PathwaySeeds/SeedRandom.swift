/// The generator's source of randomness: xoshiro256** seeded through SplitMix64.
///
/// Written out here rather than taken from the standard library because Seeds must be
/// identical for identical parameters on every machine and toolchain: `SystemRandomNumberGenerator`
/// is not seedable, and the algorithms behind `Int.random(in:using:)` and `shuffle(using:)` are
/// not promised to stay the same across Swift releases. Every derived draw below uses only
/// integer arithmetic and exactly rounded floating-point operations, never `log` or `cos`,
/// whose last bits may differ between C libraries.
struct SeedRandom {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    init(seed: UInt64) {
        var splitMix = seed
        func nextSplitMix() -> UInt64 {
            splitMix &+= 0x9E37_79B9_7F4A_7C15
            var z = splitMix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (nextSplitMix(), nextSplitMix(), nextSplitMix(), nextSplitMix())
    }

    /// The next 64 random bits (xoshiro256**).
    mutating func next() -> UInt64 {
        let result = rotateLeft(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotateLeft(state.3, 45)
        return result
    }

    private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }

    /// Uniform in `0..<bound` (Lemire's multiply-and-reject, without bias); 0 when bound ≤ 0.
    mutating func int(below bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold {
                product = next().multipliedFullWidth(by: range)
            }
        }
        return Int(product.high)
    }

    /// Uniform in `range`.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + int(below: range.upperBound - range.lowerBound + 1)
    }

    /// Uniform in [0, 1), from the top 53 bits.
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform in `[lower, upper)`.
    mutating func uniform(_ lower: Double, _ upper: Double) -> Double {
        lower + (upper - lower) * unit()
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool {
        unit() < p
    }

    /// Approximately normal (Irwin–Hall: twelve uniforms minus six), bounded to ±6 standard
    /// deviations, which suits exam scores better than an unbounded tail would.
    mutating func normal(mean: Double = 0, deviation: Double = 1) -> Double {
        var sum = 0.0
        for _ in 0..<12 { sum += unit() }
        return mean + deviation * (sum - 6)
    }

    /// One element of a non-empty array, uniformly; `nil` for an empty one.
    mutating func element<T>(of items: [T]) -> T? {
        items.isEmpty ? nil : items[int(below: items.count)]
    }

    /// An index drawn with probability proportional to `weights` (all ≥ 0; not all zero).
    mutating func index(weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        guard total > 0 else { return int(below: weights.count) }
        var target = unit() * total
        for (index, weight) in weights.enumerated() {
            target -= weight
            if target < 0 { return index }
        }
        return weights.count - 1
    }

    /// A Fisher–Yates shuffle of `items`.
    mutating func shuffled<T>(_ items: [T]) -> [T] {
        var result = items
        var index = result.count - 1
        while index > 0 {
            result.swapAt(index, int(below: index + 1))
            index -= 1
        }
        return result
    }
}
