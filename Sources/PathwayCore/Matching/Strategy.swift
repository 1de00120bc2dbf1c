/// How a run turns candidates into an assignment.
public enum Strategy: String, Sendable, Hashable, Codable, CaseIterable {
    /// Student-proposing deferred acceptance: the student-optimal stable assignment. No student
    /// and programme would both rather be together than with what they got, so no family can
    /// point to a seat that "should" have been theirs. The default.
    case stable
    /// Place as many students as possible, then maximise the total score among such assignments.
    /// Seats students the stable assignment leaves out, at the price of stability.
    case optimal
    /// No assignment: each student's ranked candidates, for counselling conversations.
    case ranked
}
