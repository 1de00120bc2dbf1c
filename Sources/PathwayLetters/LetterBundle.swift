import Foundation
import PathwayCore
import Synchronization

/// A pile of letters that goes to one person, in the order they hand them out: a vocational
/// school's letters, or the family letters of one junior-school class (its responsible teacher,
/// the 班主任), by the students' names in pinyin order.
public struct LetterBundle: Sendable {
    public var kind: LetterKind
    /// Whom the pile goes to: the school's name; the junior school and the teacher.
    public var recipient: String
    /// The bundle's print file without its extensions, safe whatever a name holds.
    public var fileStem: String
    public var letters: [ReferralLetter]

    /// Chinese names sort as a class list does, by pinyin.
    static let nameOrder = Locale(identifier: "zh@collation=pinyin")

    /// The bundles of `letters`, kinds in the order given: school letters by school id, family
    /// letters by junior school and teacher, each bundle's letters by student name.
    public static func bundles(_ letters: [ReferralLetter], kinds: [LetterKind]) -> [LetterBundle] {
        let unsorted = piles(letters, kinds: kinds)
        // Comparing names by pinyin is the slow part (seconds for 100,000 letters): one bundle
        // per core at a time.
        let sorted = Mutex(unsorted)
        DispatchQueue.concurrentPerform(iterations: unsorted.count) { index in
            let letters = sortedByName(unsorted[index].letters)
            sorted.withLock { $0[index].letters = letters }
        }
        return sorted.withLock { $0 }
    }

    /// The bundles, their letters in the order given.
    private static func piles(_ letters: [ReferralLetter], kinds: [LetterKind]) -> [LetterBundle] {
        kinds.flatMap { kind -> [LetterBundle] in
            switch kind {
            case .school:
                let bySchool = Dictionary(grouping: letters, by: \.school.id)
                return bySchool.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.compactMap { id in
                    guard let pile = bySchool[id], let school = pile.first?.school else { return nil }
                    return LetterBundle(
                        kind: kind, recipient: school.name, fileStem: "school_" + LetterFileName.safePart(id, fallback: "school"),
                        letters: pile)
                }
            case .family:
                struct Class: Hashable {
                    var juniorSchool: String
                    var teacher: String
                }
                let byClass = Dictionary(grouping: letters) {
                    Class(juniorSchool: $0.student.juniorSchool ?? "", teacher: $0.counsellor.name)
                }
                let order = byClass.keys.sorted {
                    $0.juniorSchool != $1.juniorSchool ? precedes($0.juniorSchool, $1.juniorSchool) : precedes($0.teacher, $1.teacher)
                }
                return order.compactMap { group in
                    guard let pile = byClass[group] else { return nil }
                    let school = group.juniorSchool.isEmpty ? nil : group.juniorSchool
                    return LetterBundle(
                        kind: kind, recipient: [school, group.teacher].compactMap { $0 }.joined(separator: " · "),
                        // Two parts in one name: each at half the usual length, under 255 bytes.
                        fileStem: "family_" + LetterFileName.safePart(group.juniorSchool, fallback: "school", limit: 20) + "_"
                            + LetterFileName.safePart(group.teacher, fallback: "teacher", limit: 20),
                        letters: pile)
                }
            }
        }
    }

    static func precedes(_ a: String, _ b: String) -> Bool {
        let order = a.compare(b, locale: nameOrder)
        return order == .orderedSame ? a < b : order == .orderedAscending
    }

    /// By name, then by reference for namesakes: the same pile always prints the same way.
    static func sortedByName(_ letters: [ReferralLetter]) -> [ReferralLetter] {
        letters.sorted {
            $0.student.name != $1.student.name ? precedes($0.student.name, $1.student.name) : $0.referenceNumber < $1.referenceNumber
        }
    }
}
