import PathwayCore

/// A county's files (schools, programmes, students, and its gazetteer when homes are given as
/// places) read together into model values: programmes checked against the schools file,
/// wishes against the programmes file. Used where there is no database to check against (the
/// demo's preview, the seed generator's tests); `pathway import` reads one file at a time
/// against the database.
public struct ImportedCounty: Sendable {
    public var schools: [School] = []
    public var programs: [Program] = []
    public var students: [Student] = []
    public var places: [Gazetteer.Place] = []
    /// Every file's issues; the county is usable only when it has no errors.
    public var diagnostics = ImportDiagnostics(cap: 50)

    /// Reads the files (CSV in UTF-8 or GB18030, or workbooks).
    public init(schools: ImportSource, programs: ImportSource, students: ImportSource, places: ImportSource? = nil) {
        let placeFile = places.map { PlaceFile($0) }
        let gazetteer = Gazetteer(placeFile?.places ?? [])
        let schoolFile = SchoolFile(schools, places: gazetteer)
        let programFile = ProgramFile(
            programs, schools: ProgramFile.KnownSchools(schoolFile.schools, source: schools.fileName), places: gazetteer)
        let catalogue = ProgramCatalogue(programs: programFile.programs, schools: schoolFile.schools)
        let studentFile = StudentFile(
            students, lookups: StudentFile.Lookups(programs: catalogue, programSource: programs.fileName, places: gazetteer))
        self.schools = schoolFile.schools
        self.programs = programFile.programs
        self.students = studentFile.students
        self.places = placeFile?.places ?? []
        for file in [placeFile?.diagnostics, schoolFile.diagnostics, programFile.diagnostics, studentFile.diagnostics] {
            if let file { diagnostics.merge(file) }
        }
    }

    /// Reads the three CSV files `Seeds/` ships, by their usual names.
    public init(schools: [UInt8], programs: [UInt8], students: [UInt8]) {
        self.init(
            schools: ImportSource(bytes: schools, fileName: "schools.csv"),
            programs: ImportSource(bytes: programs, fileName: "programs.csv"),
            students: ImportSource(bytes: students, fileName: "students.csv"))
    }
}

extension ProgramCatalogue {
    /// The catalogue of `programs`, each with its school's name from `schools`.
    public init(programs: [Program], schools: [School]) {
        let names = Dictionary(schools.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        self.init(programs.map { program in
            Entry(
                id: program.id, name: program.name, schoolID: program.schoolID,
                schoolName: names[program.schoolID] ?? program.schoolID, category: program.category)
        })
    }
}
