import Foundation
import PathwayCore

extension CalendarDate {
    /// The calendar day `date` falls on in `timeZone`: the day an office dates its letters.
    ///
    /// - Throws: `WorkflowError.unknownDate` if the calendar cannot say (it always can for a
    ///   date after year 1).
    public init(dayOf date: Date, in timeZone: TimeZone) throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        guard let year = parts.year, let month = parts.month, let day = parts.day,
              let date = CalendarDate(year: year, month: month, day: day)
        else { throw WorkflowError.unknownDate }
        self = date
    }

    /// Today on this machine's calendar, in its time zone.
    public static func today() throws -> CalendarDate { try CalendarDate(dayOf: Date(), in: .current) }
}
