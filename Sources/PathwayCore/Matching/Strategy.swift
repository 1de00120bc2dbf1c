/// How a run turns candidates into an assignment.
public enum Strategy: String, Sendable, Hashable, Codable, CaseIterable {
    /// Student-proposing deferred acceptance: the student-optimal stable assignment. No student
    /// and programme would both rather be together than with what they got, so no family can
    /// point to a seat that "should" have been theirs. The default.
    case stable
    /// Place as many students as possible, then maximise the total score among such assignments.
    /// Seats students the stable assignment leaves out, at the price of stability.
    case optimal
    /// 平行志愿, "分数优先、遵循志愿": students in descending total score (equal totals by the
    /// tie-break subjects, then the lottery), each placed in the first wish, in the order they
    /// listed them, that is a candidate and still has a seat; batch by batch. Those left without a
    /// seat who agree to reassignment (服从调剂) then take remaining candidate seats, by score.
    /// The rule county officers know, to set beside `stable` and `optimal`.
    case parallel
    /// No assignment: each student's ranked candidates, for counselling conversations.
    case ranked
}
