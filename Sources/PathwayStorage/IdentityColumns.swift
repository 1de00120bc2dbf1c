import PathwayCore
import PostgresClient

// The core's identity types go to and come from their columns as the values they wrap, so a
// store's signature can say `RunID` and its query still pass a `bigint`.

extension NumberedID: PostgresEncodable {
    public var postgresText: String { String(rawValue) }
}

extension NumberedID: PostgresDecodable {
    public init?(postgresText text: String) {
        guard let value = Int64(text) else { return nil }
        self.init(rawValue: value)
    }
}

extension Region: PostgresEncodable {
    public var postgresText: String { rawValue }
}

extension Region: PostgresDecodable {
    public init?(postgresText text: String) { self.init(rawValue: text) }
}
