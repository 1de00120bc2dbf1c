/// Numbers as the decimal text a person would type, for the reader (cell texts) and the writer
/// (the `<v>` of number cells) alike.
///
/// Swift's `Double.description` already gives the shortest text that reads back as the same
/// double (`36.5`, `0.05`, `0.30000000000000004`), but it switches to exponent notation early
/// (`1e-05`, `1e+16`) and adds `.0` to whole numbers. Here whole numbers have no `.0`, and the
/// exponent is spelt out for magnitudes in [1e-6, 1e21): ids and phone numbers that were
/// stored as numbers come back as their digits (`1.2345678901234E+17` reads
/// `123456789012340000`, the 15 digits Excel kept padded with zeros). Outside that range the
/// exponent form is kept, since pages of zeros help nobody.
enum NumberText {
    /// The cell text for a number cell's `<v>`. A plain integer literal is kept as written, so
    /// that digits beyond a double's precision are not lost; text that is not a number at all is
    /// returned unchanged rather than dropped.
    static func text(value raw: String) -> String {
        if isIntegerLiteral(raw) { return raw }
        guard let value = Double(raw), value.isFinite else { return raw }
        return plain(value)
    }

    /// `value` without exponent in [1e-6, 1e21), shortest round-trip digits, no trailing `.0`.
    static func plain(_ value: Double) -> String {
        if value == 0 { return "0" }
        let magnitude = value.magnitude
        if magnitude < 9_007_199_254_740_992, value == value.rounded(.towardZero) {
            return String(Int64(value))
        }
        guard value.isFinite, magnitude >= 1e-6, magnitude < 1e21 else { return value.description }
        let description = magnitude.description
        // Most numbers (36.5, 0.05) are already plain: only an exponent needs spelling out.
        if !description.utf8.contains(UInt8(ascii: "e")) {
            let plain = description.hasSuffix(".0") ? String(description.dropLast(2)) : description
            return value < 0 ? "-" + plain : plain
        }
        let parts = description.split(separator: "e", maxSplits: 1)
        let mantissa = parts[0]
        let exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        let pieces = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integerDigits = pieces[0]
        let fractionDigits = pieces.count > 1 ? pieces[1] : ""
        var digits = Array((integerDigits + fractionDigits).utf8)
        var point = integerDigits.utf8.count + exponent
        var leading = 0
        while leading < digits.count - 1, digits[leading] == UInt8(ascii: "0") { leading += 1 }
        digits.removeFirst(leading)
        point -= leading
        while digits.count > 1, digits.last == UInt8(ascii: "0") { digits.removeLast() }

        var result = value < 0 ? "-" : ""
        let text = String(decoding: digits, as: UTF8.self)
        if point <= 0 {
            result += "0." + String(repeating: "0", count: -point) + text
        } else if point >= digits.count {
            result += text + String(repeating: "0", count: point - digits.count)
        } else {
            let split = text.utf8.index(text.utf8.startIndex, offsetBy: point)
            result += text[..<split] + "." + text[split...]
        }
        return result
    }

    /// Whether `text` is `-?[0-9]+`.
    static func isIntegerLiteral(_ text: String) -> Bool {
        var digits = 0
        var first = true
        for byte in text.utf8 {
            defer { first = false }
            if first && byte == UInt8(ascii: "-") { continue }
            guard byte &- UInt8(ascii: "0") < 10 else { return false }
            digits += 1
        }
        return digits > 0
    }
}

/// Excel's serial dates: days since an epoch, with the time of day as the fraction.
///
/// A serial is a wall-clock value with no time zone, so the arithmetic is done on civil dates
/// directly (no `Calendar`, no `TimeZone`). In the 1900 system Excel pretends 1900 was a leap
/// year (a Lotus 1-2-3 bug it kept): serial 60 is the fictitious 1900-02-29, so serials below 60
/// count from 1899-12-31 and later ones from 1899-12-30. The 1904 system (old Mac workbooks)
/// counts from 1904-01-01 without that quirk.
enum DateSerial {
    /// The largest serial Excel shows as a date: 9999-12-31 (1900 system).
    static let maximumSerial = 2_958_465.0

    /// Days from 1970-01-01 to 1899-12-30 and to 1904-01-01.
    private static let epoch1900 = daysFromCivil(year: 1899, month: 12, day: 30)
    private static let epoch1904 = daysFromCivil(year: 1904, month: 1, day: 1)

    /// `yyyy-MM-dd`, or `yyyy-MM-dd HH:mm:ss` when there is a time part (rounded to the
    /// second), or `HH:mm:ss` for a time of day alone (serial below 1). Nil for serials Excel
    /// cannot show as dates (negative, past 9999), which are then shown as numbers.
    static func text(serial: Double, uses1904DateSystem: Bool) -> String? {
        guard serial.isFinite, serial >= 0, serial < maximumSerial + 1 else { return nil }
        let totalSeconds = Int64((serial * 86_400).rounded())
        let days = Int(totalSeconds / 86_400)
        let seconds = Int(totalSeconds % 86_400)
        let time = seconds == 0 ? nil : timeText(seconds)
        if days == 0, let time { return time }
        let date: String
        if uses1904DateSystem {
            date = civilText(daysSince1970: epoch1904 + days)
        } else if days == 60 {
            date = "1900-02-29"
        } else {
            date = civilText(daysSince1970: epoch1900 + days + (days < 60 ? 1 : 0))
        }
        guard let time else { return date }
        return date + " " + time
    }

    /// The 1900-system serial of a date, or nil when the date does not exist or lies outside
    /// 1900-01-01...9999-12-31, which Excel cannot store.
    static func serial(year: Int, month: Int, day: Int) -> Int? {
        guard (1900...9999).contains(year), (1...12).contains(month),
            (1...daysInMonth(year: year, month: month)).contains(day)
        else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day) - epoch1900
        return days < 61 ? days - 1 : days
    }

    private static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func timeText(_ seconds: Int) -> String {
        pad(seconds / 3600, 2) + ":" + pad(seconds / 60 % 60, 2) + ":" + pad(seconds % 60, 2)
    }

    private static func civilText(daysSince1970 days: Int) -> String {
        let (year, month, day) = civil(daysSince1970: days)
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date `days` after 1970-01-01.
    static func civil(daysSince1970 days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
