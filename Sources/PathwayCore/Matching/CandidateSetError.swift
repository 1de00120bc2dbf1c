/// Candidate lists that do not form a valid assignment problem, naming what is wrong.
public enum CandidateSetError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Two students or two programmes share an id.
    case duplicateID(String)
    /// A candidate names a student that is not in the list of students.
    case unknownStudent(String)
    /// A candidate names a programme that is not in the list of programmes.
    case unknownProgram(String)
    /// A student's ranks are not 1, 2, 3, … without gaps or repeats.
    case ranksNotConsecutive(studentID: String)
    /// A student lists the same programme twice.
    case repeatedProgram(studentID: String, programID: String)
    /// A score or priority is NaN or infinite.
    case notFinite(studentID: String, programID: String)

    /// A message a person can act on.
    public var description: String {
        switch self {
        case .duplicateID(let id): "id \"\(id)\" appears more than once"
        case .unknownStudent(let id): "candidate for unknown student \"\(id)\""
        case .unknownProgram(let id): "candidate for unknown program \"\(id)\""
        case .ranksNotConsecutive(let id): "student \"\(id)\": ranks must be 1, 2, 3, ... without gaps"
        case .repeatedProgram(let s, let p): "student \"\(s)\" lists program \"\(p)\" more than once"
        case .notFinite(let s, let p): "student \"\(s)\", program \"\(p)\": score or priority is not a finite number"
        }
    }
}
