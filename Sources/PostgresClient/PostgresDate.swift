/// A PostgreSQL `date`: a calendar day with no time zone.
///
/// Decoding a `date` into `Foundation.Date` would pin it to midnight in some time zone and
/// move birth dates across day boundaries; this keeps the three numbers as stored.
public struct PostgresDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public var description: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (a: PostgresDate, b: PostgresDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
}
