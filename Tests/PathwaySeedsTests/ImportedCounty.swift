import PathwayImport
import PathwaySeeds

extension ImportedCounty {
    /// Generated files read back through the importer's parsing.
    init(_ files: SeedFiles) {
        self.init(schools: Array(files.schools.utf8), programs: Array(files.programs.utf8), students: Array(files.students.utf8))
    }
}

/// Fields that need CSV quoting in generated files, as the reader sees them.
func quotedLookingFields(_ files: SeedFiles) throws -> Int {
    var count = 0
    for file in files.files {
        let table = try CSVReader().read(Array(file.text.utf8), fileName: file.name)
        for row in table.rows {
            count += row.fields.filter { $0.contains(",") || $0.contains("\"") || $0.contains("\n") }.count
        }
    }
    return count
}
