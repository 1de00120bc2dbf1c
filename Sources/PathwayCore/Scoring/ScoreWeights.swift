/// How much each component counts in a candidate's total score.
///
/// Weights are relative: the total divides by their sum, so `0.5/0.3/0.2` and `5/3/2` rank every
/// pair identically and give the same totals. Staff change them per run to test how sensitive a
/// referral is to, say, distance, without touching the components themselves.
public struct ScoreWeights: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Weight of the interest component (wishes and Holland congruence).
    public let interest: Double
    /// Weight of the grades component (key-subject percentile within the cohort).
    public let grades: Double
    /// Weight of the location component (decay with distance from home).
    public let location: Double

    /// The weights the issue fixes as the default: interest 0.5, grades 0.3, location 0.2.
    public static let standard = ScoreWeights(unchecked: 0.5, 0.3, 0.2)

    /// The largest weight accepted. Weights are relative, so 1000 is room enough for any ratio a
    /// person means; larger ones (`1e308`) would overflow the total to infinity.
    public static let maximum = 1000.0

    /// Refuses weights that would make a total meaningless: negative, not finite, above
    /// `maximum`, or all zero.
    public init(interest: Double, grades: Double, location: Double) throws(MatchSettingsError) {
        for (name, value) in [("interest", interest), ("grades", grades), ("location", location)] {
            guard value.isFinite, value >= 0, value <= Self.maximum else {
                throw .invalidWeight(component: name, value: value)
            }
        }
        guard interest + grades + location > 0 else { throw .weightsSumToZero }
        self.init(unchecked: interest, grades, location)
    }

    private init(unchecked interest: Double, _ grades: Double, _ location: Double) {
        self.interest = interest
        self.grades = grades
        self.location = location
    }

    /// The sum the total is divided by.
    public var sum: Double { interest + grades + location }

    /// `100 × Σ weight × component / Σ weight`, the one place the total is computed.
    ///
    /// Every path that needs a total (candidate scoring, pruning bounds, explanations) calls this,
    /// so the exported score and the explained score are the same bits. Rounding is monotone in
    /// each component, which the scorer's pruning relies on: raising a component never lowers the
    /// result.
    @inlinable
    public func total(interest i: Double, grades g: Double, location l: Double) -> Double {
        100 * (interest * i + grades * g + location * l) / (interest + grades + location)
    }

    /// `interest=0.5,grades=0.3,location=0.2`, the form the command line accepts.
    public var description: String {
        "interest=\(interest),grades=\(grades),location=\(location)"
    }

    private enum CodingKeys: String, CodingKey { case interest, grades, location }

    /// Decoding validates like the initializer, so a stored run cannot smuggle in bad weights.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        do {
            try self.init(
                interest: container.decode(Double.self, forKey: .interest),
                grades: container.decode(Double.self, forKey: .grades),
                location: container.decode(Double.self, forKey: .location))
        } catch let error as MatchSettingsError {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }
}
