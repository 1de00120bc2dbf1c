import Foundation

/// Times on the portal's pages: the server's local time with its offset, as everywhere in
/// Pathway (`2026-09-01 08:30 +08:00`).
enum PortalTime {
    static func minute(_ date: Date, timeZone: TimeZone = .current) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let offset = timeZone.secondsFromGMT(for: date)
        let sign = offset < 0 ? "-" : "+"
        let hours = abs(offset) / 3600, minutes = abs(offset) % 3600 / 60
        return String(
            format: "%04d-%02d-%02d %02d:%02d %@%02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
            parts.hour ?? 0, parts.minute ?? 0, sign, hours, minutes)
    }

    /// An instant the database gave as `2026-09-01T08:00:00.000000Z`, in local time.
    static func minute(utcStamp: String?) -> String? {
        guard let stamp = utcStamp,
              let date = try? Date(String(stamp.prefix(19)) + "Z", strategy: Date.ISO8601FormatStyle())
        else { return nil }
        return minute(date)
    }
}
