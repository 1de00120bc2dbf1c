import Foundation
import PathwayCore
import PostgresClient

extension MatchRunStore {
    /// Run `runID` as its rows stand, nothing rebuilt or recomputed, for `RunVerifier`: a run
    /// changed by hand reads back as changed. Read in one transaction, so that the tables agree.
    public func storedRun(_ runID: RunID) throws -> StoredRun {
        try connection.withTransaction { _ in
            let record = try record(runID)
            let programs = try connection.query(
                "SELECT program_id, seats, batch, price FROM match_run_programs WHERE run_id = $1", [runID]
            ).rows.map { row in
                StoredRun.Program(
                    id: try row.decode("program_id"), seats: try row.decode("seats"), batch: try row.decode("batch"),
                    price: try row.decode("price"))
            }
            let decoder = JSONDecoder()
            let rows = try connection.query(
                """
                SELECT student_id, program_id, student_rank, lottery, price, array_to_json(admission_keys)::text AS keys,
                       array_to_json(wishes)::text AS wishes, accepts_reassignment
                FROM assignments WHERE run_id = $1 AND region = $2
                """, [runID, region])
            let assignments = try rows.rows.map { row in
                let lottery: Int64? = try row.decode("lottery")
                var admission: AdmissionRecord?
                if let keys = try row.decode("keys", as: String?.self) {
                    let wishes = try row.decode("wishes", as: String?.self) ?? "[]"
                    do {
                        admission = AdmissionRecord(
                            keys: try decoder.decode([Double?].self, from: Data(keys.utf8)),
                            wishes: try decoder.decode([String].self, from: Data(wishes.utf8)),
                            acceptsReassignment: try row.decode("accepts_reassignment", as: Bool?.self) ?? false)
                    } catch {
                        throw MatchRunError.unreadableRun(runID: runID, reason: "an admission record of run \(runID) is malformed")
                    }
                }
                return StoredRun.Assignment(
                    studentID: try row.decode("student_id"), programID: try row.decode("program_id"),
                    studentRank: try row.decode("student_rank"), lottery: lottery.map { UInt64(bitPattern: $0) },
                    price: try row.decode("price"), admission: admission)
            }
            return StoredRun(
                runID: runID.rawValue, settings: record.settings, programs: programs,
                candidates: try candidates(of: runID, expected: record.candidateCount), assignments: assignments)
        }
    }
}
