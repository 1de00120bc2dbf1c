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
        }
    }
}
