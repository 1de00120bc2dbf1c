import Foundation
import PathwayCore
import Testing

@Suite("The follow-up clock and refusals")
struct FollowupClockTests {
    static func day(_ month: Int, _ day: Int, _ year: Int = 2026) throws -> CalendarDate {
        try #require(CalendarDate(year: year, month: month, day: day))
    }

    static func clock(_ changes: [(ReferralStatus, CalendarDate)], cohort: Int? = 2026) -> ReferralClock {
        ReferralClock(changes: changes.map { ReferralClock.Change(status: $0.0, at: Date(timeIntervalSince1970: Double($0.1.dayNumber) * 86_400), day: $0.1) }, cohort: cohort)
    }

    @Test func dayNumbersRoundTrip() throws {
        #expect(try Self.day(1, 1, 1970).dayNumber == 0)
        #expect(try Self.day(3, 1, 2024).dayNumber - Self.day(2, 28, 2024).dayNumber == 2)
        for n in stride(from: -719_000, through: 2_900_000, by: 997) {
            #expect(CalendarDate(dayNumber: n)?.dayNumber == n)
        }
    }

    @Test func overdueTheDayAfterTheSchoolsDaysAndExpiredTheDayAfterRegistrationCloses() throws {
        let sent = Self.clock([(.proposed, try Self.day(9, 1)), (.sent, try Self.day(9, 10))])
        let rules = FollowupDeadlines.standard
        #expect(sent.standing(on: try Self.day(8, 31), deadlines: rules) == nil)
        #expect(sent.standing(on: try Self.day(9, 24), deadlines: rules)?.overdueDays == nil)
        #expect(sent.standing(on: try Self.day(9, 25), deadlines: rules)?.overdueDays == 1)
        #expect(sent.standing(on: try Self.day(11, 20), deadlines: rules)?.status == .sent)
        let after = try #require(sent.standing(on: try Self.day(11, 21), deadlines: rules))
        #expect(after.status == .expired && after.recorded == .sent && after.reason == .registration_closed)
        #expect(after.since == (try Self.day(11, 21)) && after.overdueDays == nil)
        let enrolled = Self.clock([(.proposed, try Self.day(9, 1)), (.sent, try Self.day(9, 10)), (.enrolled, try Self.day(9, 12))])
        #expect(enrolled.standing(on: try Self.day(12, 1), deadlines: rules)?.status == .enrolled)
        #expect(enrolled.standing(on: try Self.day(9, 11), deadlines: rules)?.status == .sent)
        #expect(throws: FollowupDeadlinesError.registrationDay(month: 2, day: 30)) {
            try FollowupDeadlines(acknowledgeDays: 14, registrationMonth: 2, registrationDay: 30).validated()
        }
        let leap = FollowupDeadlines(acknowledgeDays: 14, registrationMonth: 2, registrationDay: 29)
        #expect(leap.registrationCloses(cohort: 2027) == (try Self.day(3, 1, 2027)))

        // A referral is for an intake still open on the day it is made: last year's leaver
        // referred in December has until next November, as has a student without a cohort.
        #expect(rules.registrationCloses(cohort: 2026, referredOn: try Self.day(10, 1, 2026)) == (try Self.day(11, 20, 2026)))
        #expect(rules.registrationCloses(cohort: 2026, referredOn: try Self.day(11, 20, 2026)) == (try Self.day(11, 20, 2026)))
        #expect(rules.registrationCloses(cohort: 2026, referredOn: try Self.day(12, 2, 2026)) == (try Self.day(11, 20, 2027)))
        #expect(rules.registrationCloses(cohort: 2024, referredOn: try Self.day(3, 2, 2026)) == (try Self.day(11, 20, 2026)))
        #expect(rules.registrationCloses(cohort: nil, referredOn: try Self.day(12, 2, 2026)) == (try Self.day(11, 20, 2027)))
        #expect(rules.registrationCloses(cohort: 2028, referredOn: try Self.day(12, 2, 2026)) == (try Self.day(11, 20, 2028)))
        let late = Self.clock([(.proposed, try Self.day(12, 2, 2026)), (.sent, try Self.day(12, 3, 2026))])
        #expect(late.standing(on: try Self.day(12, 10, 2026), deadlines: rules)?.status == .sent)
    }

    @Test func aRefusedProgrammeIsNeverACandidate() throws {
        let home = try #require(Coordinate(latitude: 27.5, longitude: 110))
        let campus = try #require(Coordinate(latitude: 27.5, longitude: 110.01))
        let students = [Student(id: "S1", name: "甲", home: home, wishes: [.program("P1")])]
        let programs = (1...3).map {
            Program(id: "P\($0)", schoolID: "X", name: "专业\($0)", category: "71", seats: 5, location: campus)
        }
        let free = try MatchScorer(students: students, programs: programs).candidates()
        #expect(free.candidates(ofStudent: 0).map(\.programID).contains("P1"))
        let refusal = ProgramRefusal(studentID: "S1", programID: "P1", status: .declined, reason: .cost, referenceNumber: "PW-2026-000001")
        let scorer = try MatchScorer(students: students, programs: programs, refusals: [refusal])
        #expect(!scorer.candidates().candidates(ofStudent: 0).map(\.programID).contains("P1"))
        let why = try #require(scorer.explain(studentID: "S1", programID: "P1"))
        #expect(why.ineligibility.first == .refused(refusal))
        #expect(OutcomeReason(parsing: "家长不同意") == .parents_disagree && OutcomeReason(parsing: "too far") == .too_far)
    }
}
