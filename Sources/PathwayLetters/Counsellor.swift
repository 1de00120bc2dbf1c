/// The member of staff who follows the student until they enrol, and whom the school and the
/// family are asked to contact: a letter without a person and a number leaves a family alone.
public struct Counsellor: Sendable, Hashable, Codable {
    public var name: String
    public var phone: String
    /// The office that signs the letter (`青岚县教育局`), printed as the sender.
    public var organisation: String

    public init(name: String, phone: String, organisation: String) {
        self.name = name
        self.phone = phone
        self.organisation = organisation
    }
}
