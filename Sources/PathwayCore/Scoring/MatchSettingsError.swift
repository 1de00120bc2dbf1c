/// A run setting that cannot produce a meaningful match, with what to change.
public enum MatchSettingsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A weight is negative, infinite or NaN.
    case invalidWeight(component: String, value: Double)
    /// All three weights are zero, so no total can be formed.
    case weightsSumToZero
    /// The candidate limit K is below 1.
    case invalidCandidateLimit(Int)
    /// The maximum commute is not a positive finite number of kilometres.
    case invalidMaxCommute(Double)
    /// The lottery seed is beyond `Lottery.maximumSeed`.
    case invalidSeed(UInt64)
    /// A tie-break chain names more subjects than `MatchSettings.maximumTieBreakSubjects`.
    case tooManyTieBreakSubjects(Int)
    /// A tie-break subject is empty, too long or holds spaces or control characters.
    case invalidTieBreakSubject(String)
    /// A tie-break subject is named twice.
    case repeatedTieBreakSubject(String)

    /// A message a person can act on; it names the setting and the value given.
    public var description: String {
        switch self {
        case .invalidWeight(let component, let value):
            "weights: \(component)=\(value) is not allowed; each weight must be a number from 0 to \(Int(ScoreWeights.maximum))"
        case .weightsSumToZero:
            "weights: interest, grades and location are all 0; at least one must be positive"
        case .invalidCandidateLimit(let value):
            "candidates: \(value) is not allowed; keep from 1 to \(MatchSettings.maximumCandidateLimit) candidates per student"
        case .invalidMaxCommute(let value):
            "max-commute-km: \(value) is not allowed; it must be a number of kilometres above 0 and at most \(Int(MatchSettings.maximumCommuteKm))"
        case .invalidSeed(let value):
            "seed: \(value) is not allowed; a seed is a whole number from 0 to \(Lottery.maximumSeed)"
        case .tooManyTieBreakSubjects(let count):
            "tie-break: \(count) subjects is too many; name at most \(MatchSettings.maximumTieBreakSubjects)"
        case .invalidTieBreakSubject(let subject):
            "tie-break: \"\(subject)\" is not a subject code; use codes such as math, chinese, english"
        case .repeatedTieBreakSubject(let subject):
            "tie-break: \(subject) is named twice"
        }
    }
}
