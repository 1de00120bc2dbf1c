import Foundation
import PathwayCore
import PostgresClient

/// The follow-up ledger (一人一案): every student of the cohort whom no referral holds, so that
/// nobody drops off the list between a match run and enrolment, judged on any day.
///
/// Storage reads what happened up to the end of the day (`facts`): each student's latest run,
/// every referral with its changes, their contacts and responsible person. The core judges it
/// (`FollowupFacts.entry(on:deadlines:)`): a student is on the ledger when no referral holds
/// them that day, or when the one that does is overdue at the school. `ranked` runs place
/// nobody and do not count.
///
/// `pathway match run --only-followup` matches `studentIDs(…)` into `freeSeats()`.
public struct FollowupLedger {
    public let connection: PostgresConnection
    public let region: Region

    public init(connection: PostgresConnection, region: Region) {
        self.connection = connection
        self.region = region
    }

    /// Which students the facts are about; nil fields do not filter.
    public struct Scope: Sendable, Hashable {
        public var cohort: Int?
        public var studentIDs: [String]?

        public init(cohort: Int? = nil, studentIDs: [String]? = nil) {
            self.cohort = cohort
            self.studentIDs = studentIDs
        }
    }

    /// The ledger at the end of `day`, in student id order.
    public func entries(
        _ scope: Scope = Scope(), on day: CalendarDate, deadlines: FollowupDeadlines, timeZone: TimeZone = .current
    ) throws -> [FollowupEntry] {
        try facts(scope, on: day, timeZone: timeZone).compactMap { $0.entry(on: day, deadlines: deadlines) }
    }

    /// The ids of the students a follow-up run matches on `day`: the ledger but those an overdue
    /// referral still holds.
    public func studentIDs(
        cohort: Int? = nil, on day: CalendarDate, deadlines: FollowupDeadlines, timeZone: TimeZone = .current
    ) throws -> [String] {
        try entries(Scope(cohort: cohort), on: day, deadlines: deadlines, timeZone: timeZone)
            .filter(\.reason.isUnheld).map(\.studentID)
    }

    /// What was recorded about the scope's students by the end of `day` (in `timeZone`), in
    /// student id order.
    public func facts(_ scope: Scope = Scope(), on day: CalendarDate, timeZone: TimeZone = .current) throws -> [FollowupFacts] {
        guard let until = day.end(in: timeZone) else { throw FollowupQueryError.unknownDay(day) }
        func dayOf(_ date: Date) throws -> CalendarDate {
            guard let day = CalendarDate.day(of: date, in: timeZone) else { throw FollowupQueryError.unknownDay(day) }
            return day
        }
        let ids = scope.studentIDs.map { CountyDirectory.arrayParameter($0) }
        let parameters: [(any PostgresEncodable)?] = [region, scope.cohort, ids, until]
        let students = """
            SELECT s.student_id FROM students s
            WHERE s.region = $1 AND ($2::integer IS NULL OR s.graduation_year = $2)
              AND ($3::text[] IS NULL OR s.student_id = ANY($3::text[])) AND s.created_at < $4
            """
        let events = try connection.query(
            """
            SELECT e.referral_id, e.to_status, e.reason, e.created_at
            FROM referral_events e JOIN referrals r ON r.region = e.region AND r.referral_id = e.referral_id
            WHERE e.region = $1 AND e.created_at < $4 AND r.student_id IN (\(students))
            ORDER BY e.referral_id, e.event_id
            """, parameters)
        var changes: [ReferralID: [ReferralClock.Change]] = [:]
        for row in events.rows {
            let at: Date = try row.decode("created_at")
            changes[try row.decode("referral_id"), default: []].append(ReferralClock.Change(
                status: try ReferralStore.status(row, "to_status"), at: at, day: try dayOf(at),
                reason: try row.decode("reason", as: String?.self).flatMap(OutcomeReason.init(rawValue:))))
        }
        let referrals = try connection.query(
            """
            SELECT r.referral_id, r.reference_number, r.run_id, r.student_id, r.program_id, r.school_id, r.assignee,
                   s.graduation_year, r.status, r.updated_at
            FROM referrals r JOIN students s ON s.region = r.region AND s.student_id = r.student_id
            WHERE r.region = $1 AND r.created_at < $4 AND r.student_id IN (\(students))
            ORDER BY r.referral_id
            """, parameters)
        var referralsOf: [String: [FollowupFacts.ReferralFact]] = [:]
        for row in referrals.rows {
            let id: ReferralID = try row.decode("referral_id")
            // Pathway writes every referral with its history; a row inserted by hand without one
            // (as some test fixtures do) stands as it is since its last update.
            let updated: Date = try row.decode("updated_at")
            let clock = try changes[id] ?? [
                ReferralClock.Change(status: try ReferralStore.status(row, "status"), at: updated, day: try dayOf(updated)),
            ]
            referralsOf[try row.decode("student_id"), default: []].append(FollowupFacts.ReferralFact(
                referralID: id, referenceNumber: try row.decode("reference_number"), runID: try row.decode("run_id"),
                programID: try row.decode("program_id"), schoolID: try row.decode("school_id"),
                assignee: try row.decode("assignee"),
                clock: ReferralClock(changes: clock, cohort: try row.decode("graduation_year"))))
        }
        let contacts = try connection.query(
            """
            SELECT student_id, contacted_at FROM followup_contacts
            WHERE region = $1 AND contacted_at < $4 AND student_id IN (\(students))
            ORDER BY contacted_at
            """, parameters)
        var contactDays: [String: [CalendarDate]] = [:]
        for row in contacts.rows {
            contactDays[try row.decode("student_id"), default: []].append(try dayOf(try row.decode("contacted_at")))
        }
        let result = try connection.query(
            """
            WITH last_run AS (
                SELECT DISTINCT ON (a.student_id) a.student_id, a.run_id, a.program_id, m.created_at
                FROM assignments a JOIN match_runs m ON m.run_id = a.run_id
                WHERE a.region = $1 AND m.strategy <> 'ranked' AND m.created_at < $4 AND a.student_id IN (\(students))
                ORDER BY a.student_id, m.created_at DESC, a.run_id DESC
            )
            SELECT s.student_id, s.name, s.junior_school, s.township, s.graduation_year, s.responsible,
                   s.created_at AS student_at, ru.run_id, ru.program_id AS run_program, ru.created_at AS run_at
            FROM students s LEFT JOIN last_run ru ON ru.student_id = s.student_id
            WHERE s.student_id IN (\(students)) AND s.region = $1
            ORDER BY s.student_id COLLATE "C"
            """, parameters)
        return try result.rows.map { row in
            let id: String = try row.decode("student_id")
            var run: FollowupFacts.RunFact?
            if let runID = try row.decode("run_id", as: RunID?.self), let at = try row.decode("run_at", as: Date?.self) {
                run = FollowupFacts.RunFact(
                    runID: runID, at: at, day: try dayOf(at), programID: try row.decode("run_program"))
            }
            return FollowupFacts(
                studentID: id, studentName: try row.decode("name"), juniorSchool: try row.decode("junior_school"),
                township: try row.decode("township"), cohort: try row.decode("graduation_year"),
                responsible: try row.decode("responsible"), importedDay: try dayOf(try row.decode("student_at")),
                latestRun: run, referrals: referralsOf[id] ?? [], contactDays: contactDays[id] ?? [])
        }
    }

    /// Seats still free per programme id: its seats minus the referrals to it that are open or
    /// enrolled (of every region, since a programme's seats are shared), never below zero.
    /// Every programme is named, those full with 0. A placement not yet referred holds no seat.
    public func freeSeats() throws -> [String: Int] {
        let result = try connection.query(
            """
            SELECT p.program_id, greatest(p.seats - count(r.referral_id), 0)::integer AS free
            FROM programs p
            LEFT JOIN referrals r ON r.program_id = p.program_id AND r.status IN (\(ReferralStore.liveStatusesSQL))
            GROUP BY p.program_id, p.seats
            """)
        var seats: [String: Int] = [:]
        for row in result.rows {
            seats[try row.decode("program_id", as: String.self)] = try row.decode("free", as: Int.self)
        }
        return seats
    }
}

/// A day the ledger cannot be judged on.
public enum FollowupQueryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The calendar cannot place the day (before year 1 or after 9999).
    case unknownDay(CalendarDate)

    public var description: String {
        switch self {
        case .unknownDay(let day): "the day \(day) cannot be judged"
        }
    }
}
