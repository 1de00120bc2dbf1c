/// Students or programmes that cannot be matched as given, naming the offending id.
///
/// Importers already refuse these; the core checks again because a duplicate id would make
/// "which student got which seat" ambiguous, and an ambiguous result must never be stored.
public enum MatchInputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Two students share an id.
    case duplicateStudentID(String)
    /// Two programmes share an id.
    case duplicateProgramID(String)

    /// A message a person can act on.
    public var description: String {
        switch self {
        case .duplicateStudentID(let id): "student_id \"\(id)\" appears more than once"
        case .duplicateProgramID(let id): "program_id \"\(id)\" appears more than once"
        }
    }
}
