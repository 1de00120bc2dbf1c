import Foundation
import PathwayCore
import PostgresClient

extension ReferralStore {
    /// The statuses that hold a student and a seat (open or enrolled), as SQL text literals.
    static let liveStatusesSQL = statusesSQL(\.holdsSeat)
    /// The open statuses (still under way).
    static let openStatusesSQL = statusesSQL(\.isOpen)
    /// The statuses that close a programme to the student for good (declined, no_show).
    static let refusingStatusesSQL = statusesSQL(\.refusesProgram)

    /// The statuses for which `include` holds, as a list of SQL text literals for `IN (…)`: the
    /// lifecycle's own rules, never a list written out again in SQL.
    private static func statusesSQL(_ include: (ReferralStatus) -> Bool) -> String {
        ReferralStatus.allCases.filter(include).map { "'\($0.rawValue)'" }.joined(separator: ", ")
    }

    /// Makes one `proposed` referral for every student the run placed, each with its creation
    /// event, and one audit entry with the counts, in one transaction.
    ///
    /// Calling it again creates nothing new. A placed student who already holds an open or
    /// enrolled referral from another run is skipped (counted in `heldByOtherRun`): one child,
    /// one live referral, one responsible person. A student placed in a programme they declined
    /// or did not turn up for before (a run made before that happened) is skipped too
    /// (`refusedBefore`): nobody is sent back where they said no. A student whose earlier
    /// referral was declined, not taken up, withdrawn or expired is otherwise referred again;
    /// that is what a follow-up run is for.
    ///
    /// Each referral names the student's own responsible person (their 班主任, or whoever
    /// `followup assign` named); `assignee` stands in for students without one.
    ///
    /// Reference numbers are `PW-<year>-<referral id, at least six digits>`, unique because the
    /// id is.
    ///
    /// - Throws: `ReferralError.unknownRun` when the region has no such run;
    ///   `.noResponsiblePerson` when `assignee` is nil and a student to refer has nobody named.
    ///   Nothing is written then.
    @discardableResult
    public func createReferrals(run runID: RunID, assignee: String?, actor: String) throws -> ReferralCreation {
        let assignee = assignee?.trimmingCharacters(in: .whitespacesAndNewlines)
        let actor = actor.trimmingCharacters(in: .whitespacesAndNewlines)
        if let assignee, assignee.isEmpty { throw ReferralError.missingPerson(role: "assignee") }
        guard !actor.isEmpty else { throw ReferralError.missingPerson(role: "actor") }
        let refused = "r.status IN (\(Self.refusingStatusesSQL)) AND r.program_id = a.program_id"
        return try connection.withTransaction { connection in
            let run = try connection.query("SELECT 1 FROM match_runs WHERE run_id = $1 AND region = $2", [runID, region])
            guard run.rowCount == 1 else { throw ReferralError.unknownRun(runID: runID) }
            // Which of the run's placements to refer: not referred from this run, not held by
            // another live referral, not a programme the student refused.
            let eligible = """
                FROM assignments a
                JOIN students s ON s.region = a.region AND s.student_id = a.student_id
                WHERE a.region = $1 AND a.run_id = $2 AND a.program_id IS NOT NULL
                  AND NOT EXISTS (
                      SELECT 1 FROM referrals r
                      WHERE r.region = a.region AND r.student_id = a.student_id
                        AND (r.run_id = a.run_id OR r.status IN (\(Self.liveStatusesSQL)) OR \(refused)))
                """
            let counts = try connection.query(
                """
                SELECT count(*) AS placed,
                       count(*) FILTER (WHERE EXISTS (
                           SELECT 1 FROM referrals r WHERE r.region = a.region AND r.run_id = a.run_id
                             AND r.student_id = a.student_id)) AS already,
                       count(*) FILTER (WHERE NOT EXISTS (
                           SELECT 1 FROM referrals r WHERE r.region = a.region AND r.run_id = a.run_id
                             AND r.student_id = a.student_id)
                         AND EXISTS (SELECT 1 FROM referrals r WHERE r.region = a.region AND r.student_id = a.student_id
                                       AND \(refused))) AS refused
                FROM assignments a
                WHERE a.region = $1 AND a.run_id = $2 AND a.program_id IS NOT NULL
                """, [region, runID])
            if assignee == nil {
                let nobody = try connection.query(
                    "SELECT a.student_id \(eligible) AND s.responsible IS NULL ORDER BY a.student_id COLLATE \"C\"",
                    [region, runID])
                if nobody.rowCount > 0 {
                    throw ReferralError.noResponsiblePerson(
                        count: nobody.rowCount, studentIDs: try nobody.rows.prefix(5).map { try $0.decode(0, as: String.self) })
                }
            }
            // Ids come from the identity's own sequence so that the reference number can be
            // written with the row; ON CONFLICT covers a concurrent call (or another run's
            // live referral made a moment ago), which then simply wins.
            let inserted = try connection.query(
                """
                INSERT INTO referrals (region, referral_id, reference_number, run_id, student_id, program_id, school_id,
                                       score, status, assignee)
                OVERRIDING SYSTEM VALUE
                SELECT n.region, n.id,
                       'PW-' || to_char(now(), 'YYYY') || '-' || lpad(n.id::text, greatest(6, length(n.id::text)), '0'),
                       n.run_id, n.student_id, n.program_id, n.school_id, n.score, 'proposed', n.person
                FROM (
                    SELECT nextval(pg_get_serial_sequence('referrals', 'referral_id')) AS id, p.*
                    FROM (
                        SELECT a.region, a.run_id, a.student_id, a.program_id, a.school_id, a.score,
                               coalesce(s.responsible, $3) AS person
                        \(eligible)
                        ORDER BY a.student_id COLLATE "C"
                    ) p
                ) n
                ON CONFLICT DO NOTHING
                RETURNING referral_id
                """, [region, runID, assignee])
            let ids = try inserted.rows.map { try $0.decode(0, as: ReferralID.self) }.sorted()
            if !ids.isEmpty {
                try connection.query(
                    """
                    INSERT INTO referral_events (region, referral_id, from_status, to_status, actor)
                    SELECT $1, id, NULL, 'proposed', $3 FROM unnest($2::bigint[]) AS id ORDER BY id
                    """, [region, "{" + ids.map(\.description).joined(separator: ",") + "}", actor])
                // The letters, lists and moves that follow read these rows at once: statistics
                // now, not when autovacuum comes by.
                try connection.execute("ANALYZE referrals")
            }
            let placed = try counts.decode(Int.self, row: 0, column: 0)
            let already = try counts.decode(Int.self, row: 0, column: 1)
            let refusedBefore = try counts.decode(Int.self, row: 0, column: 2)
            // A concurrent creator may have taken some between the count and the insert.
            let held = placed - already - refusedBefore - ids.count
            let creation = ReferralCreation(
                runID: runID, placed: placed, created: ids.count, alreadyReferred: already, heldByOtherRun: held,
                refusedBefore: refusedBefore, referralIDs: ids)
            var details: [String: JSONValue] = [
                "placed": .integer(placed), "created": .integer(ids.count), "already_referred": .integer(already),
                "held_by_other_run": .integer(held), "refused_before": .integer(refusedBefore),
            ]
            if let assignee { details["assignee"] = .string(assignee) }
            try AuditLog.record(
                connection, actor: actor, action: "referrals.create", region: region,
                subjectType: "match_run", subjectID: runID.description, details: details)
            return creation
        }
    }
}
