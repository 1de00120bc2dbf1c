import Foundation

/// Why a referral closed without an enrolment: the reason code the county reports by
/// (家长不同意, 路远, 费用, 想读普高, 外出务工 …), kept with the event beside the free note.
///
/// The raw values are the ones `referral_events.reason` accepts and the ones files, the command
/// line and the API use.
public enum OutcomeReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// The parents (or grandparents) do not agree.
    case parents_disagree
    /// The campus is too far from home.
    case too_far
    /// Fees, boarding or travel cost too much for the family.
    case cost
    /// The student wants academic high school (复读 or 普高 instead).
    case academic_high_school
    /// The student is going out to work (外出务工).
    case migrant_work
    /// The student enrolled at another school.
    case enrolled_elsewhere
    /// Illness or disability.
    case health
    /// Nobody could reach the family.
    case unreachable
    /// Registration closed before the student enrolled (set by Pathway when a referral expires).
    case registration_closed
    /// Anything else: the note says what.
    case other

    /// The reasons a person may give; `registration_closed` is Pathway's own.
    public static let given: [OutcomeReason] = allCases.filter { $0 != .registration_closed }

    /// The statuses a reason may come with: a referral that ended without an enrolment.
    public static let statuses: [ReferralStatus] = [.declined, .no_show, .withdrawn, .expired]

    /// The reason as the county writes it: `家长不同意`, `parents disagree`.
    public func name(in language: Language) -> String {
        switch (self, language) {
        case (.parents_disagree, .chinese): "家长不同意"
        case (.parents_disagree, .english): "parents disagree"
        case (.too_far, .chinese): "路远"
        case (.too_far, .english): "too far"
        case (.cost, .chinese): "费用"
        case (.cost, .english): "cost"
        case (.academic_high_school, .chinese): "想读普高"
        case (.academic_high_school, .english): "wants academic high school"
        case (.migrant_work, .chinese): "外出务工"
        case (.migrant_work, .english): "going out to work"
        case (.enrolled_elsewhere, .chinese): "已在其他学校就读"
        case (.enrolled_elsewhere, .english): "enrolled elsewhere"
        case (.health, .chinese): "健康原因"
        case (.health, .english): "health"
        case (.unreachable, .chinese): "联系不上"
        case (.unreachable, .english): "unreachable"
        case (.registration_closed, .chinese): "报名已截止"
        case (.registration_closed, .english): "registration closed"
        case (.other, .chinese): "其他"
        case (.other, .english): "other"
        }
    }

    /// Reads a reason as people write it in a file or on the command line: the code, or its
    /// Chinese or English name (`家长不同意`, `parents disagree`), or a few common variants.
    public init?(parsing text: some StringProtocol) {
        let key = text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: " ", with: "_")
        if let code = OutcomeReason(rawValue: key) {
            self = code
            return
        }
        let spoken = text.trimmingCharacters(in: .whitespaces)
        for reason in OutcomeReason.allCases
        where reason.name(in: .chinese) == spoken || reason.name(in: .english).lowercased() == spoken.lowercased() {
            self = reason
            return
        }
        let variants: [String: OutcomeReason] = [
            "家长不同意入读": .parents_disagree, "家长反对": .parents_disagree, "路途远": .too_far, "离家远": .too_far,
            "距离远": .too_far, "费用高": .cost, "经济困难": .cost, "家庭困难": .cost, "读普高": .academic_high_school,
            "复读": .academic_high_school, "打工": .migrant_work, "务工": .migrant_work, "外出打工": .migrant_work,
            "已入读其他学校": .enrolled_elsewhere, "他校就读": .enrolled_elsewhere, "身体原因": .health,
            "无法联系": .unreachable, "联系不到": .unreachable,
        ]
        guard let reason = variants[spoken] else { return nil }
        self = reason
    }
}

/// A dictionary keyed by reason is written as a JSON object keyed by code (`{"too_far": 2}`),
/// not as the key-value array Swift writes for other enum keys.
extension OutcomeReason: CodingKeyRepresentable {}
