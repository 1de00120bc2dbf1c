import Foundation
import PathwayCore
import PostgresClient

/// One student's whole follow-up story (一人一案): every run that included them, every
/// referral with each change, every contact, and who follows them.
public struct StudentStory: Sendable, Hashable, Codable {
    /// A run that included the student, and what it gave them.
    public struct RunLine: Sendable, Hashable, Codable {
        public var runID: RunID
        public var strategy: Strategy
        public var onlyFollowup: Bool
        public var at: Date
        /// nil when the run left the student without a seat (or, for `ranked`, placed nobody).
        public var programID: String?
        public var programName: String?
        public var schoolID: String?
        /// The place of the programme on the student's candidate list.
        public var studentRank: Int?

        enum CodingKeys: String, CodingKey {
            case runID = "run_id"
            case strategy
            case onlyFollowup = "only_followup"
            case at
            case programID = "program_id"
            case programName = "program_name"
            case schoolID = "school_id"
            case studentRank = "student_rank"
        }
    }

    public var student: Student
    public var runs: [RunLine]
    public var referrals: [ReferralHistory]
    public var contacts: [FollowupContact]

    /// Reads the story of `studentID`; nil when the region has no such student.
    public static func read(_ connection: PostgresConnection, region: Region, studentID: String) throws -> StudentStory? {
        guard let student = try CountyDirectory(connection: connection, region: region).student(id: studentID) else {
            return nil
        }
        let runs = try connection.query(
            """
            SELECT a.run_id, m.strategy, m.only_followup, m.created_at, a.program_id,
                   p.name AS program_name, a.school_id, a.student_rank
            FROM assignments a JOIN match_runs m ON m.run_id = a.run_id
            LEFT JOIN programs p ON p.program_id = a.program_id
            WHERE a.region = $1 AND a.student_id = $2
            ORDER BY m.created_at, a.run_id
            """, [region, studentID])
        let lines = try runs.rows.map { row in
            let text: String = try row.decode("strategy")
            guard let strategy = Strategy(rawValue: text) else {
                throw PostgresError(kind: .decoding, message: "\(text) is not a strategy")
            }
            return RunLine(
                runID: try row.decode("run_id"), strategy: strategy, onlyFollowup: try row.decode("only_followup"),
                at: try row.decode("created_at"), programID: try row.decode("program_id"),
                programName: try row.decode("program_name"), schoolID: try row.decode("school_id"),
                studentRank: try row.decode("student_rank"))
        }
        let store = ReferralStore(connection: connection, region: region)
        let ids = try connection.query(
            "SELECT referral_id FROM referrals WHERE region = $1 AND student_id = $2 ORDER BY referral_id",
            [region, studentID])
        let referrals = try ids.rows.compactMap { try store.show(try $0.decode(0, as: ReferralID.self)) }
        let contacts = try FollowupStore(connection: connection, region: region).contacts(studentID: studentID)
        return StudentStory(student: student, runs: lines, referrals: referrals, contacts: contacts)
    }
}
