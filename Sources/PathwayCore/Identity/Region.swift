/// The county (or other unit) a set of students, runs and referrals belongs to: the scope every
/// store, lock and job works in.
///
/// It is chosen once, at the front end (`--region`, `PATHWAY_REGION`, or an API token's school),
/// and passed down; nothing below the front ends assumes one. `local` is the region of an
/// installation that serves one county.
public struct Region: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The name stored in every `region` column.
    public let rawValue: String

    /// The region of a one-county installation.
    public static let local = Region(checked: "local")

    /// Longest name accepted: a region is a short code such as `qinglan` or `520122`.
    public static let maximumLength = 64

    /// A region name: 1 to 64 letters, digits, `-`, `_` or `.` (ASCII or CJK letters), so that
    /// it can be printed, put in a file name and compared without surprises; nil otherwise.
    public init?(rawValue: String) {
        guard !rawValue.isEmpty, rawValue.count <= Self.maximumLength,
              rawValue.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0) })
        else { return nil }
        self.rawValue = rawValue
    }

    private init(checked: String) { rawValue = checked }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let region = Region(rawValue: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a region name: \(text)"))
        }
        self = region
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
