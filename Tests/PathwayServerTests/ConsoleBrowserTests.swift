import Foundation
import Hummingbird
import HummingbirdTesting
import PathwayServer
import PathwayStorage
import PathwayTestSupport
import PostgresClient
import Testing

/// The staff console in a real browser: headless Chromium against a real `pathway serve` and an
/// empty database, driven by `Tests/Browser/console.py`. An administrator sets the county
/// profile, uploads the county's four workbooks (each checked, then applied), runs a match and
/// reloads its progress page, makes referrals, approves and sends them for one school, writes
/// and downloads its print file and the school's workbook, records a family's decline, hands
/// the student to a counsellor from the ledger, searches the students, runs a follow-up match,
/// compares two runs, explains a student, downloads a backup, and makes the counsellor's and a
/// clerk's accounts; the counsellor sees only that student and records a contact; the clerk is
/// refused the console.
@Suite("The staff console in a real browser")
struct ConsoleBrowserTests {
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Browser/console.py").path

    @Test func aCountysYearThroughTheConsole() async throws {
        guard let python = Browser.pythonForTest() else { return }
        let target = try ConsoleTests.database("browser_console", counsellor: false)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("console-\(UUID().uuidString)")
        let downloads = folder.appendingPathComponent("downloads")
        try FileManager.default.createDirectory(at: downloads, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pool = ConnectionPool(target: target, maximumConnections: 4)
        defer { pool.shutdown() }
        let app = try buildApplication(configuration: ServerConfiguration(port: 0), pool: pool)
        let output = folder.appendingPathComponent("console.json").path
        let status = try await app.test(.live) { client in
            let port = try #require(client.port)
            return try await Browser.runScript(
                python, [Self.script, "http://127.0.0.1:\(port)", ReferralFixture.password, ConsoleTests.county.path, downloads.path],
                outputPath: output)
        }
        let text = try String(contentsOfFile: output, encoding: .utf8)
        // The script's errors, without its (long) line of what it saw.
        try #require(status == 0, "\(text.split(separator: "\n").filter { !$0.hasPrefix("{") }.joined(separator: "\n"))")
        let line = try #require(text.split(separator: "\n").last { $0.hasPrefix("{") })
        let seen = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        func string(_ key: String) -> String { seen[key] as? String ?? "" }
        func strings(_ key: String) -> [String] { seen[key] as? [String] ?? [] }

        #expect(string("landed").hasSuffix("/console"))
        #expect(string("settings").contains("已保存"))
        let imports = seen["imports"] as? [[String: String]] ?? []
        #expect(imports.count == 4)
        for step in imports {
            #expect(step["preview"]?.contains("还没有写入任何内容") == true, "\(step)")
            #expect(step["applied"]?.contains("已写入") == true, "\(step)")
        }
        #expect(try ConsoleTests.count(target, "SELECT count(*)::int FROM students") == 700)
        #expect(string("run").contains("已安置"), "\(string("run"))")
        #expect(string("afterReload") == string("taskURL"), "the task's page survives a reload")
        #expect(string("created").contains("份转介（拟转介，待审核）"))
        let school = string("school")
        #expect(string("sent").contains("已更改"))
        #expect(!strings("sentRows").isEmpty && strings("sentRows").allSatisfy { $0 == "sent" }, "\(strings("sentRows"))")
        // Every referral of the school sent (one declined later by the family), none of another school's.
        #expect(try ConsoleTests.count(target, "SELECT count(*)::int FROM referrals WHERE school_id = '\(school)' AND status NOT IN ('sent', 'declined')") == 0)
        #expect(try ConsoleTests.count(target, "SELECT count(*)::int FROM referrals WHERE status = 'declined'") == 1)
        #expect(try ConsoleTests.count(target, "SELECT count(*)::int FROM referrals WHERE school_id <> '\(school)' AND status <> 'proposed'") == 0)
        #expect(string("letters").contains("封信已生成"))
        #expect(!strings("printFiles").isEmpty)
        let downloaded = strings("downloads")
        #expect(downloaded.count == 3, "a print file, the school's workbook and a backup: \(downloaded)")
        for name in downloaded {
            let bytes = try Data(contentsOf: downloads.appendingPathComponent(name))
            if name.hasSuffix(".html") {
                #expect(String(decoding: bytes, as: UTF8.self).contains("青岚县教育局"), "the print file is signed with the county profile")
            } else if name.hasSuffix(".xlsx") {
                #expect(name == "\(school)-referrals.xlsx" && bytes.starts(with: [0x50, 0x4B]))
            } else {
                #expect(name.hasSuffix(".dump") && bytes.starts(with: Array("PGDMP".utf8)), "\(name)")
            }
        }
        let declined = string("declinedStudent")
        #expect(string("declined").contains("已保存") && string("declined").contains("已拒绝"))
        #expect(strings("ledger").contains(declined), "a declined student is back on the ledger")
        #expect(string("assigned").contains("已转交") && string("caseloads").contains("赵老师"))
        #expect(strings("found").contains(string("searchedFor")), "searching by name finds the student")
        #expect(string("followupRun").contains("已安置"), "\(string("followupRun"))")
        #expect(try ConsoleTests.count(target, "SELECT count(*)::int FROM match_runs WHERE only_followup") == 1)
        let compare = seen["compare"] as? [String: Any] ?? [:]
        #expect((compare["url"] as? String ?? "").hasSuffix("/console/runs/2/report?compare=1") && (compare["svg"] as? Int ?? 0) > 0)
        #expect(string("explain").contains(declined), "\(string("explain"))")
        #expect(string("backup").contains("下载备份"))
        #expect(string("english").contains("Overview") && string("english").contains("Accounts"))

        #expect(!strings("counsellorNav").contains("nav-data") && strings("counsellorNav").contains("nav-followup"))
        #expect(strings("counsellorStudents") == [declined], "only the counsellor's own student")
        #expect(strings("counsellorLedger") == [declined], "the counsellor's ledger holds their student alone")
        #expect(string("contact").contains("联系已记录") && string("contact").contains("奶奶说再想想"))
        #expect(string("counsellorRuns").contains("仅限管理员"))
        #expect(string("clerkLanded").hasSuffix("/school/referrals"))
        #expect(string("clerkConsole").contains("仅供县教育局工作人员使用"))
        #expect(try ConsoleTests.count(target, "SELECT count(*)::int FROM audit_log WHERE action = 'followup.contact' AND actor = '赵老师 (zhao)'") == 1)
    }
}
