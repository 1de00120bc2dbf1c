/// How many failed sign-ins are allowed before Pathway stops listening for a while: per
/// account (someone guessing one clerk's password) and per address (someone trying many names
/// from one machine). Counts are of failures only; a success clears the account's count.
public struct SignInPolicy: Sendable, Hashable {
    /// Consecutive failures after which the account is locked.
    public var accountFailures: Int
    /// Failures from one address within `window` after which that address is refused.
    public var addressFailures: Int
    /// How long a lock lasts, and how far back the address count looks, in seconds.
    public var lockSeconds: Int

    public init(accountFailures: Int = 5, addressFailures: Int = 20, lockSeconds: Int = 15 * 60) {
        self.accountFailures = max(1, accountFailures)
        self.addressFailures = max(1, addressFailures)
        self.lockSeconds = max(1, lockSeconds)
    }
}
