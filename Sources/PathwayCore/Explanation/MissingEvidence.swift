/// A piece of data a component would have used but the records lack. Each one lowers the
/// confidence of the explanation and is named in it, so staff know what to collect.
public enum MissingEvidence: String, Sendable, Hashable, Codable {
    /// The student listed no wishes; a neutral wish value was used.
    case wishes
    /// The student has no Holland code; the neutral congruence was used.
    case studentHollandCode
    /// The programme has no Holland code; the neutral congruence was used.
    case programHollandCode
    /// The student has no mark in a key subject; the overall standing stood in for it.
    case keySubjectMark
    /// The student has no total score; the mean subject percentile, or 0.5, stood in for it.
    case totalScore
}
