import Foundation
import PathwayCore

/// One 劝返/家访 record: who reached the student's family, when, how, and what came of it.
public struct FollowupContact: Sendable, Hashable, Codable {
    public var id: Int
    public var studentID: String
    public var kind: ContactKind
    public var outcome: ContactOutcome
    public var note: String?
    /// The person who made the contact, by name.
    public var contactedBy: String
    public var contactedAt: Date
    /// Who typed the record in (the audit log's actor).
    public var recordedBy: String
    public var recordedAt: Date

    enum CodingKeys: String, CodingKey {
        case id = "contact_id"
        case studentID = "student_id"
        case kind
        case outcome
        case note
        case contactedBy = "contacted_by"
        case contactedAt = "contacted_at"
        case recordedBy = "recorded_by"
        case recordedAt = "recorded_at"
    }

    public init(
        id: Int, studentID: String, kind: ContactKind, outcome: ContactOutcome, note: String?, contactedBy: String,
        contactedAt: Date, recordedBy: String, recordedAt: Date
    ) {
        self.id = id
        self.studentID = studentID
        self.kind = kind
        self.outcome = outcome
        self.note = note
        self.contactedBy = contactedBy
        self.contactedAt = contactedAt
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
    }
}
