import Foundation

extension CalendarDate {
    /// The calendar day `date` falls on in `timeZone`: the day an office dates its letters and
    /// counts waits by. nil only for a moment the Gregorian calendar cannot place (before year 1).
    public static func day(of date: Date, in timeZone: TimeZone) -> CalendarDate? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        guard let year = parts.year, let month = parts.month, let day = parts.day else { return nil }
        return CalendarDate(year: year, month: month, day: day)
    }

    /// The first moment of the day in `timeZone` (midnight, or the first hour that exists).
    public func start(in timeZone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(from: DateComponents(year: year, month: month, day: day))
    }

    /// The first moment after the day in `timeZone`: everything recorded before it happened by
    /// the end of the day.
    public func end(in timeZone: TimeZone) -> Date? {
        adding(days: 1)?.start(in: timeZone)
    }
}
