/// A hard rule that keeps a programme from being a student's candidate, with the figures that
/// made it bite, so that the explanation can quote them.
public enum IneligibilityReason: Sendable, Hashable, Codable {
    /// The programme offers no seats this year.
    case noSeats
    /// The student's total score is below the programme's minimum.
    case belowMinimumScore(totalScore: Double, minimum: Double)
    /// The programme has a minimum and the student has no total score on record.
    case missingTotalScore(minimum: Double)
    /// The student needs boarding and the programme offers none.
    case noBoarding
    /// The programme has no boarding and the campus is farther than a daily commute.
    case beyondCommute(distanceKm: Double, maxCommuteKm: Double)
    /// The student declined this programme, or did not turn up for it, under an earlier
    /// referral: it is never offered again.
    case refused(ProgramRefusal)
}
