import PathwayCore
import Testing

@testable import PathwayImport

@Suite("ImportIssue and ImportDiagnostics")
struct ImportIssueTests {
    @Test func descriptionLikeACompiler() {
        let issue = ImportIssue(
            file: "students.csv", row: 9, column: "total_score", value: "abc", message: "is not a number",
            chineseMessage: "不是数字")
        #expect(issue.description == "students.csv:9: total_score: \"abc\" is not a number")
        #expect(issue.description(in: .english) == issue.description)
    }

    @Test func chineseDescriptionWithRowColumnAndValue() {
        let issue = ImportIssue(
            file: "students.csv", row: 9, column: "total_score", value: "abc", message: "is not a number",
            chineseMessage: "不是数字")
        #expect(issue.description(in: .chinese) == "students.csv 第9行 total_score 列：“abc”不是数字")
        #expect(issue.message(in: .chinese) == "不是数字")
        #expect(issue.message(in: .english) == "is not a number")
    }

    @Test func chineseDescriptionWithoutRow() {
        let file = ImportIssue(file: "a.csv", message: "the file is empty", chineseMessage: "文件是空的")
        #expect(file.description(in: .chinese) == "a.csv：文件是空的")
        let blank = ImportIssue(file: "a.csv", value: "", message: "is blank", chineseMessage: "是空白")
        #expect(blank.description(in: .chinese) == "a.csv：“”是空白")
        let column = ImportIssue(file: "a.csv", column: "seats", value: "x", message: "e", chineseMessage: "错")
        #expect(column.description(in: .chinese) == "a.csv seats 列：“x”错")
    }

    @Test func chineseDescriptionWithoutValue() {
        let issue = ImportIssue(
            file: "a.csv", row: 3, column: "name", message: "is empty; a value is required", chineseMessage: "为空；此项必填")
        #expect(issue.description(in: .chinese) == "a.csv 第3行 name 列：为空；此项必填")
        let row = ImportIssue(file: "a.csv", row: 4, message: "bad", chineseMessage: "有错")
        #expect(row.description(in: .chinese) == "a.csv 第4行：有错")
    }

    @Test func chineseDescriptionNamesPositionalColumnsByNumber() {
        let issue = ImportIssue(
            .warning, file: "students.csv", row: 1, column: "column 6", message: "has no header; its values are ignored",
            chineseMessage: "没有表头，其中的值不会导入")
        #expect(issue.description(in: .chinese) == "students.csv 第1行 第6列：没有表头，其中的值不会导入")
        #expect(ImportIssue.chineseColumn("民族") == "民族 列")
        #expect(ImportIssue.chineseColumn("column x") == "column x 列")
    }

    @Test func chineseValuesAreEscapedAndShortened() {
        let issue = ImportIssue(
            file: "a.csv", row: 2, column: "notes", value: "say “hi” \"ok\"\nbye", message: "x", chineseMessage: "错")
        #expect(issue.description(in: .chinese) == "a.csv 第2行 notes 列：“say \\“hi\\” \"ok\"\\nbye”错")
        let long = ImportIssue(file: "a.csv", value: String(repeating: "长", count: 100), message: "x", chineseMessage: "错")
        #expect(long.description(in: .chinese).hasSuffix(String(repeating: "长", count: 60) + "…”错"))
        #expect(!long.description(in: .chinese).contains(String(repeating: "长", count: 61)))
    }

    @Test func severityNames() {
        let error = ImportIssue(file: "a.csv", message: "e", chineseMessage: "错")
        let warning = ImportIssue(.warning, file: "a.csv", message: "w", chineseMessage: "警")
        #expect(error.severityName(in: .english) == "error")
        #expect(error.severityName(in: .chinese) == "错误")
        #expect(warning.severityName(in: .english) == "warning")
        #expect(warning.severityName(in: .chinese) == "警告")
    }

    @Test func chineseSourcesOfKnownIds() {
        let database = ImportIssue.chineseSource("the database (import programs.csv first)")
        #expect(database.place == "数据库")
        #expect(database.note == "（请先导入 programs.csv）")
        #expect(ImportIssue.chineseSource("the database").place == "数据库")
        #expect(ImportIssue.chineseSource("the database").note == "")
        #expect(ImportIssue.chineseSource("programs.csv").place == " programs.csv ")
        #expect(ImportIssue.chineseSource("programs.csv").note == "")
    }

    @Test func descriptionWithoutRowColumnOrValue() {
        #expect(
            ImportIssue(file: "a.csv", message: "the file is empty", chineseMessage: "文件是空的").description
                == "a.csv: the file is empty")
        #expect(
            ImportIssue(
                file: "a.csv", row: 3, column: "name", message: "is empty; a value is required",
                chineseMessage: "为空；此项必填"
            ).description == "a.csv:3: name: is empty; a value is required")
    }

    @Test func valuesAreEscapedAndShortened() {
        let issue = ImportIssue(
            file: "a.csv", row: 2, column: "notes", value: "say \"hi\"\nbye", message: "x", chineseMessage: "错")
        #expect(issue.description == "a.csv:2: notes: \"say \\\"hi\\\"\\nbye\" x")
        let long = ImportIssue(file: "a.csv", value: String(repeating: "长", count: 100), message: "x", chineseMessage: "错")
        #expect(long.description.contains(String(repeating: "长", count: 60) + "…\""))
        #expect(!long.description.contains(String(repeating: "长", count: 61)))
        #expect(
            ImportIssue(file: "a.csv", value: "", message: "is blank", chineseMessage: "是空白").description
                == "a.csv: \"\" is blank")
    }

    @Test func issuesSortInFileOrder() {
        let a = ImportIssue(.warning, file: "s.csv", row: 1, column: "x", message: "w", chineseMessage: "警")
        let b = ImportIssue(file: "s.csv", row: 9, column: "total_score", message: "e", chineseMessage: "错")
        let c = ImportIssue(file: "s.csv", row: 5, column: "student_id", message: "e", chineseMessage: "错")
        let d = ImportIssue(file: "s.csv", message: "file", chineseMessage: "文件")
        #expect([a, b, c, d].sorted() == [d, a, c, b])
    }

    @Test func diagnosticsKeepUpToTheCapAndCountTheRest() {
        var diagnostics = ImportDiagnostics(cap: 3)
        for row in 2...11 {
            diagnostics.report(ImportIssue(file: "s.csv", row: row, message: "bad", chineseMessage: "有错"))
        }
        diagnostics.report(ImportIssue(.warning, file: "s.csv", row: 1, message: "odd", chineseMessage: "奇怪"))
        #expect(diagnostics.hasErrors)
        #expect(diagnostics.errors.map(\.row) == [2, 3, 4])
        #expect(diagnostics.errorCount == 10)
        #expect(diagnostics.warningCount == 1)
        #expect(diagnostics.omittedCount == 7)
        #expect(diagnostics.sorted.first?.severity == .warning)
    }

    @Test func warningsAloneDoNotRefuse() {
        var diagnostics = ImportDiagnostics()
        diagnostics.report(
            ImportIssue(.warning, file: "s.csv", row: 1, column: "民族", message: "unknown", chineseMessage: "未知"))
        #expect(!diagnostics.hasErrors)
    }
}
