/// Who a letter is written to. Each referral gives one of each: the school needs the facts to
/// admit the student, the family needs to know where, how far and what it costs.
public enum LetterKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// To the vocational school, asking it to admit the student.
    case school
    /// To the student's parents or guardian.
    case family
}
