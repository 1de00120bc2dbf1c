/// A county vocational school (中职学校) that offers programmes.
public struct School: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var name: String
    public var county: String?
    public var address: String?
    public var location: Coordinate
    public var contactName: String?
    public var contactPhone: String?
    public var contactEmail: String?

    public init(
        id: String, name: String, county: String? = nil, address: String? = nil,
        location: Coordinate, contactName: String? = nil, contactPhone: String? = nil,
        contactEmail: String? = nil
    ) {
        self.id = id
        self.name = name
        self.county = county
        self.address = address
        self.location = location
        self.contactName = contactName
        self.contactPhone = contactPhone
        self.contactEmail = contactEmail
    }
}
