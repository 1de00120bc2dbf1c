import Foundation
import PathwayCore
import PathwayImport
import Testing

@testable import PathwaySeeds

@Suite("SeedGenerator")
struct SeedGeneratorTests {
    /// Distance in kilometres on the county's flat approximation.
    private func kilometres(_ a: Coordinate, _ b: Coordinate) -> Double {
        let north = (a.latitude - b.latitude) * FictionalCounty.kilometresPerDegreeLatitude
        let east = (a.longitude - b.longitude) * FictionalCounty.kilometresPerDegreeLongitude
        return (north * north + east * east).squareRoot()
    }

    private var centre: Coordinate {
        Coordinate(latitude: FictionalCounty.centreLatitude, longitude: FictionalCounty.centreLongitude)!
    }

    @Test func sameParametersGiveIdenticalBytes() {
        let a = SeedGenerator(students: 300, programs: 20, seed: 7).generate()
        let b = SeedGenerator(students: 300, programs: 20, seed: 7).generate()
        #expect(Array(a.schools.utf8) == Array(b.schools.utf8))
        #expect(Array(a.programs.utf8) == Array(b.programs.utf8))
        #expect(Array(a.students.utf8) == Array(b.students.utf8))
    }

    @Test func differentSeedsGiveDifferentCounties() {
        let a = SeedGenerator(students: 300, programs: 20, seed: 7).generate()
        let b = SeedGenerator(students: 300, programs: 20, seed: 8).generate()
        #expect(a.students != b.students)
        #expect(a.programs != b.programs)
        #expect(a.schools != b.schools)
    }

    @Test func moreStudentsDoNotChangeSchools() {
        let a = SeedGenerator(students: 100, programs: 30, seed: 1).generate()
        let b = SeedGenerator(students: 200, programs: 30, seed: 1).generate()
        #expect(a.schools == b.schools)
        // The first hundred students are the same people.
        #expect(b.students.hasPrefix(a.students))
    }

    @Test func defaultCountyImportsCleanlyAndLooksLikeTheIssue() throws {
        let files = SeedGenerator(students: 700, programs: 30, seed: 2026, cohort: 2027).generate()
        let county = ImportedCounty(files)
        #expect(county.diagnostics.errorCount == 0, "\(county.diagnostics.errors)")
        #expect(county.diagnostics.warningCount == 0, "\(county.diagnostics.warnings)")
        #expect(county.schools.count >= 5)
        #expect(county.programs.count == 30)
        #expect(county.students.count == 700)
        #expect(try quotedLookingFields(files) >= 4)

        // Ids are unique (also checked by the import) and programmes name existing schools.
        #expect(Set(county.students.map(\.id)).count == 700)
        let schoolIDs = Set(county.schools.map(\.id))
        #expect(county.programs.allSatisfy { schoolIDs.contains($0.schoolID) })
        #expect(Set(county.programs.map(\.schoolID)) == schoolIDs, "every school offers something")

        // Geography: everything within the county, townships spread over some 60 km.
        let places = county.schools.map(\.location) + county.students.compactMap(\.home)
        #expect(places.allSatisfy { kilometres($0, centre) < 45 })
        let longitudes = county.students.compactMap(\.home?.longitude)
        let spread = ((longitudes.max() ?? 0) - (longitudes.min() ?? 0)) * FictionalCounty.kilometresPerDegreeLongitude
        #expect((50...80).contains(spread))
        #expect(Set(county.students.compactMap(\.township)).count == FictionalCounty.townships.count)

        // Seats for 95–110 % of the cohort; some programmes are selective; most schools board.
        let seats = county.programs.map(\.seats).reduce(0, +)
        #expect((665...770).contains(seats))
        #expect(county.programs.contains { $0.minTotalScore != nil })
        #expect(county.programs.contains { $0.boarding })
        #expect(Set(county.programs.map(\.category)).count >= 12)
    }

    @Test func sharesAreRealistic() {
        let county = ImportedCounty(SeedGenerator(students: 4000, programs: 30, seed: 99).generate())
        #expect(county.diagnostics.errorCount == 0, "\(county.diagnostics.errors)")
        let students = county.students
        func share(_ predicate: (Student) -> Bool) -> Double {
            Double(students.filter(predicate).count) / Double(students.count)
        }
        #expect((0.16...0.24).contains(share(\.needsBoarding)))
        #expect((0.12...0.18).contains(share(\.hardship)))
        #expect((0.26...0.34).contains(share(\.leftBehind)))
        #expect((0.75...0.88).contains(share { $0.hollandCode != nil }))
        #expect((0.10...0.20).contains(share { $0.wishes.isEmpty }))
        #expect(share { $0.wishes.count > 5 } == 0)
        #expect(share { $0.wishes.contains { if case .category = $0 { true } else { false } } } > 0.2)
        #expect((0.5...0.58).contains(share { $0.gender == .male }))

        let totals = students.compactMap(\.totalScore)
        let middle = totals.filter { (200...500).contains($0) }
        #expect(Double(middle.count) / Double(totals.count) > 0.9)
        #expect(totals.allSatisfy { (0...750).contains($0) })
        let mean = totals.reduce(0, +) / Double(totals.count)
        #expect((310...370).contains(mean))
        // Subject marks add up to the total and stay within their maxima.
        for student in students where !student.scores.isEmpty {
            let sum = student.scores.map(\.score).reduce(0, +)
            #expect(sum == student.totalScore, "\(student.id)")
            #expect(student.scores.count == 9)
        }

        // Aged 15–16 at the end of junior school (a few older).
        let births = students.compactMap(\.birthDate)
        #expect(Double(births.count) / Double(students.count) > 0.95)
        let ageAtCohort = births.map { 2027 - $0.year - ($0.month >= 9 ? 1 : 0) }
        #expect(ageAtCohort.allSatisfy { (15...16).contains($0) })
    }

    @Test(arguments: [(0, 0), (0, 1), (1, 0), (5, 1), (50, 7), (30, 100)])
    func edgeSizesStillImport(_ students: Int, _ programs: Int) {
        let files = SeedGenerator(students: students, programs: programs, seed: 3).generate()
        let county = ImportedCounty(files)
        #expect(county.diagnostics.errorCount == 0, "\(county.diagnostics.errors)")
        #expect(county.students.count == students)
        #expect(county.programs.count == programs)
        #expect(county.schools.count == max(1, (programs + 3) / 6))
        if students > 0 && programs > 0 {
            let seats = county.programs.map(\.seats).reduce(0, +)
            #expect(Double(seats) >= 0.95 * Double(students) - 0.5)
            #expect(Double(seats) <= 1.10 * Double(students) + 0.5)
        }
    }

    @Test func negativeCountsAreTreatedAsZero() {
        let generator = SeedGenerator(students: -5, programs: -1, seed: 0)
        #expect(generator.students == 0)
        #expect(generator.programs == 0)
    }

    @Test func apportionHitsTheTotal() {
        #expect(SeedGenerator.apportion(700, weights: [1, 2, 3, 1.5], inFives: true).reduce(0, +) == 700)
        #expect(SeedGenerator.apportion(7, weights: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1], inFives: false).reduce(0, +) == 7)
        #expect(SeedGenerator.apportion(12, weights: [1, 1, 1], inFives: true).allSatisfy { $0 >= 0 })
        #expect(SeedGenerator.apportion(12, weights: [1, 1, 1], inFives: true).reduce(0, +) == 12)
    }

    @Test func randomIsPinned() {
        // Pins the generator's stream so that an accidental change to it (and so to every
        // Seeds file) fails here first. xoshiro256** seeded by SplitMix64(0).
        var random = SeedRandom(seed: 0)
        let first = (0..<3).map { _ in random.next() }
        var again = SeedRandom(seed: 0)
        #expect(first == (0..<3).map { _ in again.next() })
        #expect(first[0] == 0x99EC_5F36_CB75_F2B4)
        var bounded = SeedRandom(seed: 42)
        let draws = (0..<10_000).map { _ in bounded.int(below: 6) }
        #expect(Set(draws) == Set(0..<6))
        #expect(draws.filter { $0 == 0 }.count > 1_500)
    }

    @Test func decimalText() {
        #expect(DecimalText.fixed(27.38, places: 6) == "27.380000")
        #expect(DecimalText.fixed(-0.0000004, places: 6) == "0.000000")
        #expect(DecimalText.fixed(-1.5, places: 2) == "-1.50")
        #expect(DecimalText.fixed(0.05, places: 1) == "0.1")
        #expect(DecimalText.score(78.5) == "78.5")
        #expect(DecimalText.score(78) == "78")
    }

    @Test func csvQuoting() {
        #expect(CSVTextBuilder.escaped("plain") == "plain")
        #expect(CSVTextBuilder.escaped("a, b") == "\"a, b\"")
        #expect(CSVTextBuilder.escaped("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVTextBuilder.escaped("a\nb") == "\"a\nb\"")
        #expect(CSVTextBuilder.escaped(" padded") == "\" padded\"")
    }

    @Test func committedSeedsMatchTheGenerator() throws {
        // Seeds/ is generated, never edited by hand: regenerate with
        // `swift run pathway seed generate --students 700 --programs 30 --seed 2026 --cohort 2027 --out Seeds`.
        let seeds = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Seeds")
        let files = SeedGenerator(students: 700, programs: 30, seed: 2026, cohort: 2027).generate()
        for file in files.files {
            let url = seeds.appendingPathComponent(file.name)
            let committed = try String(contentsOf: url, encoding: .utf8)
            #expect(committed == file.text, "\(file.name) is out of date")
        }
        for file in try CountyWorkbooks(files, cohort: 2027).files {
            let url = seeds.appendingPathComponent(CountyWorkbooks.folder).appendingPathComponent(file.name)
            #expect(try [UInt8](Data(contentsOf: url)) == file.bytes, "county/\(file.name) is out of date")
        }
    }

    @Test func theCountyWorkbooksImportAsTheSameCountyWithHomesAtVillages() throws {
        let files = SeedGenerator(students: 700, programs: 30, seed: 2026, cohort: 2027).generate()
        let csv = ImportedCounty(files)
        let workbooks = Dictionary(uniqueKeysWithValues: try CountyWorkbooks(files, cohort: 2027).files.map { ($0.name, $0.bytes) })
        func source(_ name: String) -> ImportSource { ImportSource(bytes: workbooks[name] ?? [], fileName: name) }
        let county = ImportedCounty(
            schools: source(CountyWorkbooks.schoolsFile), programs: source(CountyWorkbooks.programsFile),
            students: source(CountyWorkbooks.studentsFile), places: source(CountyWorkbooks.placesFile))
        #expect(county.diagnostics.errorCount == 0, "\(county.diagnostics.sorted.prefix(5).map(\.description))")
        #expect(county.diagnostics.warningCount == 0, "\(county.diagnostics.sorted.prefix(5).map(\.description))")
        #expect(county.schools == csv.schools)
        #expect(county.programs.map(\.id) == csv.programs.map(\.id))
        #expect(county.programs.map(\.keySubjects) == csv.programs.map(\.keySubjects))
        #expect(county.places.count == 12 * 9)
        #expect(county.students.count == 700)
        for (fromWorkbook, fromCSV) in zip(county.students, csv.students) {
            var expected = fromCSV
            expected.home = fromWorkbook.home
            expected.homePlacement = .village
            expected.village = fromWorkbook.village
            expected.scores = expected.scores.sorted { $0.subject < $1.subject }
            var actual = fromWorkbook
            actual.scores = actual.scores.sorted { $0.subject < $1.subject }
            #expect(actual == expected)
            // The village chosen is near the home the CSV gives (a township spreads some 10 km).
            #expect(abs((fromWorkbook.home?.latitude ?? 0) - (fromCSV.home?.latitude ?? 99)) < 0.1)
        }
    }
}
