import Foundation

/// A Swift value that can be sent as a statement parameter.
///
/// Parameters travel in PostgreSQL's text format and the server casts them to the column's
/// type, so the encoding only has to be the canonical text PostgreSQL parses back exactly.
public protocol PostgresEncodable: Sendable {
    /// The text PostgreSQL parses into this value.
    var postgresText: String { get }
}

extension String: PostgresEncodable {
    public var postgresText: String { self }
}

extension Substring: PostgresEncodable {
    public var postgresText: String { String(self) }
}

extension Int: PostgresEncodable {
    public var postgresText: String { String(self) }
}

extension Int32: PostgresEncodable {
    public var postgresText: String { String(self) }
}

extension Int64: PostgresEncodable {
    public var postgresText: String { String(self) }
}

extension Double: PostgresEncodable {
    /// Swift prints the shortest text that reads back to the same bits, as PostgreSQL 12+
    /// does for `float8`, so a value survives the round trip exactly.
    public var postgresText: String {
        if isNaN { return "NaN" }
        if isInfinite { return self < 0 ? "-Infinity" : "Infinity" }
        return description
    }
}

extension Bool: PostgresEncodable {
    public var postgresText: String { self ? "true" : "false" }
}

extension PostgresDate: PostgresEncodable {
    public var postgresText: String { description }
}

extension Date: PostgresEncodable {
    /// ISO 8601 in UTC with microseconds, PostgreSQL's own precision.
    public var postgresText: String { PostgresTimestamp.format(self) }
}
