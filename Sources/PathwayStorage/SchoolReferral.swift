import PathwayCore
/// One referral as the receiving vocational school sees it: who the student is, how to reach
/// the family, which programme, and where the referral stands. Nothing else about the student
/// (grades, wishes, hardship, notes) leaves the county office.
public struct SchoolReferral: Sendable, Hashable, Codable {
    public var referralID: ReferralID
    public var studentID: String
    /// The national student-status number (学籍号), which the school needs to register the
    /// student, when the county's list gave it.
    public var statusNumber: String?
    public var name: String
    /// `M` or `F`, as stored.
    public var gender: String?
    /// `YYYY-MM-DD`.
    public var birthDate: String?
    /// The junior school the student leaves.
    public var school: String?
    public var guardianName: String?
    public var guardianPhone: String?
    public var programID: String
    public var programName: String
    public var score: Double?
    public var status: String
    /// ISO 8601 in UTC with microseconds, when the county sent the referral.
    public var sentAt: String?
    /// ISO 8601 in UTC with microseconds: the latest change to the referral, the student or the
    /// programme, so that `updated_since` also brings a corrected guardian phone.
    public var updatedAt: String

    public init(
        referralID: ReferralID, studentID: String, statusNumber: String? = nil, name: String, gender: String?, birthDate: String?, school: String?,
        guardianName: String?, guardianPhone: String?, programID: String, programName: String, score: Double?,
        status: String, sentAt: String?, updatedAt: String
    ) {
        self.referralID = referralID
        self.studentID = studentID
        self.statusNumber = statusNumber
        self.name = name
        self.gender = gender
        self.birthDate = birthDate
        self.school = school
        self.guardianName = guardianName
        self.guardianPhone = guardianPhone
        self.programID = programID
        self.programName = programName
        self.score = score
        self.status = status
        self.sentAt = sentAt
        self.updatedAt = updatedAt
    }

    /// The columns of a CSV file and the keys of a JSON object, in this order.
    public static let columns = [
        "referral_id", "student_id", "status_number", "name", "gender", "birth_date", "school", "guardian_name", "guardian_phone",
        "program_id", "program_name", "score", "status", "sent_at", "updated_at",
    ]

    enum CodingKeys: String, CodingKey {
        case referralID = "referral_id", studentID = "student_id", statusNumber = "status_number", name, gender, birthDate = "birth_date", school
        case guardianName = "guardian_name", guardianPhone = "guardian_phone", programID = "program_id"
        case programName = "program_name", score, status, sentAt = "sent_at", updatedAt = "updated_at"
    }

    /// One JSON object whose keys come in `columns` order, as `GET /v1/referrals` lists it.
    public var jsonText: String {
        var text = "{"
        for (index, (key, value)) in zip(Self.columns, values).enumerated() {
            if index > 0 { text += "," }
            JSONValue.writeString(key, to: &text)
            text += ":"
            text += value.jsonText
        }
        return text + "}"
    }

    /// The row's values in `columns` order, as JSON values (null where nothing is known).
    public var values: [JSONValue] {
        func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
        return [
            .integer(Int(referralID.rawValue)), .string(studentID), text(statusNumber), .string(name), text(gender), text(birthDate), text(school),
            text(guardianName), text(guardianPhone), .string(programID), .string(programName),
            score.map(JSONValue.number) ?? .null, .string(status), text(sentAt), .string(updatedAt),
        ]
    }
}
