/// What an assignment needs to know about a programme: who it is and how many seats it has.
public struct ProgramCapacity: Sendable, Hashable, Codable {
    /// The programme id.
    public var id: String
    /// The school offering it, carried so that assignment rows can name it.
    public var schoolID: String
    /// Seats offered; 0 or less means none.
    public var seats: Int
    /// The admission batch under the `parallel` strategy.
    public var batch: Int

    /// Memberwise initializer.
    public init(id: String, schoolID: String, seats: Int, batch: Int = 1) {
        self.id = id
        self.schoolID = schoolID
        self.seats = seats
        self.batch = batch
    }
}
