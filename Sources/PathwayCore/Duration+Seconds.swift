extension Duration {
    /// The duration in seconds, for timings reported next to results (runs, imports).
    public var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}
