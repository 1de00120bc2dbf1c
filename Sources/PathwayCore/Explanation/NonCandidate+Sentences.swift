extension NonCandidate {
    /// Why the programme is not on the student's list, in plain sentences: each hard rule that
    /// bites, or, for an eligible programme, where it ranked against the K kept.
    public func sentences(language: Language) -> [String] {
        let text = ExplanationText(language: language)
        switch reason {
        case .ineligible(let reasons):
            return reasons.map(text.reason)
        case .belowCutoff(let rank, let limit):
            return language == .chinese
                ? ["符合条件，但在学生符合条件的专业中综合得分排第\(rank)位，本次只保留得分最高的\(limit)个作为候选。"]
                : ["Eligible, but no. \(rank) by total score among the student's eligible programmes; the run keeps the best \(limit) as candidates."]
        }
    }
}
