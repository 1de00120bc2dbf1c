/// The order of student and programme ids wherever the issue says "by id ascending".
///
/// Ids are compared by their UTF-8 bytes (which is Unicode code point order), not by Swift's
/// `String <`, so that the order is the one PostgreSQL's `COLLATE "C"`, Python's `sorted` and a
/// spreadsheet of ASCII ids all agree on, and no locale can change a tie-break.
enum IdentifierOrder {
    @inline(__always)
    static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}
