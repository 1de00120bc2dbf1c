/// Where a referral stands, from the county's proposal to the student's enrolment.
///
/// The raw values are the ones the `referrals.status` column accepts, so a status read from
/// the database, a command line or an HTTP body is parsed with `init(rawValue:)`.
///
/// The lifecycle:
///
///     proposed -> approved -> sent -> acknowledged -> enrolled | declined | no_show
///                                 \--------------------> enrolled | declined | no_show
///     proposed | approved | sent | acknowledged -> withdrawn
///     proposed | approved | sent | acknowledged -> expired  (registration closed; Pathway's own move)
///
/// A school may report an outcome straight from `sent`: schools often report enrolment without
/// having acknowledged the letter first, and refusing that would only make them send two
/// requests for one fact. Moving to the state a referral is already in is refused too, so that
/// every recorded event is a real change (a retried request gets a clear refusal, not a second
/// event).
public enum ReferralStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Made from a match run; not yet checked by the county.
    case proposed
    /// Checked by the county; the letter may go out.
    case approved
    /// The letter went to the school (and the family); the school may now see the referral.
    case sent
    /// The school has seen it and expects the student.
    case acknowledged
    /// The student enrolled: the case is closed successfully.
    case enrolled
    /// The student or family said no.
    case declined
    /// The student never turned up.
    case no_show
    /// The county took the referral back (wrong data, the student moved, a better match).
    case withdrawn
    /// Registration (中职报名) closed while the referral was still open: the student returns to
    /// the follow-up ledger. Only Pathway moves a referral here (`FollowupDeadlines`).
    case expired

    /// Still under way: the student is being followed under this referral.
    public var isOpen: Bool {
        switch self {
        case .proposed, .approved, .sent, .acknowledged: true
        case .enrolled, .declined, .no_show, .withdrawn, .expired: false
        }
    }

    /// Nothing may follow; the status is final.
    public var isTerminal: Bool { !isOpen }

    /// Enrolled: the only end in which the student needs no further follow-up.
    public var isSuccessful: Bool { self == .enrolled }

    /// Open or enrolled: the referral holds the student (no second referral) and its seat.
    public var holdsSeat: Bool { isOpen || isSuccessful }

    /// The outcomes that close a referral a school reports on; reachable from `sent` and
    /// `acknowledged`.
    public static let outcomes: [ReferralStatus] = [.enrolled, .declined, .no_show]

    /// Everything a vocational school may report, by the API, a file or the command line: that
    /// it has the referral, and then the outcome. The one list every front end checks against.
    public static let schoolReports: [ReferralStatus] = [.acknowledged] + outcomes

    /// A student who declined a programme, or did not turn up for it, is never offered it again.
    public var refusesProgram: Bool { self == .declined || self == .no_show }

    /// The statuses a referral in this status may move to, in lifecycle order.
    public var successors: [ReferralStatus] {
        switch self {
        case .proposed: [.approved, .withdrawn, .expired]
        case .approved: [.sent, .withdrawn, .expired]
        case .sent: [.acknowledged] + Self.outcomes + [.withdrawn, .expired]
        case .acknowledged: Self.outcomes + [.withdrawn, .expired]
        case .enrolled, .declined, .no_show, .withdrawn, .expired: []
        }
    }

    /// The moves a person may make from this status: every successor but `expired`, which only
    /// the registration deadline makes.
    public var choices: [ReferralStatus] { successors.filter { $0 != .expired } }

    /// Whether the lifecycle allows moving from this status to `next`.
    public func canMove(to next: ReferralStatus) -> Bool {
        successors.contains(next)
    }

    /// Checks a move of referral `referralID` to `next`, returning `next` when it is allowed.
    ///
    /// - Throws: `ReferralTransitionError` naming both states when the lifecycle forbids it.
    @discardableResult
    public func checkMove(to next: ReferralStatus, referralID: ReferralID) throws(ReferralTransitionError) -> ReferralStatus {
        guard canMove(to: next) else {
            throw ReferralTransitionError(referralID: referralID, from: self, to: next)
        }
        return next
    }

    /// The states the statuses set lists, e.g. "approved or withdrawn", for messages.
    static func list(_ statuses: [ReferralStatus]) -> String {
        let names = statuses.map(\.rawValue)
        guard let last = names.last else { return "nothing" }
        return names.count == 1 ? last : names.dropLast().joined(separator: ", ") + " or " + last
    }
}

extension ReferralStatus: CustomStringConvertible {
    public var description: String { rawValue }
}

extension ReferralStatus {
    /// The status as staff and school clerks say it: `enrolled`, `已报到`.
    public func name(in language: Language) -> String {
        guard language == .chinese else { return rawValue }
        return switch self {
        case .proposed: "拟转介"
        case .approved: "已审核"
        case .sent: "已发送"
        case .acknowledged: "学校已确认"
        case .enrolled: "已报到"
        case .declined: "已拒绝"
        case .no_show: "未报到"
        case .withdrawn: "已撤回"
        case .expired: "已过期"
        }
    }
}
