/// The three files of a generated county, as UTF-8 CSV text with LF line endings and no byte
/// order mark, in the formats `pathway import` reads.
public struct SeedFiles: Sendable, Hashable {
    public var schools: String
    public var programs: String
    public var students: String

    public init(schools: String, programs: String, students: String) {
        self.schools = schools
        self.programs = programs
        self.students = students
    }

    /// File names and contents, in import order (schools before the programmes that name
    /// them).
    public var files: [(name: String, text: String)] {
        [("schools.csv", schools), ("programs.csv", programs), ("students.csv", students)]
    }
}
