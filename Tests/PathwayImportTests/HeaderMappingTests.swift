import PathwayCore
import Testing

@testable import PathwayImport

@Suite("HeaderMapping and CSVRecord")
struct HeaderMappingTests {
    @Test func chineseAliasesMapToCanonicalColumns() {
        let header = ["学号", "学籍号", "姓名", "性别", "出生日期", "初中学校", "届别", "乡镇", "村", "纬度", "经度", "总分",
                      "各科成绩", "霍兰德代码", "志愿", "需要住宿", "家庭困难", "留守", "监护人", "监护人电话", "备注", "班主任", "服从调剂"]
        let mapping = HeaderMapping<StudentColumn>(header: header, fileName: "students.csv")
        #expect(mapping.issues.isEmpty)
        for (index, column) in StudentColumn.allCases.enumerated() {
            #expect(mapping.index(of: column) == index, "\(column)")
        }
    }

    @Test func everyAliasOfEveryFileIsUnambiguous() {
        func check<Column: CSVColumn>(_: Column.Type) {
            var seen: [String: Column] = [:]
            for column in Column.allCases {
                for spelling in [column.canonicalName] + column.aliases {
                    let key = HeaderMapping<Column>.normalised(spelling)
                    #expect(seen[key] == nil || seen[key] == column, "\(spelling) names two columns")
                    seen[key] = column
                }
            }
        }
        check(SchoolColumn.self)
        check(ProgramColumn.self)
        check(StudentColumn.self)
        check(PlaceColumn.self)
    }

    @Test func rawValuesArePositionsAndNamesAreTheIssuesNames() {
        func check<Column: CSVColumn>(_: Column.Type, _ names: [String]) {
            #expect(Column.allCases.map(\.rawValue) == Array(0..<Column.allCases.count))
            #expect(Column.allCases.map(\.canonicalName) == names)
        }
        check(SchoolColumn.self, [
            "school_id", "name", "county", "address", "township", "village", "latitude", "longitude", "contact_name",
            "contact_phone", "contact_email",
        ])
        check(ProgramColumn.self, [
            "program_id", "school_id", "name", "category", "holland_code", "seats", "min_total_score",
            "key_subjects", "boarding", "township", "village", "latitude", "longitude", "start_date", "description",
            "registration_date", "registration_place", "registration_items", "batch",
        ])
        check(StudentColumn.self, [
            "student_id", "status_number", "name", "gender", "birth_date", "school", "graduation_year", "township",
            "village", "latitude", "longitude", "total_score", "scores", "holland_code", "wishes",
            "needs_boarding", "hardship", "left_behind", "guardian_name", "guardian_phone", "notes", "responsible", "accepts_reassignment",
        ])
        #expect(StudentColumn(header: " 学籍号 ") == .statusNumber)
        #expect(StudentColumn(header: "学号") == .studentID)
        #expect(ProgramColumn(header: "计划数") == .seats)
        #expect(StudentColumn(header: "民族") == nil)
    }

    @Test func schoolAndProgramAliases() {
        let schools = HeaderMapping<SchoolColumn>(
            header: ["学校代码", "学校名称", "区县", "地址", "纬度", "经度", "联系人", "联系电话", "邮箱"], fileName: "schools.csv")
        #expect(schools.issues.isEmpty)
        #expect(schools.index(of: .contactEmail) == 8)
        let programs = HeaderMapping<ProgramColumn>(
            header: ["专业代码", "学校代码", "专业名称", "专业大类", "计划数", "最低分", "重点科目", "寄宿", "开学日期", "简介"],
            fileName: "programs.csv")
        #expect(programs.issues.isEmpty)
        #expect(programs.index(of: .seats) == 4)
        #expect(programs.index(of: .boarding) == 7)
        #expect(!programs.contains(.hollandCode))
    }

    @Test func headersAreTrimmedAndCaseInsensitive() {
        let mapping = HeaderMapping<StudentColumn>(
            header: [" Student ID ", "NAME", "latitude*", "\u{3000}Longitude\u{3000}", "Total-Score"], fileName: "s.csv")
        #expect(mapping.issues.isEmpty)
        #expect(mapping.index(of: .studentID) == 0)
        #expect(mapping.index(of: .name) == 1)
        #expect(mapping.index(of: .latitude) == 2)
        #expect(mapping.index(of: .longitude) == 3)
        #expect(mapping.index(of: .totalScore) == 4)
    }

    @Test func unknownAndUnnamedColumnsAreWarnings() {
        let mapping = HeaderMapping<StudentColumn>(
            header: ["student_id", "name", "民族", "latitude", "longitude", ""], fileName: "students.csv")
        #expect(!mapping.hasErrors)
        #expect(mapping.issues.map(\.severity) == [.warning, .warning])
        #expect(mapping.issues[0].description == "students.csv:1: 民族: unknown column (column 3); its values are ignored")
        #expect(mapping.issues[1].column == "column 6")
        #expect(mapping.issues.map { $0.description(in: .chinese) } == [
            "students.csv 第1行 民族 列：是未知的列（第3列），其中的值不会导入",
            "students.csv 第1行 第6列：没有表头，其中的值不会导入",
        ])
    }

    @Test func missingRequiredColumnsAreErrors() {
        let mapping = HeaderMapping<StudentColumn>(header: ["姓名", "总分"], fileName: "students.csv")
        #expect(mapping.hasErrors)
        #expect(mapping.issues.map(\.column) == ["student_id", "latitude", "longitude"])
        #expect(mapping.issues[0].description.hasPrefix("students.csv:1: student_id: required column is missing (also accepted: 学号"))
        #expect(mapping.issues[0].description(in: .chinese).hasPrefix("students.csv 第1行 student_id 列：缺少必填的列（也可以写作：学号"))
    }

    @Test func aColumnNamedTwiceIsAnError() {
        let mapping = HeaderMapping<StudentColumn>(
            header: ["student_id", "name", "latitude", "longitude", "成绩", "scores"], fileName: "students.csv")
        #expect(mapping.hasErrors)
        #expect(mapping.issues.count == 1)
        #expect(mapping.issues[0].column == "scores")
        #expect(mapping.issues[0].message.contains("column 5"))
        #expect(mapping.issues[0].message.contains("column 6"))
        #expect(mapping.issues[0].chineseMessage == "出现了两次：第5列的“成绩”和第6列的“scores”；请只保留一列")
    }

    @Test func headerRowIsUsedInIssues() throws {
        let table = try CSVReader().read(Array("\n\n学号,姓名,民族,纬度,经度\n".utf8), fileName: "s.csv")
        let mapping = HeaderMapping<StudentColumn>(table: table)
        #expect(mapping.issues.first?.row == 3)
    }

    // MARK: Records

    private func record(_ line: String) throws -> CSVRecord<StudentColumn> {
        let text = "学号,姓名,纬度,经度,总分,需要住宿,志愿\n" + line + "\n"
        let table = try CSVReader().read(Array(text.utf8), fileName: "students.csv")
        return HeaderMapping<StudentColumn>(table: table).record(try #require(table.rows.first))
    }

    @Test func recordReadsTrimmedTextAndEmptyMeansAbsent() throws {
        let record = try record(" QL1 ,王小明\u{3000},27.3,106.9,,  ,")
        #expect(record.number == 2)
        #expect(record.text(.studentID) == "QL1")
        #expect(record.text(.name) == "王小明")
        #expect(record.text(.totalScore) == nil)
        #expect(record.text(.needsBoarding) == nil)
        #expect(record.text(.gender) == nil)  // no such column in the file
    }

    @Test func recordReportsBadValuesWithFileRowColumnAndValue() throws {
        let record = try record("QL1,王小明,27.3,106.9,abc,也许,P1;P2")
        var diagnostics = ImportDiagnostics()
        #expect(record.value(.totalScore, ValueParser.number, into: &diagnostics) == nil)
        #expect(record.value(.needsBoarding, ValueParser.boolean, into: &diagnostics) == nil)
        #expect(record.value(.wishes, ValueParser.wishes, into: &diagnostics) == [.program("P1"), .program("P2")])
        #expect(record.required(.latitude, ValueParser.latitude, into: &diagnostics) == 27.3)
        #expect(diagnostics.errors.map(\.description) == [
            "students.csv:2: total_score: \"abc\" is not a number",
            "students.csv:2: needs_boarding: \"也许\" is not a yes/no value (expected true/false, 1/0, yes/no, y/n or 是/否)",
        ])
        #expect(diagnostics.errors.map { $0.description(in: .chinese) } == [
            "students.csv 第2行 total_score 列：“abc”不是数字",
            "students.csv 第2行 needs_boarding 列：“也许”不是有效的是/否值（应填写 true/false、1/0、yes/no、y/n 或 是/否）",
        ])
    }

    @Test func requiredEmptyCellIsAnError() throws {
        let record = try record(",王小明,27.3,106.9")
        var diagnostics = ImportDiagnostics()
        #expect(record.required(.studentID, ValueParser.identifier, into: &diagnostics) == nil)
        #expect(diagnostics.errors.map(\.description) == ["students.csv:2: student_id: is empty; a value is required"])
        #expect(diagnostics.errors.map { $0.description(in: .chinese) } == ["students.csv 第2行 student_id 列：为空；此项必填"])
        // A column the file lacks was already reported by the header mapping.
        #expect(record.required(.gender, ValueParser.gender, into: &diagnostics) == nil)
        #expect(diagnostics.errorCount == 1)
    }

    @Test func customIssuesCarryTheRow() throws {
        let record = try record("QL1,王小明,27.3,106.9")
        let issue = record.issue(
            .studentID, value: "QL1", message: "is also the id of row 5", chineseMessage: "与第5行的编号重复")
        #expect(issue.description == "students.csv:2: student_id: \"QL1\" is also the id of row 5")
        #expect(issue.description(in: .chinese) == "students.csv 第2行 student_id 列：“QL1”与第5行的编号重复")
    }
}
