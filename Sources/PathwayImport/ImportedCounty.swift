import PathwayCore

/// A county's three files (schools, programmes, students) read together into model values:
/// programmes checked against the schools of `schools.csv`, wishes against the programmes of
/// `programs.csv`. Used where there is no database to check against (the demo's preview, the
/// seed generator's tests); `pathway import` reads one file at a time against the database.
public struct ImportedCounty: Sendable {
    public var schools: [School] = []
    public var programs: [Program] = []
    public var students: [Student] = []
    /// Every file's issues; the county is usable only when it has no errors.
    public var diagnostics = ImportDiagnostics(cap: 50)

    /// Reads the three files' bytes (UTF-8 or GB18030, as `CSVReader` detects).
    public init(schools: [UInt8], programs: [UInt8], students: [UInt8]) {
        let schoolFile = SchoolFile(bytes: schools, fileName: "schools.csv")
        let programFile = ProgramFile(
            bytes: programs, fileName: "programs.csv",
            schools: ProgramFile.KnownSchools(schoolFile.schools, source: "schools.csv"))
        let studentFile = StudentFile(
            bytes: students, fileName: "students.csv", programIDs: Set(programFile.programs.map(\.id)),
            programSource: "programs.csv")
        self.schools = schoolFile.schools
        self.programs = programFile.programs
        self.students = studentFile.students
        for file in [schoolFile.diagnostics, programFile.diagnostics, studentFile.diagnostics] {
            diagnostics.merge(file)
        }
    }
}
