import Foundation
import PathwayCore

/// One referral: a placed student, the programme they are referred to, and the staff member who
/// follows them until they enrol (四级包保).
public struct Referral: Sendable, Hashable, Codable {
    public var id: ReferralID
    /// The number people quote on the phone and print on letters, e.g. `PW-2026-000123`.
    public var referenceNumber: String
    public var region: Region
    /// The match run the referral was made from.
    public var runID: RunID
    public var studentID: String
    public var studentName: String
    public var programID: String
    public var programName: String
    public var schoolID: String
    public var schoolName: String
    /// The match score of the student and programme in the run (0-100).
    public var score: Double?
    public var status: ReferralStatus
    /// Who follows this student until the case is closed.
    public var assignee: String
    /// When the letter was sent; nil until the referral reaches `sent`.
    public var sentAt: Date?
    public var createdAt: Date
    public var updatedAt: Date

    /// The keys of `--json` output: snake_case, like the import formats' columns.
    enum CodingKeys: String, CodingKey {
        case id = "referral_id"
        case referenceNumber = "reference_number"
        case region
        case runID = "run_id"
        case studentID = "student_id"
        case studentName = "student_name"
        case programID = "program_id"
        case programName = "program_name"
        case schoolID = "school_id"
        case schoolName = "school_name"
        case score
        case status
        case assignee
        case sentAt = "sent_at"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    public init(
        id: ReferralID, referenceNumber: String, region: Region, runID: RunID, studentID: String, studentName: String,
        programID: String, programName: String, schoolID: String, schoolName: String, score: Double?,
        status: ReferralStatus, assignee: String, sentAt: Date?, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.referenceNumber = referenceNumber
        self.region = region
        self.runID = runID
        self.studentID = studentID
        self.studentName = studentName
        self.programID = programID
        self.programName = programName
        self.schoolID = schoolID
        self.schoolName = schoolName
        self.score = score
        self.status = status
        self.assignee = assignee
        self.sentAt = sentAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
