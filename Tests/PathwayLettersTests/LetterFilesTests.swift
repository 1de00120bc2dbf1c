import Foundation
import PathwayCore
import Testing
@testable import PathwayLetters

@Suite("Letter files and templates on disk")
struct LetterFilesTests {
    @Test("hostile names give safe file names that keep Chinese and the reference", arguments: [
        ("../x", "R1_school_x.zh.html"),
        ("a/b", "R1_school_a_b.zh.html"),
        ("  \n\t ", "R1_school_student.zh.html"),
        ("...", "R1_school_student.zh.html"),
        (".hidden", "R1_school_hidden.zh.html"),
        ("杨安洁", "R1_school_杨安洁.zh.html"),
        ("阿依古丽·买买提", "R1_school_阿依古丽·买买提.zh.html"),
        ("evil\u{202E}lmth.exe", "R1_school_evil_lmth_exe.zh.html"),
        ("C:\\Windows\\x", "R1_school_C_Windows_x.zh.html"),
    ])
    func safeNames(name: String, expected: String) {
        let file = LetterFileName.name(referenceNumber: "R1", kind: .school, studentName: name, language: .chinese, format: .html)
        #expect(file == expected)
        #expect(!file.contains("/") && !file.contains("..") && !file.hasPrefix("."))
        #expect(!file.unicodeScalars.contains { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format })
    }

    @Test("a hostile reference number cannot leave the folder either, and long names are cut")
    func referenceAndLength() {
        let file = LetterFileName.name(
            referenceNumber: "../../etc/passwd", kind: .family, studentName: String(repeating: "长", count: 300),
            language: .english, format: .txt)
        #expect(file.hasPrefix("etc_passwd_family_"))
        #expect(file.utf8.count < 255)
    }

    @Test("a name of one letter and 300 combining marks, or of 40 four-byte characters, still gives a file name a file system takes", arguments: [
        "a" + String(repeating: "\u{0301}", count: 300),
        String(repeating: "e\u{0301}\u{0302}\u{0303}\u{0304}\u{0305}\u{0306}", count: 40),
        String(repeating: "\u{20000}", count: 300),
        String(repeating: "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}", count: 50),
    ])
    func fileNamesFitTheSystem(name: String) throws {
        let file = LetterFileName.name(
            referenceNumber: name, kind: .school, studentName: name, language: .chinese, format: .html)
        #expect(file.utf8.count <= 2 * LetterFileName.maximumPartBytes + 30)
        let folder = try LetterFixtures.temporaryFolder("marks")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("x".utf8).write(to: folder.appendingPathComponent(file))
    }

    @Test("a batch writes one file per letter and kind plus one combined page, every file inside the folder")
    func batch() throws {
        let folder = try LetterFixtures.temporaryFolder("batch")
        defer { try? FileManager.default.removeItem(at: folder) }
        let letters = [
            LetterFixtures.letter(name: "../x", reference: "R/1"),
            LetterFixtures.letter(name: "a/b", reference: "R_1"),
            LetterFixtures.letter(name: "杨安洁", reference: "R-3"),
        ]
        let writer = LetterBatchWriter(renderer: try LetterRenderer())
        let batch = try writer.write(letters, kinds: [.school, .family], language: .chinese, format: .txt, to: folder)
        #expect(batch.letters.count == 6)
        #expect(batch.combined == nil && batch.pageCount == 0, "plain text writes no HTML")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names.count == 6)
        #expect(Set(batch.letters.map(\.file.lastPathComponent)).count == 6)
        #expect(!names.contains { $0.hasSuffix(".html") })
        #expect(names.contains("R_1_school_x.zh.txt"))
        // "R/1" and "R_1" clean to the same reference; the second keeps its own file.
        #expect(names.contains("R_1_school_a_b.zh.txt"))
        #expect(names.contains("R-3_family_杨安洁.zh.txt"))
        for written in batch.letters {
            #expect(written.file.deletingLastPathComponent().standardizedFileURL == folder.standardizedFileURL)
        }
        let family = try String(contentsOf: folder.appendingPathComponent("R-3_family_杨安洁.zh.txt"), encoding: .utf8)
        #expect(family.contains("尊敬的杨安洁同学家长："))
        // As HTML: a print file per bundle (one school, one class here) and the combined one.
        let html = try writer.write(letters, kinds: [.school, .family], language: .chinese, format: .html, to: folder)
        #expect(html.prints.map(\.file.lastPathComponent) == [
            "school_S01.zh.html", "family_云台乡九年制学校_李老师.zh.html", "combined.zh.html",
        ])
        #expect(html.prints.map(\.letters) == [3, 3, 6] && html.pageCount == 8)
        let combined = try String(contentsOf: try #require(html.combined), encoding: .utf8)
        #expect(LetterFixtures.count("<section class=\"page\"", in: combined) == 8)
        #expect(combined.contains("a/b"))
    }

    @Test("two letters that would share a file name get distinct ones")
    func collisions() throws {
        let folder = try LetterFixtures.temporaryFolder("collide")
        defer { try? FileManager.default.removeItem(at: folder) }
        let letters = [LetterFixtures.letter(reference: "R 1"), LetterFixtures.letter(reference: "R?1")]
        let batch = try LetterBatchWriter(renderer: try LetterRenderer())
            .write(letters, kinds: [.family], language: .english, format: .html, to: folder)
        #expect(batch.letters.map(\.file.lastPathComponent) == ["R_1_family_杨安洁.en.html", "R_1_family_杨安洁-2.en.html"])
    }

    @Test("templates written by `letters templates` render the same letters, and edits to them show")
    func overrideFromFolder() throws {
        let folder = try LetterFixtures.temporaryFolder("templates")
        defer { try? FileManager.default.removeItem(at: folder) }
        let written = try LetterTemplates.writeDefaults(to: folder)
        #expect(written.count == LetterTemplates.requiredFiles.count + 1)  // and README.md
        let letter = LetterFixtures.letter()
        let bundled = try LetterRenderer()
        let copied = try LetterRenderer(templatesFolder: folder)
        #expect(copied.render(letter, kind: .family, language: .chinese, format: .html)
            == bundled.render(letter, kind: .family, language: .chinese, format: .html))

        let file = folder.appendingPathComponent("family.zh.txt.mustache")
        try Data("{{> letterhead.txt}}\n致{{student.name}}家长：请来电 {{counsellor.phone}}。\n".utf8).write(to: file)
        try Data("青岚县教育局 学生资助中心\n".utf8).write(to: folder.appendingPathComponent("letterhead.txt.mustache"))
        let edited = try LetterRenderer(templatesFolder: folder)
        let text = edited.render(LetterFixtures.letter(name: "A & <B>"), kind: .family, language: .chinese, format: .txt)
        #expect(text == "青岚县教育局 学生资助中心\n致A & <B>家长：请来电 0851-1234567。\n")
    }

    @Test("`letters templates` does not overwrite someone's edits unless told to")
    func noOverwrite() throws {
        let folder = try LetterFixtures.temporaryFolder("keep")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try LetterTemplates.writeDefaults(to: folder)
        #expect(throws: LetterTemplateFolderError.self) { try LetterTemplates.writeDefaults(to: folder) }
        #expect(try LetterTemplates.writeDefaults(to: folder, overwrite: true).count == LetterTemplates.requiredFiles.count + 1)
    }

    @Test("a broken template is refused with its file, line and column")
    func brokenTemplate() throws {
        let folder = try LetterFixtures.temporaryFolder("broken")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try LetterTemplates.writeDefaults(to: folder)
        let file = folder.appendingPathComponent("school.en.html.mustache")
        try Data("<p>Dear {{school.name}},</p>\n{{#hasReasons}}\n<p>{{student.name}</p>\n".utf8).write(to: file)
        let error = #expect(throws: LetterTemplateError.self) { try LetterRenderer(templatesFolder: folder) }
        #expect(error?.path == file.path)
        #expect(error?.description.hasPrefix(file.path + ":") == true)
        if case .syntax(let line, _, _) = error?.problem { #expect(line >= 2) } else { Issue.record("expected a syntax error, got \(String(describing: error))") }

        try Data("<p>{{#hasReasons}}{{/hasKeyGrades}}</p>\n".utf8).write(to: file)
        let mismatch = #expect(throws: LetterTemplateError.self) { try LetterRenderer(templatesFolder: folder) }
        #expect(mismatch?.description.contains("does not match") == true)
    }

    @Test("no tag of an HTML template prints a name raw: triple braces, &, a delimiter change, a content type line, a whole object", arguments: [
        ("{{{student.name}}}", true),
        ("{{& student.name}}", true),
        ("{{=<% %>=}}<%& student.name %><%={{ }}=%>", true),
        ("{{%CONTENT_TYPE: TEXT}}{{student.name}}", true),
        ("{{#student}}{{{name}}}{{/student}}", true),
        ("{{#reasons}}{{{sentence}}}{{/reasons}}", true),
        // An object or a list printed whole prints nothing, not its Swift description.
        ("{{student}}", false), ("{{{student}}}", false), ("{{.}}", false), ("{{#student}}{{.}}{{/student}}", false),
        ("{{{reasons}}}", false),
    ])
    func escapedByConstruction(tag: String, printsName: Bool) throws {
        let folder = try LetterFixtures.temporaryFolder("raw")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try LetterTemplates.writeDefaults(to: folder)
        try Data("<p>Hello</p>\n<p>\(tag)</p>\n".utf8).write(to: folder.appendingPathComponent("family.en.html.mustache"))
        try Data("{{{student.name}}}\n".utf8).write(to: folder.appendingPathComponent("family.en.txt.mustache"))
        let renderer = try LetterRenderer(templatesFolder: folder)
        let hostile = "<img src=x onerror=alert(1)>"
        let letter = LetterFixtures.letter(name: hostile, reasons: [hostile])
        let html = renderer.render(letter, kind: .family, language: .english, format: .html)
        #expect(!html.contains("<img"))
        #expect(!html.contains("onerror=alert(1)>"))
        let printed = html.components(separatedBy: "<p>Hello</p>\n<p>").last?.components(separatedBy: "</p>").first
        #expect((printed == "&lt;img src=x onerror=alert(1)&gt;") == printsName, "\(printed ?? "")")
        if !printsName { #expect(printed == "") }
        // The document around the letter (its title) is escaped the same way.
        #expect(!html.contains("<title>QL-2026-0001 <img"))
        // Text letters print the name as typed: there is no page for it to take over.
        let text = renderer.render(letter, kind: .family, language: .english, format: .txt)
        #expect(text.contains(hostile))
    }

    @Test("a folder without a template, or no folder at all, names what is missing")
    func missing() throws {
        let folder = try LetterFixtures.temporaryFolder("missing")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try LetterTemplates.writeDefaults(to: folder)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("school.zh.txt.mustache"))
        let error = #expect(throws: LetterTemplateError.self) { try LetterRenderer(templatesFolder: folder) }
        #expect(error?.problem == .missing)
        #expect(error?.path.hasSuffix("school.zh.txt.mustache") == true)
        #expect(error?.description.contains("pathway letters templates --out") == true)

        let nowhere = folder.appendingPathComponent("no-such-folder")
        let absent = #expect(throws: LetterTemplateError.self) { try LetterRenderer(templatesFolder: nowhere) }
        #expect(absent?.problem == .folderNotFound)
    }
}
