import Foundation
import PathwayCore
import PostgresClient

/// Makes referrals from a match run and moves them through their lifecycle.
///
/// Every change happens in one transaction with its `referral_events` row and its `audit_log`
/// entry, so the history and the audit trail can never disagree with the status. The methods
/// that change data begin their own transaction: do not call them inside one.
public struct ReferralStore {
    public let connection: PostgresConnection
    public let region: Region

    public init(connection: PostgresConnection, region: Region) {
        self.connection = connection
        self.region = region
    }

    // MARK: Transitions

    /// Moves one referral to `status`, with its event and audit entry, in one transaction.
    ///
    /// - Parameters:
    ///   - schoolID: when given (a school's request), a referral of another school, or one of
    ///     its own not yet sent (a county draft), is answered exactly like a missing one, so a
    ///     school never learns it exists.
    ///   - tokenID: the API token the request came with, for the audit log.
    ///   - repeatIsNoChange: when the referral already is in `status`, return it as it stands
    ///     instead of refusing the move (a school's retried report of the same outcome).
    /// - Returns: the referral as it now stands.
    /// - Throws: `ReferralError.notFound` or `.illegalTransition` (naming both states); the
    ///   database is then unchanged.
    @discardableResult
    public func transition(
        referralID: ReferralID, to status: ReferralStatus, actor: String, note: String? = nil,
        reason: OutcomeReason? = nil, schoolID: String? = nil, tokenID: Int? = nil, repeatIsNoChange: Bool = false
    ) throws -> Referral {
        let moved = try transition(
            referralIDs: [referralID], to: status, actor: actor, note: note, reason: reason, schoolID: schoolID,
            tokenID: tokenID, repeatIsNoChange: repeatIsNoChange)
        guard let referral = moved.first else { throw ReferralError.notFound(referralID: referralID) }
        return referral
    }

    /// Moves several referrals to `status`, all or none, in one transaction.
    ///
    /// The referrals are locked in id order (so that two such calls cannot deadlock); the first
    /// one that is missing or may not move rolls the whole change back. An id given twice is
    /// moved once.
    ///
    /// - Returns: the referrals as they now stand, in the order of `referralIDs`.
    @discardableResult
    public func transition(
        referralIDs: [ReferralID], to status: ReferralStatus, actor: String, note: String? = nil,
        reason: OutcomeReason? = nil, schoolID: String? = nil, tokenID: Int? = nil, repeatIsNoChange: Bool = false
    ) throws -> [Referral] {
        try apply(
            referralIDs.map { ReferralMove(referralID: $0, status: status, reason: reason, note: note) }, actor: actor,
            schoolID: schoolID, tokenID: tokenID, repeatIsNoChange: repeatIsNoChange)
    }

    /// Makes several moves, each to its own status (a school's list of outcomes), all or none,
    /// in one transaction, locked in id order. A referral named twice is refused: one row of a
    /// file, one change.
    ///
    /// - Throws: `ReferralError.reasonNotAllowed` for a reason on a move that takes none;
    ///   `.notFound`, `.illegalTransition` for the first referral that cannot move; none is
    ///   moved then.
    @discardableResult
    public func apply(
        _ moves: [ReferralMove], actor: String, schoolID: String? = nil, tokenID: Int? = nil,
        repeatIsNoChange: Bool = false
    ) throws -> [Referral] {
        let actor = actor.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !actor.isEmpty else { throw ReferralError.missingPerson(role: "actor") }
        var byID: [ReferralID: ReferralMove] = [:]
        var order: [ReferralID] = []
        for var move in moves {
            if let reason = move.reason, !move.allows(reason) {
                throw ReferralError.reasonNotAllowed(reason: reason, status: move.status)
            }
            move.note = move.note?.trimmingCharacters(in: .whitespacesAndNewlines).nonEmpty
            if let earlier = byID[move.referralID] {
                guard earlier == move else { throw ReferralError.namedTwice(referralID: move.referralID) }
                continue
            }
            byID[move.referralID] = move
            order.append(move.referralID)
        }
        let ids = order.sorted()
        let idList = "{" + ids.map(\.description).joined(separator: ",") + "}"
        return try connection.withTransaction { connection in
            // Set-based, so that moving a run's 100,000 referrals is a handful of statements,
            // not five round trips each: lock them all in id order, check every move, then
            // write the statuses, the events and the audit entries at once.
            let locked = try connection.query(
                """
                SELECT referral_id, status, reference_number, school_id FROM referrals
                WHERE region = $1 AND referral_id IN (SELECT unnest($2::bigint[]))
                  AND ($3::text IS NULL OR (school_id = $3 AND \(Self.visibleToSchool("referrals"))))
                ORDER BY referral_id
                FOR UPDATE
                """, [region, idList, schoolID])
            var current: [ReferralID: (status: ReferralStatus, reference: String, schoolID: String)] = [:]
            for row in locked.rows {
                current[try row.decode("referral_id")] = (
                    try Self.status(row, "status"), try row.decode("reference_number"), try row.decode("school_id"))
            }
            var changes: [(move: ReferralMove, from: ReferralStatus, reference: String, schoolID: String)] = []
            for id in ids {
                guard let move = byID[id] else { continue }
                guard let now = current[id] else { throw ReferralError.notFound(referralID: id) }
                if now.status == move.status, repeatIsNoChange { continue }
                do throws(ReferralTransitionError) {
                    try now.status.checkMove(to: move.status, referralID: id)
                } catch {
                    throw ReferralError.illegalTransition(error)
                }
                changes.append((move, now.status, now.reference, now.schoolID))
            }
            if !changes.isEmpty {
                let changed = "{" + changes.map(\.move.referralID.description).joined(separator: ",") + "}"
                let statuses = CountyDirectory.arrayParameter(changes.map(\.move.status.rawValue))
                let froms = CountyDirectory.arrayParameter(changes.map(\.from.rawValue))
                try connection.query(
                    """
                    UPDATE referrals r
                    SET status = m.status, updated_at = now(),
                        sent_at = CASE WHEN m.status = 'sent' THEN now() ELSE r.sent_at END
                    FROM unnest($2::bigint[], $3::text[]) AS m(id, status)
                    WHERE r.region = $1 AND r.referral_id = m.id
                    """, [region, changed, statuses])
                try connection.query(
                    """
                    INSERT INTO referral_events (region, referral_id, from_status, to_status, actor, note, reason)
                    SELECT $1, m.id, m.from_status, m.status, $5, m.note, m.reason
                    FROM unnest($2::bigint[], $3::text[], $4::text[], $6::text[], $7::text[])
                         WITH ORDINALITY AS m(id, from_status, status, note, reason, position)
                    ORDER BY m.position
                    """,
                    [region, changed, froms, statuses, actor,
                     CountyDirectory.arrayParameter(changes.map(\.move.note)),
                     CountyDirectory.arrayParameter(changes.map(\.move.reason?.rawValue))])
                // The note stays in referral_events only: the audit log is append-only, and a
                // note may hold personal details that must stay correctable.
                try AuditLog.recordEach(
                    connection, actor: actor, action: "referral.transition", region: region, tokenID: tokenID,
                    subjectType: "referral",
                    entries: changes.map { change in
                        var details: [String: JSONValue] = [
                            "from": .string(change.from.rawValue), "to": .string(change.move.status.rawValue),
                            "reference": .string(change.reference), "note": .bool(change.move.note != nil),
                        ]
                        if let reason = change.move.reason { details["reason"] = .string(reason.rawValue) }
                        return (schoolID: schoolID ?? change.schoolID, subjectID: change.move.referralID.description, details: details)
                    })
            }
            let read = try referrals(connection, where: "r.referral_id IN (SELECT unnest($2::bigint[]))", [idList])
            let byReferral = Dictionary(read.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            return order.compactMap { byReferral[$0] }
        }
    }

    /// Whether a school sees the referral (`alias` names the referrals row): from the moment it
    /// is sent. Proposed and approved ones are the county's drafts, and one withdrawn before it
    /// was sent the school never saw. Every school-facing query (the API's list, letters and
    /// outcomes) goes through this one rule.
    static func visibleToSchool(_ alias: String) -> String {
        "(\(alias).status NOT IN ('proposed', 'approved') AND NOT (\(alias).status = 'withdrawn' AND \(alias).sent_at IS NULL))"
    }

    // MARK: Reading

    /// Which referrals to list; nil fields do not filter.
    public struct Filter: Sendable, Hashable {
        public var schoolID: String?
        public var status: ReferralStatus?
        public var runID: RunID?
        /// Only these referrals, when given.
        public var ids: [ReferralID]?
        /// Only the students of this junior school.
        public var juniorSchool: String?

        public init(
            schoolID: String? = nil, status: ReferralStatus? = nil, runID: RunID? = nil, ids: [ReferralID]? = nil,
            juniorSchool: String? = nil
        ) {
            self.schoolID = schoolID
            self.status = status
            self.runID = runID
            self.ids = ids
            self.juniorSchool = juniorSchool
        }
    }

    /// The referrals that pass `filter`, in id order.
    public func list(_ filter: Filter = Filter()) throws -> [Referral] {
        try referrals(connection, where: Self.condition, Self.parameters(filter))
    }

    /// The first `limit` referrals that pass `filter`, in id order, and how many pass it: a
    /// page of a list that may hold a whole county's.
    public func page(_ filter: Filter, limit: Int) throws -> (referrals: [Referral], total: Int) {
        let rows = try referrals(connection, where: Self.condition, Self.parameters(filter), limit: limit)
        let total = try connection.query(
            """
            SELECT count(*)::int FROM referrals r JOIN students s ON s.region = r.region AND s.student_id = r.student_id
            WHERE r.region = $1 AND \(Self.condition)
            """, [region] + Self.parameters(filter))
        return (rows, try total.decode(Int.self, row: 0, column: 0))
    }

    private static let condition = """
        ($2::text IS NULL OR r.school_id = $2) AND ($3::text IS NULL OR r.status = $3)
        AND ($4::bigint IS NULL OR r.run_id = $4) AND ($5::bigint[] IS NULL OR r.referral_id = ANY($5::bigint[]))
        AND ($6::text IS NULL OR s.junior_school = $6)
        """

    private static func parameters(_ filter: Filter) -> [(any PostgresEncodable)?] {
        [
            filter.schoolID, filter.status?.rawValue, filter.runID,
            filter.ids.map { CountyDirectory.arrayParameter($0.map(\.description)) }, filter.juniorSchool,
        ]
    }

    /// How many of the region's referrals are in each status (the console's overview).
    public func statusCounts() throws -> [ReferralStatus: Int] {
        let result = try connection.query(
            "SELECT status, count(*)::int AS n FROM referrals WHERE region = $1 GROUP BY status", [region])
        var counts: [ReferralStatus: Int] = [:]
        for row in result.rows { counts[try Self.status(row, "status")] = try row.decode("n") }
        return counts
    }

    /// What a school's list of outcomes is matched against: each referral the school can see
    /// (of `schoolID`, or of every school), with its student's id and 学籍号.
    public func outcomeTargets(schoolID: String?) throws -> [OutcomeTarget] {
        let result = try connection.query(
            """
            SELECT r.referral_id, r.reference_number, r.student_id, s.status_number, s.name, r.school_id, r.status
            FROM referrals r JOIN students s ON s.region = r.region AND s.student_id = r.student_id
            WHERE r.region = $1 AND ($2::text IS NULL OR r.school_id = $2) AND \(Self.visibleToSchool("r"))
            ORDER BY r.referral_id
            """, [region, schoolID])
        return try result.rows.map { row in
            OutcomeTarget(
                referralID: try row.decode("referral_id"), referenceNumber: try row.decode("reference_number"),
                studentID: try row.decode("student_id"), statusNumber: try row.decode("status_number"),
                studentName: try row.decode("name"), schoolID: try row.decode("school_id"),
                status: try Self.status(row, "status"))
        }
    }

    /// Every open referral with its student's cohort and the moment it was made: what the
    /// registration deadline is judged on.
    public func openReferralCohorts() throws -> [(referralID: ReferralID, cohort: Int?, createdAt: Date)] {
        let result = try connection.query(
            """
            SELECT r.referral_id, s.graduation_year, r.created_at
            FROM referrals r JOIN students s ON s.region = r.region AND s.student_id = r.student_id
            WHERE r.region = $1 AND r.status IN (\(Self.openStatusesSQL))
            ORDER BY r.referral_id
            """, [region])
        return try result.rows.map { row in
            (try row.decode("referral_id"), try row.decode("graduation_year"), try row.decode("created_at"))
        }
    }

    /// One referral, or nil when there is none (or, with `schoolID`, when it is another
    /// school's or not yet sent).
    public func referral(_ referralID: ReferralID, schoolID: String? = nil) throws -> Referral? {
        try referrals(
            connection, where: "r.referral_id = $2 AND ($3::text IS NULL OR (r.school_id = $3 AND \(Self.visibleToSchool("r"))))",
            [referralID, schoolID]
        ).first
    }

    /// One referral with its history, or nil as `referral(_:schoolID:)`.
    public func show(_ referralID: ReferralID, schoolID: String? = nil) throws -> ReferralHistory? {
        guard let referral = try referral(referralID, schoolID: schoolID) else { return nil }
        let result = try connection.query(
            """
            SELECT event_id, referral_id, from_status, to_status, actor, note, reason, created_at
            FROM referral_events WHERE region = $1 AND referral_id = $2 ORDER BY event_id
            """, [region, referralID])
        let events = try result.rows.map { row in
            ReferralEvent(
                id: try row.decode("event_id"), referralID: try row.decode("referral_id"),
                from: try row.decode("from_status", as: String?.self).map { try Self.status($0) },
                to: try Self.status(row, "to_status"), actor: try row.decode("actor"), note: try row.decode("note"),
                reason: try row.decode("reason", as: String?.self).flatMap(OutcomeReason.init(rawValue:)),
                at: try row.decode("created_at"))
        }
        return ReferralHistory(referral: referral, events: events)
    }

    /// Referrals of the region matching `condition`, whose parameters start at `$2`.
    func referrals(
        _ connection: PostgresConnection, where condition: String, _ parameters: [(any PostgresEncodable)?], limit: Int? = nil
    ) throws -> [Referral] {
        let result = try connection.query(
            """
            SELECT r.referral_id, r.reference_number, r.region, r.run_id, r.student_id, s.name AS student_name,
                   r.program_id, p.name AS program_name, r.school_id, sc.name AS school_name, r.score, r.status,
                   r.assignee, r.sent_at, r.created_at, r.updated_at
            FROM referrals r
            JOIN students s ON s.region = r.region AND s.student_id = r.student_id
            JOIN programs p ON p.program_id = r.program_id
            JOIN schools sc ON sc.school_id = r.school_id
            WHERE r.region = $1 AND \(condition)
            ORDER BY r.referral_id
            \(limit == nil ? "" : "LIMIT $\(parameters.count + 2)")
            """, [region] + parameters + (limit.map { [$0] } ?? []))
        return try result.rows.map { row in
            Referral(
                id: try row.decode("referral_id"), referenceNumber: try row.decode("reference_number"),
                region: try row.decode("region"), runID: try row.decode("run_id"), studentID: try row.decode("student_id"),
                studentName: try row.decode("student_name"), programID: try row.decode("program_id"),
                programName: try row.decode("program_name"), schoolID: try row.decode("school_id"),
                schoolName: try row.decode("school_name"), score: try row.decode("score"),
                status: try Self.status(row, "status"), assignee: try row.decode("assignee"),
                sentAt: try row.decode("sent_at"), createdAt: try row.decode("created_at"),
                updatedAt: try row.decode("updated_at"))
        }
    }

    static func status(_ row: QueryResult.Row, _ column: String) throws -> ReferralStatus {
        try status(try row.decode(column, as: String.self))
    }

    static func status(_ text: String) throws -> ReferralStatus {
        guard let status = ReferralStatus(rawValue: text) else {
            throw PostgresError(kind: .decoding, message: "\(text) is not a referral status")
        }
        return status
    }
}

extension String {
    /// nil for the empty string.
    var nonEmpty: String? { isEmpty ? nil : self }
}

/// A referral as a school's list of outcomes names it: by reference, student id or 学籍号.
public struct OutcomeTarget: Sendable, Hashable {
    public var referralID: ReferralID
    public var referenceNumber: String
    public var studentID: String
    public var statusNumber: String?
    public var studentName: String
    public var schoolID: String
    public var status: ReferralStatus
}
