import PathwayCore

/// Why a referral command or request could not be carried out.
///
/// The server maps `notFound` to 404 and `illegalTransition` to 409. Messages name ids and
/// states only, never a student, so they may be shown to a school.
public enum ReferralError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No referral has this id, or (when a school asked) it is another school's: the two are
    /// told apart nowhere, so a school never learns that another school's referral exists.
    case notFound(referralID: ReferralID)
    /// The lifecycle forbids the change; carries both states.
    case illegalTransition(ReferralTransitionError)
    /// No match run has this id in the region.
    case unknownRun(runID: RunID)
    /// The assignee or actor is empty; every referral and event needs a person behind it.
    case missingPerson(role: String)
    /// Placed students nobody is named to follow (no 班主任 on record, no `--assignee`): a
    /// referral must name a person to call. Carries how many and a few of their ids.
    case noResponsiblePerson(count: Int, studentIDs: [String])
    /// A reason code on a move that takes none (an enrolment), or `registration_closed` given
    /// by a person.
    case reasonNotAllowed(reason: OutcomeReason, status: ReferralStatus)
    /// The same referral asked to move twice, to different statuses, in one change.
    case namedTwice(referralID: ReferralID)

    public var description: String {
        switch self {
        case .notFound(let id):
            "no referral has the id \(id)"
        case .illegalTransition(let error):
            error.description
        case .unknownRun(let id):
            "no match run has the id \(id); `pathway match list` shows the runs"
        case .missingPerson(let role):
            "the \(role) is empty; give the name of the person responsible"
        case .noResponsiblePerson(let count, let ids):
            "\(count) placed students have nobody named to follow them (\(ids.joined(separator: ", "))\(count > ids.count ? ", …" : "")); "
                + "give --assignee NAME, or name them with `pathway followup assign`"
        case .reasonNotAllowed(let reason, let status):
            status == .expired || reason == .registration_closed
                ? "\(reason.rawValue) is Pathway's own reason for an expired referral; give the reason the family gave"
                : "a reason code goes with \(OutcomeReason.statuses.filter { $0 != .expired }.map(\.rawValue).joined(separator: ", ")) only, not with \(status.rawValue)"
        case .namedTwice(let id):
            "referral \(id) is named twice with different outcomes; keep one"
        }
    }
}
