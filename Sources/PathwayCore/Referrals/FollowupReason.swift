/// Why a student is on the follow-up ledger (一人一案): they have no open or successful
/// referral, and this is the latest thing that happened to them.
public enum FollowupReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// No match run (other than a `ranked` one, which places nobody) has included the student.
    case never_matched
    /// The latest run that included the student left them without a seat.
    case unplaced
    /// The latest run placed the student, but no referral was made from it yet.
    case not_referred
    /// Their latest referral was declined.
    case declined
    /// They did not turn up under their latest referral.
    case no_show
    /// Their latest referral was withdrawn by the county.
    case withdrawn
    /// Registration closed while their latest referral was still open (it expired).
    case expired
    /// A referral holds them, but the school has not acknowledged it within the county's days:
    /// someone should call the school. The referral still holds the seat, so a follow-up run
    /// leaves them out.
    case overdue

    /// Whether a follow-up run matches the student again: everyone on the ledger but those an
    /// overdue referral still holds.
    public var isUnheld: Bool { self != .overdue }

    /// The reason in a few plain words, for listings.
    public var phrase: String {
        switch self {
        case .never_matched: "never matched"
        case .unplaced: "no seat in the latest run"
        case .not_referred: "placed, no referral made yet"
        case .declined: "declined the referral"
        case .no_show: "did not turn up"
        case .withdrawn: "referral withdrawn"
        case .expired: "registration closed before enrolment"
        case .overdue: "school has not acknowledged in time"
        }
    }
}

extension FollowupReason {
    /// The reason as staff say it: `phrase` in English, `拒绝了转介` in Chinese.
    public func name(in language: Language) -> String {
        guard language == .chinese else { return phrase }
        return switch self {
        case .never_matched: "从未参加匹配"
        case .unplaced: "最近一次匹配没有学位"
        case .not_referred: "已安置，尚未转介"
        case .declined: "拒绝了转介"
        case .no_show: "未报到"
        case .withdrawn: "转介已撤回"
        case .expired: "报名截止前未报到"
        case .overdue: "学校逾期未确认"
        }
    }
}
