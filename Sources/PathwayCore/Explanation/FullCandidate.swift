/// A candidate the student ranked above their placement (or any candidate, when unplaced) that
/// filled its seats with others: the answer to "why not my first choice?".
///
/// Other students are described only by their priorities, never by name or id: the family of
/// one minor must not learn who took the seat.
public struct FullCandidate: Sendable, Hashable, Codable {
    /// The programme.
    public let programID: String
    /// The programme's name.
    public let programName: String
    /// Its position in the student's candidate list.
    public let studentRank: Int
    /// Seats it offers.
    public let seats: Int
    /// Students it admitted in the assignment.
    public let admitted: Int
    /// The lowest programme priority among them: the bar to clear.
    public let lowestAdmittedPriority: Double
    /// This student's priority at the programme.
    public let studentPriority: Double
}
