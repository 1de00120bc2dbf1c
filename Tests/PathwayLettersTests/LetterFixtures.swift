import Foundation
import PathwayCore
@testable import PathwayLetters

/// Core models built by hand: a student of the fictional Qinglan county and the programme she
/// was referred to.
enum LetterFixtures {
    static func place(_ latitude: Double, _ longitude: Double) -> Coordinate {
        Coordinate(latitude: latitude, longitude: longitude) ?? Coordinate(latitude: 0, longitude: 0)!
    }

    static func date(_ year: Int, _ month: Int, _ day: Int) -> CalendarDate {
        CalendarDate(year: year, month: month, day: day) ?? CalendarDate(year: 2000, month: 1, day: 1)!
    }

    static let school = School(
        id: "S01", name: "青岚县中等职业学校", county: "青岚县", address: "青岚县城关镇职教路8号",
        location: place(27.378511, 106.930736), contactName: "黄勇伟", contactPhone: "101-9163-0844")

    static let program = Program(
        id: "P002", schoolID: "S01", name: "计算机应用", category: "71", seats: 60,
        keySubjects: [SubjectWeight(subject: "english", weight: 1), SubjectWeight(subject: "math", weight: 2)],
        boarding: true, location: place(27.378511, 106.930736), startDate: date(2026, 9, 1),
        description: "办公软件、图文处理与计算机维护")

    static func student(name: String = "杨安洁") -> Student {
        Student(
            id: "QL202600001", name: name, gender: .female, birthDate: date(2010, 9, 9),
            juniorSchool: "云台乡九年制学校", graduationYear: 2026, township: "云台乡",
            home: place(27.581626, 107.277837), totalScore: 271.5,
            scores: [SubjectScore(subject: "math", score: 46), SubjectScore(subject: "chinese", score: 43)],
            hardship: true, guardianName: "杨语俊", guardianPhone: "105-0561-1784")
    }

    /// Free tuition, and the national grant at ¥2,300 a year, both from the 2026 school year.
    static let subsidies = [
        Subsidy(kind: .tuition, yuanPerYear: nil, effectiveFrom: date(2026, 9, 1)),
        Subsidy(kind: .stateGrant, yuanPerYear: 2300, effectiveFrom: date(2026, 9, 1)),
    ]

    static let counsellor = Counsellor(name: "李老师", phone: "0851-1234567", organisation: "青岚县教育局")

    static func letter(name: String = "杨安洁", reference: String = "QL-2026-0001", reasons: [String]? = nil) -> ReferralLetter {
        ReferralLetter(
            referenceNumber: reference, student: student(name: name), program: program, school: school,
            reasons: reasons ?? ["学生把该专业填为第1志愿。", "学校离家约41.5公里，该专业提供住宿。"],
            distanceKm: 41.46, counsellor: counsellor, issuedOn: date(2026, 11, 29),
            wishOutcome: .wish(WishMatch(kind: .program, position: 1)), subsidies: subsidies)
    }

    /// A fresh empty folder under the system's temporary folder.
    static func temporaryFolder(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("pathway-letters-\(label)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// How often `needle` occurs in `text`.
    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    /// `text` with its lines joined by single spaces, to look for phrases that wrapping may split.
    static func unwrapped(_ text: String) -> String {
        text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
    }
}
