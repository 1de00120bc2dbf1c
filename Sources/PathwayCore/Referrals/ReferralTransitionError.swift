/// A status change the referral lifecycle forbids, such as moving an enrolled referral back to
/// approved.
///
/// The message names the referral and both states, so that the person who asked sees what the
/// referral is and why it cannot become what they asked for, without looking it up.
public struct ReferralTransitionError: Error, Sendable, Hashable, CustomStringConvertible {
    public var referralID: ReferralID
    public var from: ReferralStatus
    public var to: ReferralStatus

    public init(referralID: ReferralID, from: ReferralStatus, to: ReferralStatus) {
        self.referralID = referralID
        self.from = from
        self.to = to
    }

    /// "cannot move referral 12 from enrolled to approved: enrolled is final".
    public var description: String {
        let why: String
        if from == to {
            why = "it is already \(to.rawValue)"
        } else if from.isTerminal {
            why = "\(from.rawValue) is final"
        } else {
            why = "from \(from.rawValue) it may only become \(ReferralStatus.list(from.choices))"
        }
        return "cannot move referral \(referralID) from \(from.rawValue) to \(to.rawValue): \(why)"
    }
}
