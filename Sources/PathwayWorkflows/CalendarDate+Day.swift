import Foundation
import PathwayCore

extension CalendarDate {
    /// The calendar day `date` falls on in `timeZone`: the day an office dates its letters.
    ///
    /// - Throws: `WorkflowError.unknownDate` if the calendar cannot say (it always can for a
    ///   date after year 1).
    public init(dayOf date: Date, in timeZone: TimeZone) throws {
        guard let day = CalendarDate.day(of: date, in: timeZone) else { throw WorkflowError.unknownDate }
        self = day
    }

    /// Today on this machine's calendar, in its time zone.
    public static func today() throws -> CalendarDate { try CalendarDate(dayOf: Date(), in: .current) }
}
