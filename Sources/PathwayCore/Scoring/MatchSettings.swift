/// Everything about a run that is not data: weights, how many candidates, commute limit, strategy.
///
/// Stored with each run (issue 5) so that a run can be reproduced and compared; the same students,
/// programmes and settings always give byte-identical results.
public struct MatchSettings: Sendable, Hashable, Codable {
    /// Relative weights of interest, grades and location in the total score.
    public let weights: ScoreWeights
    /// K: each student keeps at most this many candidates, the best-scoring eligible programmes.
    public let candidateLimit: Int
    /// Farthest a student is expected to travel daily to a programme without boarding, in km.
    public let maxCommuteKm: Double
    /// How candidates become an assignment.
    public let strategy: Strategy

    /// Defaults from issue 4: weights 0.5/0.3/0.2, K = 20, 30 km, `stable`.
    public static let standard = MatchSettings(
        uncheckedWeights: .standard, candidateLimit: 20, maxCommuteKm: 30, strategy: .stable)

    /// The most candidates kept per student: more than any counsellor reads, and K × students
    /// rows are stored with every run.
    public static let maximumCandidateLimit = 1000
    /// The farthest daily commute accepted, in km: beyond it "daily" means nothing.
    public static let maximumCommuteKm = 500.0

    /// Refuses settings that cannot produce a meaningful match, or that would only exhaust
    /// memory or overflow (`--candidates 1000000000`, `--max-commute-km 1e308`).
    public init(
        weights: ScoreWeights = .standard, candidateLimit: Int = 20, maxCommuteKm: Double = 30,
        strategy: Strategy = .stable
    ) throws(MatchSettingsError) {
        guard (1...Self.maximumCandidateLimit).contains(candidateLimit) else { throw .invalidCandidateLimit(candidateLimit) }
        guard maxCommuteKm.isFinite, maxCommuteKm > 0, maxCommuteKm <= Self.maximumCommuteKm else {
            throw .invalidMaxCommute(maxCommuteKm)
        }
        self.init(
            uncheckedWeights: weights, candidateLimit: candidateLimit, maxCommuteKm: maxCommuteKm,
            strategy: strategy)
    }

    private init(
        uncheckedWeights weights: ScoreWeights, candidateLimit: Int, maxCommuteKm: Double,
        strategy: Strategy
    ) {
        self.weights = weights
        self.candidateLimit = candidateLimit
        self.maxCommuteKm = maxCommuteKm
        self.strategy = strategy
    }

    private enum CodingKeys: String, CodingKey { case weights, candidateLimit, maxCommuteKm, strategy }

    /// Decoding validates like the initializer, so a stored run cannot smuggle in bad settings.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        do {
            try self.init(
                weights: container.decode(ScoreWeights.self, forKey: .weights),
                candidateLimit: container.decode(Int.self, forKey: .candidateLimit),
                maxCommuteKm: container.decode(Double.self, forKey: .maxCommuteKm),
                strategy: container.decode(Strategy.self, forKey: .strategy))
        } catch let error as MatchSettingsError {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }
}
