import Foundation
import PathwayCore
import PostgresClient

/// Stores match runs and reads them back: the storage side of `pathway match`.
///
/// A run is saved in one transaction (its `match_runs` row, the programmes it saw, its candidates,
/// its assignments and the audit entry), so an error or a kill halfway leaves no trace of it.
/// Candidates and assignments go in with binary COPY into a table of the run's own, attached as a
/// partition (migration 0004): indexes are then built by sorting and foreign keys checked with one
/// join each, instead of two index insertions and three trigger calls per row.
public struct MatchRunStore {
    public let connection: PostgresConnection
    /// The county the students belong to.
    public let region: Region

    public init(connection: PostgresConnection, region: Region) {
        self.connection = connection
        self.region = region
    }

    /// How far a save has come, for progress on a terminal: rows copied of rows to copy.
    public struct SaveProgress: Sendable, Hashable {
        public var rowsWritten: Int
        public var rowsTotal: Int
    }

    /// Stores `result` as a new run and returns its id.
    ///
    /// - Parameters:
    ///   - cohort: the graduation year matched, nil for every student.
    ///   - onlyFollowup: whether the run matched only follow-up students into free seats.
    ///   - timings: seconds per step so far (`read`, `prepare`, `score`, `assign`); `save` is added.
    ///   - progress: called every 50 000 rows; throwing from it abandons the save (nothing is kept).
    @discardableResult
    public func save(
        _ result: MatchResult, cohort: Int?, onlyFollowup: Bool, timings: [String: Double], actor: String,
        progress: (SaveProgress) throws -> Void = { _ in }
    ) throws -> RunID {
        let started = ContinuousClock.now
        let set = result.candidateSet
        let figures = MatchFigures(result)
        let settingsText = try Self.settingsJSON(result.settings)
        return try connection.withTransaction { connection in
            let inserted = try connection.query(
                """
                INSERT INTO match_runs (region, strategy, cohort, only_followup, settings, student_count, placed_count,
                                        candidate_count, mean_score, mean_distance_km, timings, created_by)
                VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, $11::jsonb, $12)
                RETURNING run_id
                """,
                [region, result.settings.strategy.rawValue, cohort, onlyFollowup, settingsText, set.studentIDs.count,
                 figures.placed, set.pairCount, figures.meanScore, figures.meanDistanceKm,
                 Self.timingsJSON(timings), actor])
            let runID = try inserted.decode(RunID.self, row: 0, column: 0)
            let runText = runID.description

            let programPrices = result.certificate?.programPrices
            try connection.copyIn("COPY match_run_programs (run_id, program_id, school_id, seats, batch, price) FROM STDIN") { writer in
                for p in set.programIDs.indices {
                    try writer.writeRow([
                        runText, set.programIDs[p], set.programSchoolIDs[p], String(set.seats[p]), String(set.batches[p]),
                        programPrices.map { String($0[p]) },
                    ])
                }
            }

            let total = set.pairCount + set.studentIDs.count
            var written = 0
            func advance(_ rows: Int) throws {
                let before = written / 50_000
                written += rows
                if written / 50_000 != before || written == total {
                    try progress(SaveProgress(rowsWritten: written, rowsTotal: total))
                }
            }
            let region = self.region
            var steps = timings
            try attachPartition(of: "candidates", runID: runID, timings: &steps) { writer in
                var rows = BinaryCopyRows()
                for s in set.studentIDs.indices {
                    let student = set.studentIDs[s]
                    let count = set.candidateCount(ofStudent: s)
                    // In key order (student, then programme id): the primary key is then built
                    // from presorted rows.
                    let ranks = (1..<count + 1)
                        .sorted { set.programIndex(ofStudent: s, rank: $0) < set.programIndex(ofStudent: s, rank: $1) }
                    for rank in ranks {
                        let candidate = set.candidate(ofStudent: s, rank: rank)
                        rows.beginRow(fields: 11)
                        rows.text(region.rawValue)
                        rows.int8(runID.rawValue)
                        rows.text(student)
                        rows.text(candidate.programID)
                        rows.int4(candidate.studentRank)
                        rows.float8(candidate.score)
                        rows.float8(candidate.programPriority)
                        rows.float8(candidate.interest)
                        rows.float8(candidate.grades)
                        rows.float8(candidate.location)
                        rows.float8(candidate.distanceKm)
                    }
                    try rows.send(to: &writer)
                    try advance(count)
                }
                rows.end()
                try rows.send(to: &writer, force: true)
            }
            let assignments = result.assignments
                ?? set.studentIDs.map { Assignment(studentID: $0, programID: nil, schoolID: nil, score: nil, studentRank: nil) }
            let lottery = result.settings.lottery
            try attachPartition(of: "assignments", runID: runID, timings: &steps) { writer in
                var rows = BinaryCopyRows()
                let prices = result.certificate?.studentPrices
                let admissions = result.admissions
                for (s, assignment) in assignments.enumerated() {
                    rows.beginRow(fields: 12)
                    rows.text(region.rawValue)
                    rows.int8(runID.rawValue)
                    rows.text(assignment.studentID)
                    rows.text(assignment.programID)
                    rows.text(assignment.schoolID)
                    rows.float8(assignment.score)
                    rows.int4(assignment.studentRank)
                    rows.int8(lottery.map { Int64($0.number(forStudent: assignment.studentID)) })
                    rows.int8(prices?[s])
                    if let admission = admissions?[s] {
                        rows.float8Array(optionals: admission.keys)
                        rows.textArray(admission.wishes)
                        rows.bool(admission.acceptsReassignment)
                    } else {
                        rows.null()
                        rows.null()
                        rows.null()
                    }
                    try rows.send(to: &writer)
                }
                rows.end()
                try rows.send(to: &writer, force: true)
                try advance(assignments.count)
            }

            try AuditLog.record(
                connection, actor: actor, action: "match.run", region: region, subjectType: "match_run",
                subjectID: runText,
                details: [
                    "strategy": .string(result.settings.strategy.rawValue), "cohort": cohort.map(JSONValue.integer) ?? .null,
                    "only_followup": .bool(onlyFollowup), "students": .integer(set.studentIDs.count),
                    "placed": .integer(figures.placed), "candidates": .integer(set.pairCount),
                ])
            steps["save"] = Self.seconds(since: started)
            try connection.query(
                "UPDATE match_runs SET timings = $2::jsonb WHERE run_id = $1", [runID, Self.timingsJSON(steps)])
            return runID
        }
    }

    /// Copies rows into a new table shaped like `parent`, then attaches it as the run's partition:
    /// the attach builds the indexes and checks the foreign keys over the whole run at once.
    ///
    /// DDL takes no parameters, so the run id is written into the statement; it is the integer the
    /// server just generated, never text from a user.
    private func attachPartition(
        of parent: String, runID: RunID, timings: inout [String: Double], rows: (inout CopyInWriter) throws -> Void
    ) throws {
        let partition = "\(parent)_run_\(runID)"
        try connection.execute(
            "CREATE TABLE \(partition) (LIKE \(parent) INCLUDING DEFAULTS INCLUDING CONSTRAINTS)")
        let copying = ContinuousClock.now
        // FREEZE: the table is new in this transaction, so its rows can be written already frozen
        // and visible, and autovacuum finds nothing to do on them afterwards.
        try connection.copyIn("COPY \(partition) FROM STDIN (FORMAT binary, FREEZE)", rows)
        let attaching = ContinuousClock.now
        timings["save_copy_\(parent)"] = (attaching - copying).seconds
        // With this check in place the attach need not scan the rows to prove they belong.
        try connection.execute(
            "ALTER TABLE \(partition) ADD CONSTRAINT \(partition)_run CHECK (run_id = \(runID))")
        try connection.execute("ALTER TABLE \(parent) ATTACH PARTITION \(partition) FOR VALUES IN (\(runID))")
        // Statistics now, not when autovacuum comes by: the next command (`referrals create`, a
        // report) joins this table to the students, and without them the planner takes the new
        // table for a row or two and loops over every student for each of its rows.
        try connection.execute("ANALYZE \(partition)")
        timings["save_attach_\(parent)"] = Self.seconds(since: attaching)
    }

    // MARK: Text forms

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        (ContinuousClock.now - start).seconds
    }

    static func settingsJSON(_ settings: MatchSettings) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(settings), as: UTF8.self)
    }

    static func timingsJSON(_ timings: [String: Double]) -> String {
        JSONValue.object(timings.mapValues { .number(($0 * 10_000).rounded() / 10_000) }).jsonText
    }
}

/// What a run's summary reports about its placements, computed once from the result.
struct MatchFigures {
    var placed = 0
    var meanScore: Double?
    var meanDistanceKm: Double?

    init(_ result: MatchResult) {
        guard let placements = result.placements else { return }
        let set = result.candidateSet
        var scoreSum = 0.0
        var distanceSum = 0.0
        // Students placed without a known home have no distance (NaN) and are not averaged.
        var placedWithDistance = 0
        for s in set.studentIDs.indices {
            guard let rank = placements.studentRank(ofStudent: s) else { continue }
            let candidate = set.candidate(ofStudent: s, rank: rank)
            placed += 1
            scoreSum += candidate.score
            if !candidate.distanceKm.isNaN {
                distanceSum += candidate.distanceKm
                placedWithDistance += 1
            }
        }
        if placed > 0 { meanScore = scoreSum / Double(placed) }
        if placedWithDistance > 0 { meanDistanceKm = distanceSum / Double(placedWithDistance) }
    }
}
