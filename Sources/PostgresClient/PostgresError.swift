/// An error from PostgreSQL or from talking to it.
///
/// `description` carries the SQLSTATE and the server's primary message, which name constraints
/// and columns but not row values; the `detail` (which may quote values, e.g. the duplicate key)
/// is kept apart so that a caller decides whether to show it.
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, independent of the server's wording.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        let name: String
        /// The connection could not be opened or was lost.
        public static let connection = Kind(name: "connection failed")
        /// The server rejected a statement.
        public static let server = Kind(name: "server error")
        /// A `COPY` could not be started, fed or finished.
        public static let copy = Kind(name: "copy failed")
        /// A value in a result did not have the expected type.
        public static let decoding = Kind(name: "decoding failed")
        /// The wrapper was used in a way libpq does not allow (e.g. a closed connection).
        public static let misuse = Kind(name: "misuse")
        public var description: String { name }
    }

    /// SQLSTATE codes callers branch on. See PostgreSQL's "Appendix A. Error Codes".
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        public let raw: String
        public init(_ raw: String) { self.raw = raw }
        public static let uniqueViolation = Code("23505")
        public static let foreignKeyViolation = Code("23503")
        public static let checkViolation = Code("23514")
        public static let notNullViolation = Code("23502")
        public static let invalidTextRepresentation = Code("22P02")
        public static let serializationFailure = Code("40001")
        public static let deadlockDetected = Code("40P01")
        public static let lockNotAvailable = Code("55P03")
        public static let undefinedTable = Code("42P01")
        public static let invalidCatalogName = Code("3D000")
        public static let duplicateDatabase = Code("42P04")
        public static let queryCanceled = Code("57014")
        public static let adminShutdown = Code("57P01")
        public static let cannotConnectNow = Code("57P03")
        public var description: String { raw }
    }

    public var kind: Kind
    /// The five-character SQLSTATE, when the server sent one.
    public var code: Code?
    /// The server's (or libpq's) primary message.
    public var message: String
    /// Secondary detail; may contain row values.
    public var detail: String?
    /// A suggestion what to do about it.
    public var hint: String?

    public init(kind: Kind, code: Code? = nil, message: String, detail: String? = nil, hint: String? = nil) {
        self.kind = kind
        self.code = code
        self.message = message
        self.detail = detail
        self.hint = hint
    }

    /// `sqlState` under the name PostgreSQL's documentation uses.
    public var sqlState: String? { code?.raw }

    public var description: String {
        var text = message
        if let code { text = "\(text) (SQLSTATE \(code.raw))" }
        if let hint { text += "\nhint: \(hint)" }
        return text
    }
}
