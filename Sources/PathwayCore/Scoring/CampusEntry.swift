/// What the scorer's ring walk needs of one programme, packed so that walking a cell reads
/// consecutive memory instead of six scattered arrays.
struct CampusEntry: Sendable {
    /// Programme index.
    let program: Int32
    /// Category index, into a student's category-wish table.
    let category: Int32
    /// Distinct Holland code index, or the neutral slot when the programme has none.
    let congruenceSlot: Int32
    /// Key-subject profile index, or the overall-standing slot when it names none.
    let gradesSlot: Int32
    /// Minimum total score, NaN when there is none.
    let minimum: Double
    /// Whether it offers boarding.
    let boarding: Bool
}
