import Foundation
import PathwayCore
import PostgresClient

/// The follow-up ledger (一人一案): every student of the cohort whom no referral holds, so that
/// nobody drops off the list between a match run and enrolment.
///
/// A student is on it when they have no open (proposed, approved, sent, acknowledged) and no
/// enrolled referral. The reason is the latest of two events: the last change of their latest
/// referral (declined, no_show, withdrawn) and the latest match run that included them (left
/// unplaced, or placed with no referral made yet). `ranked` runs place nobody and do not count.
/// A student no run included is `never_matched`.
///
/// `pathway match run --only-followup` matches `studentIDs(cohort:)` into `freeSeats()`.
public struct FollowupLedger {
    public let connection: PostgresConnection
    public let region: Region

    public init(connection: PostgresConnection, region: Region) {
        self.connection = connection
        self.region = region
    }

    /// The ledger, in student id order; every student when `cohort` is nil.
    public func entries(cohort: Int? = nil) throws -> [FollowupEntry] {
        let live = ReferralStore.liveStatusesSQL
        let result = try connection.query(
            """
            WITH last_referral AS (
                SELECT DISTINCT ON (r.student_id) r.student_id, r.referral_id, r.reference_number, r.status,
                       r.assignee, r.updated_at, r.run_id, r.program_id
                FROM referrals r WHERE r.region = $1
                ORDER BY r.student_id, r.updated_at DESC, r.referral_id DESC
            ), last_run AS (
                SELECT DISTINCT ON (a.student_id) a.student_id, a.run_id, a.program_id, m.created_by, m.created_at
                FROM assignments a JOIN match_runs m ON m.run_id = a.run_id
                WHERE a.region = $1 AND m.strategy <> 'ranked'
                ORDER BY a.student_id, m.created_at DESC, a.run_id DESC
            )
            SELECT s.student_id, s.name, s.junior_school, s.graduation_year, s.created_at AS student_at,
                   lr.referral_id, lr.reference_number, lr.status AS referral_status, lr.assignee,
                   lr.updated_at AS referral_at, lr.run_id AS referral_run, lr.program_id AS referral_program,
                   ru.run_id, ru.program_id AS run_program, ru.created_by AS run_creator, ru.created_at AS run_at,
                   (SELECT created_by FROM match_runs WHERE region = $1 AND strategy <> 'ranked'
                    ORDER BY created_at DESC, run_id DESC LIMIT 1) AS latest_creator,
                   now() AS now
            FROM students s
            LEFT JOIN last_referral lr ON lr.student_id = s.student_id
            LEFT JOIN last_run ru ON ru.student_id = s.student_id
            WHERE s.region = $1 AND ($2::integer IS NULL OR s.graduation_year = $2)
              AND NOT EXISTS (
                  SELECT 1 FROM referrals r WHERE r.region = s.region AND r.student_id = s.student_id
                    AND r.status IN (\(live)))
            ORDER BY s.student_id COLLATE "C"
            """, [region, cohort])
        return try result.rows.map(Self.entry)
    }

    /// The ids of the students on the ledger: the students a follow-up run matches.
    public func studentIDs(cohort: Int? = nil) throws -> [String] {
        try entries(cohort: cohort).map(\.studentID)
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

    private static func entry(_ row: QueryResult.Row) throws -> FollowupEntry {
        let now: Date = try row.decode("now")
        let referralAt: Date? = try row.decode("referral_at")
        let runAt: Date? = try row.decode("run_at")
        let assignee: String? = try row.decode("assignee")
        let referralStatus = try row.decode("referral_status", as: String?.self).map { try ReferralStore.status($0) }
        var reason: FollowupReason
        var since: Date
        var responsible: String?
        var eventRun: RunID?
        var referralID: ReferralID?
        var referenceNumber: String?
        var programID: String?
        let runID: RunID? = try row.decode("run_id")
        let referralRun: RunID? = try row.decode("referral_run")
        if let referralStatus, let referralAt, runID == nil || runID == referralRun || runAt.map({ referralAt >= $0 }) == true {
            // The referral ended after any other run (or came from the latest run itself): its
            // outcome is the reason.
            reason = switch referralStatus {
            case .declined: .declined
            case .no_show: .no_show
            default: .withdrawn
            }
            since = referralAt
            responsible = assignee
            eventRun = referralRun
            referralID = try row.decode("referral_id")
            referenceNumber = try row.decode("reference_number")
            programID = try row.decode("referral_program")
        } else if let runAt {
            let placedIn: String? = try row.decode("run_program")
            reason = placedIn == nil ? .unplaced : .not_referred
            since = runAt
            responsible = try assignee ?? row.decode("run_creator")
            eventRun = runID
            programID = placedIn
        } else {
            reason = .never_matched
            since = try row.decode("student_at")
            responsible = try assignee ?? row.decode("latest_creator")
        }
        let days = Int((now.timeIntervalSince(since) / 86_400).rounded(.down))
        return FollowupEntry(
            studentID: try row.decode("student_id"), studentName: try row.decode("name"),
            juniorSchool: try row.decode("junior_school"), cohort: try row.decode("graduation_year"),
            reason: reason, responsible: responsible, since: since, waitingDays: max(0, days), runID: eventRun,
            referralID: referralID, referenceNumber: referenceNumber, programID: programID)
    }
}
