/// A follow-up run (`pathway match run --only-followup`): only the students still to be placed,
/// into the seats still free.
///
/// The follow-up ledger (issue 6) decides who those students are and how many seats each
/// programme has left; a run only needs the answer, so this is all `MatchInputs` takes.
public struct FollowupScope: Sendable, Hashable {
    /// The students to match again; everyone else stays out of the run.
    public var studentIDs: [String]
    /// Free seats per programme id; a programme not named has none.
    public var freeSeats: [String: Int]

    public init(studentIDs: [String], freeSeats: [String: Int]) {
        self.studentIDs = studentIDs
        self.freeSeats = freeSeats
    }
}
