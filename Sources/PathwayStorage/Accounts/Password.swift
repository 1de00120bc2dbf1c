import HummingbirdBcrypt

/// Passwords as Pathway keeps them: a bcrypt hash (salted, slow by design), from
/// hummingbird-auth's `HummingbirdBcrypt`, which needs neither Hummingbird nor a server.
///
/// Hashing takes about a quarter of a second at the default cost on this class of machine:
/// call it on a thread that may block (the connection pool's), never on an event loop.
public enum Password {
    /// log2 of bcrypt's rounds for new hashes; a stored hash keeps the cost it was made with.
    public static let defaultCost: UInt8 = 12
    public static let minimumLength = 10
    /// bcrypt ignores every byte after the 72nd.
    public static let maximumBytes = 72

    /// Refuses a password that is too short, too long for bcrypt, or has control characters.
    public static func check(_ password: String) throws(AccountError) {
        guard password.count >= minimumLength else { throw .passwordTooShort(minimum: minimumLength) }
        guard password.utf8.count <= maximumBytes else { throw .passwordTooLong(maximumBytes: maximumBytes) }
        guard !password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .passwordHasControlCharacter
        }
    }

    /// The bcrypt hash of a checked password.
    public static func hash(_ password: String, cost: UInt8 = defaultCost) throws(AccountError) -> String {
        try check(password)
        return Bcrypt.hash(password, cost: min(max(cost, 4), 31))
    }

    /// Whether `password` matches `hash`; false for anything that is not a bcrypt hash.
    public static func verify(_ password: String, hash: String) -> Bool {
        guard password.utf8.count <= maximumBytes, hash.hasPrefix("$2") else { return false }
        return Bcrypt.verify(password, hash: hash)
    }

    /// A hash of nothing anyone knows, checked when a sign-in names no account, so that an
    /// unknown name takes as long to refuse as a wrong password (no timing tells names apart).
    static let decoy = Bcrypt.hash("pathway decoy password", cost: defaultCost)

    /// A new password for a person to change later: 16 characters from an alphabet without
    /// look-alikes (no 0/O, 1/l/I), about 90 bits.
    public static func generate() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<16).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
}
