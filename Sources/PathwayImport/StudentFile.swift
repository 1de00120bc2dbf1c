import PathwayCore

/// A student list read into `Student` values, every cell validated: `students.csv` as
/// `docs/data-formats.md` gives it, or a county's own list (one column per subject, 第一志愿 …
/// columns holding programme names, 乡镇 and 村 instead of coordinates), as CSV or `.xlsx`.
public struct StudentFile: Sendable {
    /// The students read, when read with `init(_:lookups:cap:)`;
    /// empty when the students were handed out in batches instead.
    public private(set) var students: [Student] = []
    public private(set) var diagnostics: ImportDiagnostics
    /// The file's header, encoding and reading issues, or nil when it could not be read at all.
    /// Its `rows` are empty: each record is checked as it is read and then let go.
    public let table: CSVTable?

    /// What a student row is checked against.
    public struct Lookups: Sendable {
        /// The programmes a wish may name, by id, name, school and name, or category.
        public var programs: ProgramCatalogue
        /// Where those come from, for the error message (`programs.csv`, `the database …`).
        public var programSource: String
        /// The county's places, for homes given as township and village.
        public var places: Gazetteer
        /// Subject names beyond the known ones (语文, math, …) that a column may be headed with
        /// to hold marks: the county's own subjects, in any spelling.
        public var subjects: Set<String>
        /// Import a student whose home nobody can place (no coordinates, a place the gazetteer
        /// lacks), with a warning, to be matched without location; otherwise the row is refused.
        public var allowUnplacedHomes: Bool

        public init(
            programs: ProgramCatalogue, programSource: String, places: Gazetteer = .empty, subjects: Set<String> = [],
            allowUnplacedHomes: Bool = false
        ) {
            self.programs = programs
            self.programSource = programSource
            self.places = places
            self.subjects = Set(subjects.map { SubjectName.canonical($0.trimmedForImport) })
            self.allowUnplacedHomes = allowUnplacedHomes
        }
    }

    /// Reads the whole file into `students`.
    public init(_ source: ImportSource, lookups: Lookups, cap: Int = 100) {
        var all: [Student] = []
        self.init(source, lookups: lookups, cap: cap, batchSize: 1 << 16) { all.append(contentsOf: $0) }
        students = all
    }

    /// Reads the file and hands the valid students to `body` in batches as soon as they are
    /// checked, so that a database can take one batch while the next is read: the file is
    /// parsed record by record, so the first batch leaves after its last row, not the file's.
    ///
    /// Once a row has an error, no more batches are handed out (reading goes on, to report every
    /// problem). The batches already handed out are only good if `diagnostics` has no error once
    /// this returns: the caller must be able to take them back (an import writes inside a
    /// transaction and rolls it back). An error thrown by `body` stops the reading and is
    /// rethrown.
    public init<Failure: Error>(
        _ source: ImportSource, lookups: Lookups, cap: Int = 100, batchSize: Int,
        body: ([Student]) throws(Failure) -> Void
    ) throws(Failure) {
        let fileName = source.fileName
        // Room for every id from the start (a student takes some 240 bytes of a file).
        var checker = RowChecker(lookups: lookups, cap: cap, expectedRows: source.bytes.count / 200)
        let batchSize = max(1, batchSize)
        var batch: [Student] = []
        batch.reserveCapacity(batchSize)
        var failure: Failure?
        func hand(_ students: [Student]) -> Bool {
            guard !checker.diagnostics.hasErrors else { return true }
            do throws(Failure) {
                try body(students)
                return true
            } catch {
                failure = error
                return false
            }
        }
        let table: CSVTable
        do throws(ImportIssue) {
            table = try source.scan { row, header in
                if checker.mapping == nil { checker.map(header: header.fields, fileName: fileName, row: header.row) }
                guard let student = checker.check(row) else { return true }
                batch.append(student)
                guard batch.count == batchSize else { return true }
                defer { batch.removeAll(keepingCapacity: true) }
                return hand(batch)
            }
        } catch {
            self.table = nil
            diagnostics = checker.diagnostics
            diagnostics.report(error)
            return
        }
        if let failure { throw failure }
        if checker.mapping == nil {
            // A header and no rows: the header's own issues (a missing required column) still count.
            checker.map(header: table.header, fileName: fileName, row: table.headerRow)
        }
        checker.diagnostics.report(contentsOf: table.issues)
        if !batch.isEmpty, !hand(batch), let failure { throw failure }
        self.table = table
        diagnostics = checker.diagnostics
    }
}


/// Checks one student row after another, remembering ids for duplicates.
private struct RowChecker {
    let lookups: StudentFile.Lookups
    /// `programSource` for the Chinese message.
    let chineseProgramSource: (place: String, note: String)
    var diagnostics: ImportDiagnostics
    private(set) var mapping: HeaderMapping<StudentColumn>?
    /// One column per subject: the field index and the subject's canonical name.
    private var subjectColumns: [(index: Int, header: String, subject: String)] = []
    /// 第一志愿, 第二志愿 …: the field index, in the order of preference.
    private var wishColumns: [(index: Int, header: String)] = []
    /// Each id's first row, for the error on a second.
    private var firstRow: [String: Int] = [:]

    init(lookups: StudentFile.Lookups, cap: Int, expectedRows: Int) {
        self.lookups = lookups
        chineseProgramSource = ImportIssue.chineseSource(lookups.programSource)
        diagnostics = ImportDiagnostics(cap: cap)
        firstRow.reserveCapacity(min(max(expectedRows, 16), 1 << 22))
    }

    mutating func map(header: [String], fileName: String, row: Int) {
        let subjects = lookups.subjects
        let mapping = HeaderMapping<StudentColumn>(header: header, fileName: fileName, headerRow: row) { label in
            WideColumns.subject(of: label, countySubjects: subjects) != nil || WideColumns.wishOrder(of: label) != nil
        }
        self.mapping = mapping
        diagnostics.report(contentsOf: mapping.issues)
        var wishes: [(index: Int, header: String, order: Int)] = []
        var seenSubjects: [String: String] = [:]
        for (index, label) in mapping.claimed {
            if let order = WideColumns.wishOrder(of: label) {
                wishes.append((index, label, order))
            } else if let subject = WideColumns.subject(of: label, countySubjects: subjects) {
                if let earlier = seenSubjects[subject] {
                    diagnostics.report(ImportIssue(
                        file: fileName, row: row, column: label,
                        message: "holds the same subject as \(ImportIssue.quoted(earlier)); keep one",
                        chineseMessage: "与\(ImportIssue.chineseQuoted(earlier))是同一科目；请只保留一列"))
                    continue
                }
                seenSubjects[subject] = label
                subjectColumns.append((index, label, subject))
            }
        }
        wishColumns = wishes.sorted { $0.order < $1.order }.map { ($0.index, $0.header) }
        if !wishColumns.isEmpty, mapping.contains(.wishes) {
            diagnostics.report(ImportIssue(
                file: fileName, row: row, column: StudentColumn.wishes.canonicalName,
                message: "is given both as one list and as \(wishColumns[0].header) … columns; keep one of the two",
                chineseMessage: "既有志愿列表列，又有\(ImportIssue.chineseQuoted(wishColumns[0].header))等分列；请只保留一种"))
        }
        if !subjectColumns.isEmpty, mapping.contains(.scores) {
            diagnostics.report(ImportIssue(
                file: fileName, row: row, column: StudentColumn.scores.canonicalName,
                message: "is given both as one list and as one column per subject; keep one of the two",
                chineseMessage: "既有各科成绩列表列，又有分科成绩列；请只保留一种"))
        }
    }

    /// The row's student, or nil (with the errors in `diagnostics`) when a cell is wrong.
    mutating func check(_ row: CSVRow) -> Student? {
        guard let mapping else { return nil }
        let record = CSVRecord(row: row, mapping: mapping)
        let (id, statusNumber) = identity(record)
        let name = record.required(.name, ValueParser.line(.personName), into: &diagnostics)
        let gender = record.value(.gender, ValueParser.gender, into: &diagnostics)
        let birth = record.value(.birthDate, ValueParser.date, into: &diagnostics)
        let year = record.value(.graduationYear, ValueParser.graduationYear, into: &diagnostics)
        let total = record.value(.totalScore, ValueParser.nonNegativeNumber, into: &diagnostics)
        let scores = subjectColumns.isEmpty
            ? record.value(.scores, ValueParser.subjectScores, into: &diagnostics) ?? []
            : wideScores(record)
        let holland = record.value(.hollandCode, ValueParser.hollandCode, into: &diagnostics)
        let wishes = wishColumns.isEmpty ? listedWishes(record) : columnWishes(record)
        let boarding = record.value(.needsBoarding, ValueParser.boolean, into: &diagnostics)
        let hardship = record.value(.hardship, ValueParser.boolean, into: &diagnostics)
        let leftBehind = record.value(.leftBehind, ValueParser.boolean, into: &diagnostics)
        let township = record.value(.township, ValueParser.placeName, into: &diagnostics)
        let village = record.value(.village, ValueParser.placeName, into: &diagnostics)
        let juniorSchool = record.value(.school, ValueParser.line(.institutionName), into: &diagnostics)
        let guardianName = record.value(.guardianName, ValueParser.line(.personName), into: &diagnostics)
        let guardianPhone = record.value(.guardianPhone, ValueParser.line(.contact), into: &diagnostics)
        let notes = record.value(.notes, ValueParser.paragraph, into: &diagnostics)
        let responsible = record.value(.responsible, ValueParser.line(.personName), into: &diagnostics)
        let reassignment = record.value(.acceptsReassignment, ValueParser.boolean, into: &diagnostics)
        let place = RowPlace.locate(
            record, latitude: .latitude, longitude: .longitude, township: .township, village: .village,
            places: lookups.places, required: true, allowUnplaced: lookups.allowUnplacedHomes, into: &diagnostics)
        let home: (location: Coordinate?, placement: Student.HomePlacement)?
        switch place {
        case .placed(let found): home = (found.location, found.placement)
        case .unplaced: home = (nil, .unplaced)
        case .none: home = nil
        }
        guard let id, let name, let home else { return nil }
        if let first = firstRow[id] {
            diagnostics.report(
                record.issue(
                    mapping.contains(.studentID) ? .studentID : .statusNumber, value: id,
                    message: "is also the id of row \(first)", chineseMessage: "与第\(first)行的编号重复"))
        } else {
            firstRow[id] = record.number
        }
        return Student(
            id: id, name: name, gender: gender, birthDate: birth, juniorSchool: juniorSchool,
            graduationYear: year, township: township, village: village, home: home.location,
            homePlacement: home.placement, statusNumber: statusNumber, totalScore: total,
            scores: scores, hollandCode: holland, wishes: wishes,
            needsBoarding: boarding ?? false, hardship: hardship ?? false,
            leftBehind: leftBehind ?? false, guardianName: guardianName, guardianPhone: guardianPhone, notes: notes,
            responsible: responsible, acceptsReassignment: reassignment ?? false)
    }

    /// The student's id and status number (学籍号). The id is `student_id`, else the 学籍号; an id
    /// shaped like a 学籍号 is checked as one, and a 学籍号 column beside the id always is.
    private mutating func identity(_ record: CSVRecord<StudentColumn>) -> (id: String?, statusNumber: String?) {
        let mapping = record.mapping
        guard mapping.contains(.studentID) else {
            let id = record.required(.statusNumber, StatusNumber.studentID, into: &diagnostics)
            return (id, id.flatMap { StatusNumber.looksLikeOne($0) ? $0 : nil })
        }
        let id = record.required(.studentID, StatusNumber.studentID, into: &diagnostics)
        let statusNumber = record.value(.statusNumber, StatusNumber.parse, into: &diagnostics)
        return (id, statusNumber ?? id.flatMap { StatusNumber.looksLikeOne($0) ? $0 : nil })
    }

    /// Marks from one column per subject.
    private mutating func wideScores(_ record: CSVRecord<StudentColumn>) -> [SubjectScore] {
        var scores: [SubjectScore] = []
        for column in subjectColumns {
            let text = record.row[column.index].trimmedForImport
            guard !text.isEmpty else { continue }
            switch ValueParser.nonNegativeNumber(text) {
            case .success(let score): scores.append(SubjectScore(subject: column.subject, score: score))
            case .failure(let error): diagnostics.report(issue(record, column.header, text, error))
            }
        }
        return scores
    }

    /// The `wishes` list, each entry resolved against the programmes (an id, a name, or a category).
    private mutating func listedWishes(_ record: CSVRecord<StudentColumn>) -> [Wish] {
        guard let listed = record.value(.wishes, ValueParser.wishes, into: &diagnostics) else { return [] }
        var wishes: [Wish] = []
        for wish in listed {
            var resolved = wish
            if case .program(let text) = wish, !lookups.programs.ids.contains(text) {
                switch lookups.programs.resolve(text) {
                case .success(let found):
                    resolved = found
                case .failure(let error):
                    diagnostics.report(issue(record, StudentColumn.wishes.canonicalName, text, wishError(error)))
                    continue
                }
            }
            if !wishes.contains(resolved) { wishes.append(resolved) }
        }
        return wishes
    }

    /// 第一志愿, 第二志愿 …, each resolved against the programmes; a repeated wish keeps its first place.
    private mutating func columnWishes(_ record: CSVRecord<StudentColumn>) -> [Wish] {
        var wishes: [Wish] = []
        for column in wishColumns {
            let text = record.row[column.index].trimmedForImport
            guard !text.isEmpty else { continue }
            switch lookups.programs.resolve(text) {
            case .success(let wish): if !wishes.contains(wish) { wishes.append(wish) }
            case .failure(let error): diagnostics.report(issue(record, column.header, text, wishError(error)))
            }
        }
        return wishes
    }

    /// Why a wish is unknown; when no programme is known at all, where they should have come from.
    private func wishError(_ error: ValueError) -> ValueError {
        guard lookups.programs.ids.isEmpty else { return error }
        return ValueError(
            "is not a programme in \(lookups.programSource)",
            "不是\(chineseProgramSource.place)里的专业\(chineseProgramSource.note)")
    }

    /// An issue about a claimed column (a subject's or a wish's), which has no `StudentColumn`.
    private func issue(
        _ record: CSVRecord<StudentColumn>, _ header: String, _ value: String, _ error: ValueError
    ) -> ImportIssue {
        ImportIssue(
            file: record.mapping.fileName, row: record.number, column: header, value: value,
            message: error.message, chineseMessage: error.chineseMessage)
    }
}
