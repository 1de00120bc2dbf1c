/// The county's clock for referrals (county settings): how long a school has to acknowledge a
/// sent referral, and the day 中职 registration closes each year.
public struct FollowupDeadlines: Sendable, Hashable, Codable {
    /// A sent referral the school has not acknowledged after this many days is overdue.
    public var acknowledgeDays: Int
    /// The month and day registration closes in the cohort's year; an open referral expires the
    /// day after.
    public var registrationMonth: Int
    public var registrationDay: Int

    /// What a county starts with: 14 days, 20 November.
    public static let standard = FollowupDeadlines(acknowledgeDays: 14, registrationMonth: 11, registrationDay: 20)

    /// The days a county may give a school: one day to a school year.
    public static let acknowledgeDayRange = 1...365

    public init(acknowledgeDays: Int, registrationMonth: Int, registrationDay: Int) {
        self.acknowledgeDays = acknowledgeDays
        self.registrationMonth = registrationMonth
        self.registrationDay = registrationDay
    }

    /// Checks the values a person gave.
    public func validated() throws(FollowupDeadlinesError) -> FollowupDeadlines {
        guard Self.acknowledgeDayRange.contains(acknowledgeDays) else { throw .acknowledgeDays(acknowledgeDays) }
        // 2024 is a leap year: 29 February is a day a county may choose (it then falls on 1 March).
        guard CalendarDate(year: 2024, month: registrationMonth, day: registrationDay) != nil else {
            throw .registrationDay(month: registrationMonth, day: registrationDay)
        }
        return self
    }

    /// `11-20`: how the registration day is shown and given.
    public var registrationText: String {
        (registrationMonth < 10 ? "0" : "") + "\(registrationMonth)-" + (registrationDay < 10 ? "0" : "") + "\(registrationDay)"
    }

    /// Parses `MM-DD` (`11-20`, `11/20`).
    public static func registrationDay(parsing text: String) -> (month: Int, day: Int)? {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "/" })
        guard parts.count == 2, let month = Int(parts[0]), let day = Int(parts[1]),
              CalendarDate(year: 2024, month: month, day: day) != nil
        else { return nil }
        return (month, day)
    }

    /// The last day of registration for a referral of a student of `cohort` made on
    /// `referredOn`; open referrals expire the day after. A referral is for the first intake
    /// whose registration is still open on the day it is made, and never one before the
    /// student's cohort: a student who left junior school a year ago, referred in December,
    /// has until next November, not a deadline that had passed before anyone wrote to them.
    public func registrationCloses(cohort: Int?, referredOn: CalendarDate) -> CalendarDate? {
        let year = max(cohort ?? referredOn.year, referredOn.year)
        guard let closes = registrationCloses(cohort: year) else { return nil }
        return closes >= referredOn ? closes : registrationCloses(cohort: year + 1)
    }

    /// The last day of registration for a cohort: in a year without 29 February, 1 March.
    public func registrationCloses(cohort: Int) -> CalendarDate? {
        CalendarDate(year: cohort, month: registrationMonth, day: registrationDay)
            ?? CalendarDate(year: cohort, month: registrationMonth, day: registrationDay - 1)?.adding(days: 1)
    }
}

/// A deadline setting out of range.
public enum FollowupDeadlinesError: Error, Sendable, Hashable {
    case acknowledgeDays(Int)
    case registrationDay(month: Int, day: Int)
}
