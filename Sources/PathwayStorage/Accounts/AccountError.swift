/// An account could not be created or changed; the message says what to fix.
public enum AccountError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The sign-in name is not 2 to 64 lower-case ASCII letters, digits, `.`, `_`, `-`.
    case invalidUsername(String)
    case usernameTaken(String)
    /// Another counsellor of the region has this name: their caseloads would be one.
    case displayNameTaken(String)
    case unknownAccount(String)
    /// The display name is empty or longer than 100 characters.
    case invalidDisplayName
    /// A clerk needs a school, staff must not have one.
    case schoolRequired
    case schoolNotAllowed(AccountRole)
    case unknownSchool(String)
    case passwordTooShort(minimum: Int)
    /// bcrypt reads 72 bytes at most: a longer password would be silently cut.
    case passwordTooLong(maximumBytes: Int)
    /// A control character (a stray newline from a pasted file).
    case passwordHasControlCharacter

    public var description: String {
        switch self {
        case .invalidUsername(let name):
            return "\"\(name)\" cannot be a user name: use 2 to 64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit"
        case .usernameTaken(let name): return "there is already an account named \(name)"
        case .displayNameTaken(let name):
            return "another counsellor of the region is called \(name): a counsellor follows the students named for them, so give a name that tells the two apart (王老师（城关）)"
        case .unknownAccount(let name): return "there is no account named \(name); `pathway users list` shows them"
        case .invalidDisplayName: return "the person's name must not be empty or longer than 100 characters"
        case .schoolRequired: return "a school clerk's account needs --school (the vocational school it acts for)"
        case .schoolNotAllowed(let role): return "a \(role.rawValue) account is not bound to a school: leave out --school"
        case .unknownSchool(let id): return "there is no school \(id); `pathway schools list` shows the school ids"
        case .passwordTooShort(let minimum): return "the password must have at least \(minimum) characters"
        case .passwordTooLong(let maximum): return "the password must be at most \(maximum) bytes long (bcrypt reads no more)"
        case .passwordHasControlCharacter: return "the password contains a control character (a line break?)"
        }
    }
}
