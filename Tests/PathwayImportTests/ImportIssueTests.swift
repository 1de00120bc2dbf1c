import Testing

@testable import PathwayImport

@Suite("ImportIssue and ImportDiagnostics")
struct ImportIssueTests {
    @Test func descriptionLikeACompiler() {
        let issue = ImportIssue(
            file: "students.csv", row: 9, column: "total_score", value: "abc", message: "is not a number")
        #expect(issue.description == "students.csv:9: total_score: \"abc\" is not a number")
    }

    @Test func descriptionWithoutRowColumnOrValue() {
        #expect(ImportIssue(file: "a.csv", message: "the file is empty").description == "a.csv: the file is empty")
        #expect(
            ImportIssue(file: "a.csv", row: 3, column: "name", message: "is empty; a value is required").description
                == "a.csv:3: name: is empty; a value is required")
    }

    @Test func valuesAreEscapedAndShortened() {
        let issue = ImportIssue(file: "a.csv", row: 2, column: "notes", value: "say \"hi\"\nbye", message: "x")
        #expect(issue.description == "a.csv:2: notes: \"say \\\"hi\\\"\\nbye\" x")
        let long = ImportIssue(file: "a.csv", value: String(repeating: "长", count: 100), message: "x")
        #expect(long.description.contains(String(repeating: "长", count: 60) + "…\""))
        #expect(!long.description.contains(String(repeating: "长", count: 61)))
        #expect(ImportIssue(file: "a.csv", value: "", message: "is blank").description == "a.csv: \"\" is blank")
    }

    @Test func issuesSortInFileOrder() {
        let a = ImportIssue(.warning, file: "s.csv", row: 1, column: "x", message: "w")
        let b = ImportIssue(file: "s.csv", row: 9, column: "total_score", message: "e")
        let c = ImportIssue(file: "s.csv", row: 5, column: "student_id", message: "e")
        let d = ImportIssue(file: "s.csv", message: "file")
        #expect([a, b, c, d].sorted() == [d, a, c, b])
    }

    @Test func diagnosticsKeepUpToTheCapAndCountTheRest() {
        var diagnostics = ImportDiagnostics(cap: 3)
        for row in 2...11 {
            diagnostics.report(ImportIssue(file: "s.csv", row: row, message: "bad"))
        }
        diagnostics.report(ImportIssue(.warning, file: "s.csv", row: 1, message: "odd"))
        #expect(diagnostics.hasErrors)
        #expect(diagnostics.errors.map(\.row) == [2, 3, 4])
        #expect(diagnostics.errorCount == 10)
        #expect(diagnostics.warningCount == 1)
        #expect(diagnostics.omittedCount == 7)
        #expect(diagnostics.sorted.first?.severity == .warning)
    }

    @Test func warningsAloneDoNotRefuse() {
        var diagnostics = ImportDiagnostics()
        diagnostics.report(ImportIssue(.warning, file: "s.csv", row: 1, column: "民族", message: "unknown"))
        #expect(!diagnostics.hasErrors)
    }
}
