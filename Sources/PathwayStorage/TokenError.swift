/// A token could not be created or revoked; the message says what to fix.
public enum TokenError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownSchool(String)
    case unknownToken(Int)

    public var description: String {
        switch self {
        case .unknownSchool(let id):
            return "there is no school \(id); `pathway schools list` shows the school ids"
        case .unknownToken(let id):
            return "there is no token \(id); `pathway tokens list` shows the token ids"
        }
    }
}
