/// The hard rules of issue 4 that decide whether a programme can be a candidate at all.
///
/// The scorer applies the same comparisons inline in its hot loop; `EligibilityTests` check that
/// both agree on every pair of random instances.
public enum EligibilityRules {
    /// Every rule that bites for this pair, in a fixed order (refusal, seats, score, boarding, commute);
    /// empty when the programme is eligible. All are reported, not just the first, so that a
    /// counsellor sees at once that fixing one would not be enough.
    ///
    /// Boundaries: a total equal to the minimum passes, and a campus exactly at the maximum
    /// commute passes; only "below" and "farther than" exclude.
    ///
    /// - Parameter refusal: the student's earlier no to this programme, which comes first: it
    ///   holds whatever else changes.
    public static func reasons(
        student: Student, program: Program, distanceKm: Double, maxCommuteKm: Double, refusal: ProgramRefusal? = nil
    ) -> [IneligibilityReason] {
        var reasons: [IneligibilityReason] = refusal.map { [.refused($0)] } ?? []
        if program.seats <= 0 { reasons.append(.noSeats) }
        if let minimum = program.minTotalScore.finiteValue {
            if let total = student.totalScore.finiteValue {
                if total < minimum { reasons.append(.belowMinimumScore(totalScore: total, minimum: minimum)) }
            } else {
                reasons.append(.missingTotalScore(minimum: minimum))
            }
        }
        if student.needsBoarding && !program.boarding { reasons.append(.noBoarding) }
        if !program.boarding && distanceKm > maxCommuteKm {
            reasons.append(.beyondCommute(distanceKm: distanceKm, maxCommuteKm: maxCommuteKm))
        }
        return reasons
    }
}

extension Optional where Wrapped == Double {
    /// The value when present and finite: a NaN or infinite mark that slipped past an importer is
    /// treated as missing rather than poisoning percentiles and comparisons.
    var finiteValue: Double? {
        guard let value = self, value.isFinite else { return nil }
        return value
    }
}
