import Foundation
import PathwayCore
import PostgresClient

/// The people side of the follow-up loop: who is responsible for each student (四级包保), and
/// the contacts they make (劝返/家访). Every change is one transaction with its audit entry.
public struct FollowupStore {
    public let connection: PostgresConnection
    public let region: Region

    public init(connection: PostgresConnection, region: Region) {
        self.connection = connection
        self.region = region
    }

    /// Which students an assignment names; at least one field must be given.
    public struct Selection: Sendable, Hashable {
        public var studentIDs: [String]?
        public var juniorSchool: String?
        public var township: String?
        public var cohort: Int?

        public init(studentIDs: [String]? = nil, juniorSchool: String? = nil, township: String? = nil, cohort: Int? = nil) {
            self.studentIDs = studentIDs
            self.juniorSchool = juniorSchool
            self.township = township
            self.cohort = cohort
        }

        var isEmpty: Bool { studentIDs == nil && juniorSchool == nil && township == nil && cohort == nil }
    }

    /// What an assignment changed.
    public struct Assignment: Sendable, Hashable, Codable {
        /// Students now followed by the person.
        public var students: Int
        /// Their open referrals, which now name the person too.
        public var openReferrals: Int
    }

    /// Names `person` as responsible for the selected students and for their open referrals.
    ///
    /// - Throws: `FollowupStoreError.emptySelection`, `.missingPerson`, `.unknownStudents`
    ///   (ids not in the region, listed) or `.nobodySelected`; nothing is written then.
    @discardableResult
    public func assign(_ selection: Selection, to person: String, actor: String) throws -> Assignment {
        guard !selection.isEmpty else { throw FollowupStoreError.emptySelection }
        let person = person.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !person.isEmpty else { throw FollowupStoreError.missingPerson }
        return try connection.withTransaction { connection in
            let ids = selection.studentIDs.map { CountyDirectory.arrayParameter($0) }
            if let wanted = selection.studentIDs {
                let known = try connection.query(
                    "SELECT student_id FROM students WHERE region = $1 AND student_id = ANY($2::text[])", [region, ids])
                let found = Set(try known.rows.map { try $0.decode(0, as: String.self) })
                let missing = wanted.filter { !found.contains($0) }
                if !missing.isEmpty { throw FollowupStoreError.unknownStudents(missing) }
            }
            let students = try connection.query(
                """
                UPDATE students SET responsible = $6, updated_at = now()
                WHERE region = $1 AND ($2::text[] IS NULL OR student_id = ANY($2::text[]))
                  AND ($3::text IS NULL OR junior_school = $3) AND ($4::text IS NULL OR township = $4)
                  AND ($5::integer IS NULL OR graduation_year = $5)
                RETURNING student_id
                """, [region, ids, selection.juniorSchool, selection.township, selection.cohort, person])
            guard students.rowCount > 0 else { throw FollowupStoreError.nobodySelected }
            let chosen = CountyDirectory.arrayParameter(try students.rows.map { try $0.decode(0, as: String.self) })
            let referrals = try connection.query(
                """
                UPDATE referrals SET assignee = $3, updated_at = now()
                WHERE region = $1 AND student_id = ANY($2::text[]) AND status IN (\(ReferralStore.openStatusesSQL))
                  AND assignee <> $3
                """, [region, chosen, person])
            var details: [String: JSONValue] = [
                "to": .string(person), "students": .integer(students.rowCount),
                "open_referrals": .integer(referrals.affectedRows),
            ]
            if let school = selection.juniorSchool { details["junior_school"] = .string(school) }
            if let township = selection.township { details["township"] = .string(township) }
            if let cohort = selection.cohort { details["cohort"] = .integer(cohort) }
            if let listed = selection.studentIDs, listed.count <= 20 {
                details["student_ids"] = .array(listed.map { .string($0) })
            }
            try AuditLog.record(connection, actor: actor, action: "followup.assign", region: region, details: details)
            return Assignment(students: students.rowCount, openReferrals: referrals.affectedRows)
        }
    }

    /// Records one contact with a student's family.
    ///
    /// - Throws: `FollowupStoreError.unknownStudents` for an id not in the region,
    ///   `.missingPerson` for an empty `contactedBy`.
    @discardableResult
    public func recordContact(
        studentID: String, kind: ContactKind, outcome: ContactOutcome, note: String?, contactedBy: String,
        at: Date, actor: String
    ) throws -> FollowupContact {
        let person = contactedBy.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !person.isEmpty else { throw FollowupStoreError.missingPerson }
        let note = note?.trimmingCharacters(in: .whitespacesAndNewlines).nonEmpty
        return try connection.withTransaction { connection in
            let known = try connection.query(
                "SELECT 1 FROM students WHERE region = $1 AND student_id = $2", [region, studentID])
            guard known.rowCount == 1 else { throw FollowupStoreError.unknownStudents([studentID]) }
            let inserted = try connection.query(
                """
                INSERT INTO followup_contacts (region, student_id, kind, outcome, note, contacted_by, contacted_at, recorded_by)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                RETURNING \(Self.contactColumns)
                """, [region, studentID, kind.rawValue, outcome.rawValue, note, person, at, actor])
            guard let row = inserted.rows.first else { throw FollowupStoreError.unknownStudents([studentID]) }
            let contact = try Self.contact(row)
            try AuditLog.record(
                connection, actor: actor, action: "followup.contact", region: region, subjectType: "student",
                subjectID: studentID,
                details: [
                    "contact_id": .integer(contact.id), "kind": .string(kind.rawValue), "outcome": .string(outcome.rawValue),
                    "by": .string(person), "note": .bool(note != nil),
                ])
            return contact
        }
    }

    /// A student's contacts, oldest first.
    public func contacts(studentID: String) throws -> [FollowupContact] {
        let result = try connection.query(
            """
            SELECT \(Self.contactColumns)
            FROM followup_contacts WHERE region = $1 AND student_id = $2 ORDER BY contacted_at, contact_id
            """, [region, studentID])
        return try result.rows.map(Self.contact)
    }

    static let contactColumns =
        "contact_id, student_id, kind, outcome, note, contacted_by, contacted_at, recorded_by, recorded_at"

    private static func contact(_ row: QueryResult.Row) throws -> FollowupContact {
        guard let kind = ContactKind(rawValue: try row.decode("kind")),
              let outcome = ContactOutcome(rawValue: try row.decode("outcome"))
        else { throw PostgresError(kind: .decoding, message: "a contact's kind or outcome is unknown") }
        return FollowupContact(
            id: try row.decode("contact_id"), studentID: try row.decode("student_id"), kind: kind, outcome: outcome,
            note: try row.decode("note"), contactedBy: try row.decode("contacted_by"),
            contactedAt: try row.decode("contacted_at"), recordedBy: try row.decode("recorded_by"),
            recordedAt: try row.decode("recorded_at"))
    }
}

/// Why a follow-up change could not be made; nothing was written.
public enum FollowupStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An assignment named no students at all (no ids, school, township or cohort).
    case emptySelection
    /// The person's name is empty.
    case missingPerson
    /// These ids are not students of the region.
    case unknownStudents([String])
    /// The selection matched no student.
    case nobodySelected

    public var description: String {
        switch self {
        case .emptySelection: "say whose students: give student ids, --junior-school, --township or --cohort"
        case .missingPerson: "give the name of the person (not an account), e.g. --to \"王老师\""
        case .unknownStudents(let ids):
            "no student has the id \(ids.prefix(5).joined(separator: ", "))\(ids.count > 5 ? ", …" : ""); `pathway students list` shows them"
        case .nobodySelected: "no student matches; check the junior school or township as `pathway students list` shows it"
        }
    }
}
