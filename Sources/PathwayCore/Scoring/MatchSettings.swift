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
    /// The lottery's seed: ties no other rule breaks go to the lower lottery number. Nil for
    /// runs stored before the lottery, whose ties went by student id ascending, and for a
    /// caller that wants that order.
    public let seed: UInt64?
    /// Under `parallel`, the subjects (by code, `math`) that break equal totals, in order: the
    /// higher mark first, a missing mark last.
    public let tieBreakSubjects: [String]

    /// 数学, 语文, 英语: the chain most counties' 中考 rules use.
    public static let standardTieBreakSubjects = ["math", "chinese", "english"]
    /// The most subjects a tie-break chain may name.
    public static let maximumTieBreakSubjects = 12

    /// Defaults from issue 4: weights 0.5/0.3/0.2, K = 20, 30 km, `stable`; no seed.
    public static let standard = MatchSettings(
        uncheckedWeights: .standard, candidateLimit: 20, maxCommuteKm: 30, strategy: .stable, seed: nil,
        tieBreakSubjects: standardTieBreakSubjects)

    /// The lottery of the run, or nil when ties go by student id.
    public var lottery: Lottery? { seed.map(Lottery.init(seed:)) }

    /// The most candidates kept per student: more than any counsellor reads, and K × students
    /// rows are stored with every run.
    public static let maximumCandidateLimit = 1000
    /// The farthest daily commute accepted, in km: beyond it "daily" means nothing.
    public static let maximumCommuteKm = 500.0

    /// Refuses settings that cannot produce a meaningful match, or that would only exhaust
    /// memory or overflow (`--candidates 1000000000`, `--max-commute-km 1e308`).
    public init(
        weights: ScoreWeights = .standard, candidateLimit: Int = 20, maxCommuteKm: Double = 30,
        strategy: Strategy = .stable, seed: UInt64? = nil, tieBreakSubjects: [String] = standardTieBreakSubjects
    ) throws(MatchSettingsError) {
        guard (1...Self.maximumCandidateLimit).contains(candidateLimit) else { throw .invalidCandidateLimit(candidateLimit) }
        guard maxCommuteKm.isFinite, maxCommuteKm > 0, maxCommuteKm <= Self.maximumCommuteKm else {
            throw .invalidMaxCommute(maxCommuteKm)
        }
        if let seed, seed > Lottery.maximumSeed { throw .invalidSeed(seed) }
        guard tieBreakSubjects.count <= Self.maximumTieBreakSubjects else { throw .tooManyTieBreakSubjects(tieBreakSubjects.count) }
        var seen = Set<String>()
        for subject in tieBreakSubjects {
            guard !subject.isEmpty, subject.count <= 40, subject.unicodeScalars.allSatisfy({ !$0.properties.isWhitespace && $0.value >= 0x20 })
            else { throw .invalidTieBreakSubject(subject) }
            guard seen.insert(subject).inserted else { throw .repeatedTieBreakSubject(subject) }
        }
        self.init(
            uncheckedWeights: weights, candidateLimit: candidateLimit, maxCommuteKm: maxCommuteKm,
            strategy: strategy, seed: seed, tieBreakSubjects: tieBreakSubjects)
    }

    private init(
        uncheckedWeights weights: ScoreWeights, candidateLimit: Int, maxCommuteKm: Double,
        strategy: Strategy, seed: UInt64?, tieBreakSubjects: [String]
    ) {
        self.weights = weights
        self.candidateLimit = candidateLimit
        self.maxCommuteKm = maxCommuteKm
        self.strategy = strategy
        self.seed = seed
        self.tieBreakSubjects = tieBreakSubjects
    }

    /// The same settings with another strategy.
    public func with(strategy: Strategy) -> MatchSettings {
        MatchSettings(
            uncheckedWeights: weights, candidateLimit: candidateLimit, maxCommuteKm: maxCommuteKm,
            strategy: strategy, seed: seed, tieBreakSubjects: tieBreakSubjects)
    }

    private enum CodingKeys: String, CodingKey {
        case weights, candidateLimit, maxCommuteKm, strategy, seed, tieBreakSubjects
    }

    /// Decoding validates like the initializer, so a stored run cannot smuggle in bad settings.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        do {
            try self.init(
                weights: container.decode(ScoreWeights.self, forKey: .weights),
                candidateLimit: container.decode(Int.self, forKey: .candidateLimit),
                maxCommuteKm: container.decode(Double.self, forKey: .maxCommuteKm),
                strategy: container.decode(Strategy.self, forKey: .strategy),
                seed: container.decodeIfPresent(UInt64.self, forKey: .seed),
                tieBreakSubjects: container.decodeIfPresent([String].self, forKey: .tieBreakSubjects)
                    ?? Self.standardTieBreakSubjects)
        } catch let error as MatchSettingsError {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }
}
