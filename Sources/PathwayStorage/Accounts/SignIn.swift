import Foundation

/// What became of one sign-in attempt.
public enum SignIn: Sendable, Hashable {
    /// The password was right: the account, as it now stands.
    case signedIn(Account)
    /// Wrong name or password, or a disabled account: the same answer for each, so that a
    /// guesser learns nothing about which names exist.
    case refused
    /// Too many failures for this account or from this address: refused until `until`,
    /// whatever the password.
    case locked(until: Date)
}
