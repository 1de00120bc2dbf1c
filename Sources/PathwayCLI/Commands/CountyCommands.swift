import ArgumentParser
import Foundation
import PathwayCore
import PathwayStorage

/// `pathway schools list`: the vocational schools imported.
struct SchoolsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schools", abstract: "List the vocational schools.", subcommands: [List.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the vocational schools, with their programmes and seats.",
            discussion: "Example: pathway schools list --json")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let connection = try DatabaseLocator(options: database).open()
            defer { connection.close() }
            let directory = CountyDirectory(connection: connection)
            let schools = try directory.schools()
            let programs = try directory.programs()
            if output.json { return try Terminal.printJSON(schools.map(SchoolListing.init)) }
            var table = TextTable(["school_id", "name", "programmes", "seats", "contact"], rightAligned: [2, 3])
            for school in schools {
                let own = programs.filter { $0.schoolID == school.id }
                table.append([
                    school.id, school.name, String(own.count), String(own.reduce(0) { $0 + $1.seats }),
                    [school.contactName, school.contactPhone].compactMap { $0 }.joined(separator: " "),
                ])
            }
            print(table.text)
            print("\(schools.count) schools")
        }
    }
}

/// `pathway programs list`: the programmes imported, of one school or all.
struct ProgramsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "programs", abstract: "List the programmes.", subcommands: [List.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List programmes with their category, seats, requirement and boarding.",
            discussion: "Example: pathway programs list --school S01")
        @Option(help: ArgumentHelp("Only this school's programmes.", valueName: "school_id"))
        var school: String?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let connection = try DatabaseLocator(options: database).open()
            defer { connection.close() }
            let programs = try CountyDirectory(connection: connection).programs(schoolID: school)
            if output.json { return try Terminal.printJSON(programs.map(ProgramListing.init)) }
            var table = TextTable(
                ["program_id", "school", "name", "category", "holland", "seats", "min total", "boarding"],
                rightAligned: [5, 6])
            for program in programs {
                table.append([
                    program.id, program.schoolID, program.name, program.category, program.hollandCode?.description ?? "",
                    String(program.seats), program.minTotalScore.map { String(format: "%g", $0) } ?? "",
                    program.boarding ? "yes" : "",
                ])
            }
            print(table.text)
            print("\(programs.count) programmes, \(programs.reduce(0) { $0 + $1.seats }) seats")
        }
    }
}

/// `pathway students list|show`: the students imported.
struct StudentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "students", abstract: "List students, or show one.", subcommands: [List.self, Show.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List students, filtered by junior school, township or cohort.",
            discussion: "Example: pathway students list --township 清水镇 --cohort 2026")
        @Option(help: ArgumentHelp("Only students of this junior school (as written in the file).", valueName: "name"))
        var school: String?
        @Option(help: ArgumentHelp("Only students living in this township.", valueName: "name"))
        var township: String?
        @Option(help: ArgumentHelp("Only this cohort (the year they leave junior school).", valueName: "year"))
        var cohort: Int?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let connection = try DatabaseLocator(options: database).open()
            defer { connection.close() }
            let filter = CountyDirectory.StudentFilter(juniorSchool: school, township: township, cohort: cohort)
            let students = try CountyDirectory(connection: connection).students(filter)
            if output.json { return try Terminal.printJSON(students.map(StudentListing.init)) }
            var table = TextTable(
                ["student_id", "name", "gender", "junior school", "township", "cohort", "total", "wishes"],
                rightAligned: [5, 6])
            for student in students {
                table.append([
                    student.id, student.name, student.gender?.rawValue ?? "", student.juniorSchool ?? "",
                    student.township ?? "", student.graduationYear.map(String.init) ?? "",
                    student.totalScore.map { String(format: "%g", $0) } ?? "",
                    student.wishes.map(\.storedText).joined(separator: ";"),
                ])
            }
            print(table.text)
            print("\(students.count) students")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show everything recorded about one student.",
            discussion: "Example: pathway students show QL202600001")
        @Argument(help: ArgumentHelp("The student's id (学籍号).", valueName: "student_id"))
        var id: String
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let connection = try DatabaseLocator(options: database).open()
            defer { connection.close() }
            guard let student = try CountyDirectory(connection: connection).student(id: id) else {
                throw CommandFailure("no student has the id \(id); `pathway students list` shows them")
            }
            if output.json { return try Terminal.printJSON(StudentListing(student)) }
            let fields: [(String, String?)] = [
                ("student_id", student.id), ("name", student.name), ("gender", student.gender?.rawValue),
                ("birth_date", student.birthDate?.description), ("junior school", student.juniorSchool),
                ("cohort", student.graduationYear.map(String.init)), ("township", student.township),
                ("home", "\(student.home.latitude), \(student.home.longitude)"),
                ("total score", student.totalScore.map { String(format: "%g", $0) }),
                ("scores", student.scores.map { "\($0.subject):\(String(format: "%g", $0.score))" }.joined(separator: " ")),
                ("holland code", student.hollandCode?.description),
                ("wishes", student.wishes.map(\.storedText).joined(separator: " > ")),
                ("needs boarding", student.needsBoarding ? "yes" : "no"), ("hardship", student.hardship ? "yes" : "no"),
                ("left behind", student.leftBehind ? "yes" : "no"), ("guardian", student.guardianName),
                ("guardian phone", student.guardianPhone), ("notes", student.notes),
            ]
            for (label, value) in fields {
                print(label.padding(toLength: 16, withPad: " ", startingAt: 0) + (value ?? ""))
            }
        }
    }
}

/// A school as `--json` lists it.
private struct SchoolListing: Encodable {
    var school_id: String, name: String, county: String?, address: String?, latitude: Double, longitude: Double
    var contact_name: String?, contact_phone: String?, contact_email: String?

    init(_ school: School) {
        school_id = school.id; name = school.name; county = school.county; address = school.address
        latitude = school.location.latitude; longitude = school.location.longitude
        contact_name = school.contactName; contact_phone = school.contactPhone; contact_email = school.contactEmail
    }
}

/// A programme as `--json` lists it: the import format's keys.
private struct ProgramListing: Encodable {
    var program_id: String, school_id: String, name: String, category: String, holland_code: String?
    var seats: Int, min_total_score: Double?, key_subjects: [String: Double], boarding: Bool
    var latitude: Double, longitude: Double, start_date: String?, description: String?

    init(_ program: Program) {
        program_id = program.id; school_id = program.schoolID; name = program.name; category = program.category
        holland_code = program.hollandCode?.description; seats = program.seats; min_total_score = program.minTotalScore
        key_subjects = Dictionary(program.keySubjects.map { ($0.subject, $0.weight) }, uniquingKeysWith: { a, _ in a })
        boarding = program.boarding; latitude = program.location.latitude; longitude = program.location.longitude
        start_date = program.startDate?.description; description = program.description
    }
}

/// A student as `--json` lists it: the import format's keys.
private struct StudentListing: Encodable {
    var student_id: String, name: String, gender: String?, birth_date: String?, school: String?
    var graduation_year: Int?, township: String?, latitude: Double, longitude: Double, total_score: Double?
    var scores: [String: Double], holland_code: String?, wishes: [String], needs_boarding: Bool, hardship: Bool
    var left_behind: Bool, guardian_name: String?, guardian_phone: String?, notes: String?

    init(_ s: Student) {
        student_id = s.id; name = s.name; gender = s.gender?.rawValue; birth_date = s.birthDate?.description
        school = s.juniorSchool; graduation_year = s.graduationYear; township = s.township
        latitude = s.home.latitude; longitude = s.home.longitude; total_score = s.totalScore
        scores = Dictionary(s.scores.map { ($0.subject, $0.score) }, uniquingKeysWith: { a, _ in a })
        holland_code = s.hollandCode?.description; wishes = s.wishes.map(\.storedText)
        needs_boarding = s.needsBoarding; hardship = s.hardship; left_behind = s.leftBehind
        guardian_name = s.guardianName; guardian_phone = s.guardianPhone; notes = s.notes
    }
}
