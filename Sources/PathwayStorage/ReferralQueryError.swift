/// A referral query's input could not be used.
public enum ReferralQueryError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidCursor

    public var description: String {
        switch self {
        case .invalidCursor: "the cursor is not one this server gave; start again without it"
        }
    }
}
