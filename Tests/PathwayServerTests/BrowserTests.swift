import Foundation
import Hummingbird
import HummingbirdTesting
import ManagedPostgres
import PathwayServer
import PathwayTestSupport
import PostgresClient
import Testing

/// The school's letter page in a real browser: headless Chromium against a real `pathway serve`
/// (Hummingbird's live test server on a free port) and a real database, driven by
/// `Tests/Browser/letter_page.py` through selenium and chromedriver.
///
/// `.ci/run` installs Chromium, its driver and selenium and sets `PATHWAY_BROWSER_TESTS=required`,
/// so there a missing browser fails the test; elsewhere it is skipped with a note.
@Suite("Letter pages in a real browser")
struct BrowserTests {
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Browser/letter_page.py").path

    @Test func aSchoolOpensAndPrintsItsLetterAndCannotOpenAnotherSchools() async throws {
        guard let python = Browser.pythonForTest() else { return }
        let fixture = try ReferralFixture.make("browser_letter")
        let s1 = try fixture.token(for: "S1")
        let own = try #require(fixture.ids["R1"])
        let other = try #require(fixture.ids["R6"])  // school S2's
        let pool = ConnectionPool(target: fixture.target, maximumConnections: 2)
        defer { pool.shutdown() }
        let app = try buildApplication(
            configuration: ServerConfiguration(port: 0, office: "清水县教育局", officePhone: "0710-1234567"), pool: pool)
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("browser-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let status = try await app.test(.live) { client in
            let port = try #require(client.port)
            return try await Browser.runScript(
                python, [Self.script, "http://127.0.0.1:\(port)", s1.token, String(own), String(other)], outputPath: output)
        }
        let text = try String(contentsOfFile: output, encoding: .utf8)
        try #require(status == 0, "\(text)")
        let line = try #require(text.split(separator: "\n").last { $0.hasPrefix("{") })
        let pages = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: [String: Any]])

        let chinese = try #require(pages["own"])
        let body = chinese["text"] as? String ?? ""
        #expect(chinese["lang"] as? String == "zh-CN")
        #expect(body.contains("张伟") && body.contains("数控技术应用") && body.contains("清水县职业教育中心"), "\(body)")
        #expect(body.contains("清水县教育局") && body.contains("0710-1234567"))
        #expect(chinese["pages"] as? Int == 1, "the school letter prints on one A4 page")
        let english = try #require(pages["english"])
        #expect(english["lang"] as? String == "en")
        #expect((english["text"] as? String ?? "").contains("20 August 2026"))
        #expect(english["pages"] as? Int == 1)
        // Another school's referral reads like one that does not exist, in the browser too.
        let refused = try #require(pages["other"])
        let refusal = refused["text"] as? String ?? ""
        #expect(refusal.contains("no referral \(other) for this school") && !refusal.contains("周杰"), "\(refusal)")

        let connection = try fixture.connection()
        defer { connection.close() }
        let audit = try connection.query("SELECT count(*) FROM audit_log WHERE action = 'referrals.letter' AND school_id = 'S1'")
        #expect(try audit.decode(Int.self, row: 0, column: 0) == 2, "each page the school opened is audited")
    }
}
