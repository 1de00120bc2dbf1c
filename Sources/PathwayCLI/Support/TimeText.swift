import Foundation

/// Times as people read them: in the machine's time zone (`TZ`), always with the offset, never
/// bare UTC.
enum TimeText {
    /// `2026-11-29 14:30 +08:00`.
    static func minute(_ date: Date) -> String {
        format(date, "yyyy-MM-dd HH:mm xxx")
    }

    /// `2026-11-29T14:30:12+08:00`, for JSON.
    static func iso(_ date: Date) -> String {
        format(date, "yyyy-MM-dd'T'HH:mm:ssxxx")
    }

    /// Reads `YYYY-MM-DD` (the start of the day) or `YYYY-MM-DD HH:MM` in local time.
    static func parse(_ text: String) -> Date? {
        for pattern in ["yyyy-MM-dd HH:mm", "yyyy-MM-dd"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.calendar = Calendar(identifier: .gregorian)
            formatter.timeZone = .current
            formatter.dateFormat = pattern
            formatter.isLenient = false
            if let date = formatter.date(from: text.trimmingCharacters(in: .whitespaces)) { return date }
        }
        return nil
    }

    private static func format(_ date: Date, _ pattern: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = .current
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }
}
