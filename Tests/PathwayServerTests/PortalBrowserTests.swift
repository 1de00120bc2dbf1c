import Foundation
import Hummingbird
import HummingbirdTesting
import ManagedPostgres
import PathwayServer
import PathwaySpreadsheet
import PathwayStorage
import PathwayTestSupport
import PostgresClient
import Testing

/// The school portal in a real browser: headless Chromium against a real `pathway serve` (the
/// live test server) and a real database, driven by `Tests/Browser/portal.py`. A clerk is
/// locked out by guessing, signs in, is refused a forged form and another school's student,
/// reports outcomes one by one, by checkbox and by uploading an .xlsx 报到名单, prints the
/// letter, downloads the list, reads it on a phone and in English, and signs out.
@Suite("The school portal in a real browser")
struct PortalBrowserTests {
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Browser/portal.py").path

    @Test func aClerkWorksThroughTheSchoolsReferralsInABrowser() async throws {
        guard let python = Browser.pythonForTest() else { return }
        let fixture = try ReferralFixture.make("browser_portal")
        try fixture.account("wang")
        try fixture.account("guess", name: "猜密码的人")
        let ids = fixture.ids
        let (r1, r2, r3, r6) = (try #require(ids["R1"]), try #require(ids["R2"]), try #require(ids["R3"]), try #require(ids["R6"]))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-\(UUID().uuidString)")
        let downloads = folder.appendingPathComponent("downloads")
        try FileManager.default.createDirectory(at: downloads, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let upload = folder.appendingPathComponent("报到名单.xlsx")
        let workbook = try XLSXWriter().workbook([
            .init(name: "报到名单", columns: [.init(header: "学生编号"), .init(header: "姓名"), .init(header: "结果"), .init(header: "原因")],
                  rows: [[.text("ST04"), .text("赵磊"), .text("未报到"), .text("联系不上")]]),
        ])
        try Data(workbook).write(to: upload)

        let pool = ConnectionPool(target: fixture.target, maximumConnections: 2)
        defer { pool.shutdown() }
        let configuration = ServerConfiguration(
            port: 0, office: "清水县教育局", officePhone: "0710-1234567",
            signInPolicy: SignInPolicy(accountFailures: 3, addressFailures: 50, lockSeconds: 600))
        let app = try buildApplication(configuration: configuration, pool: pool)
        let output = folder.appendingPathComponent("portal.json").path
        let status = try await app.test(.live) { client in
            let port = try #require(client.port)
            return try await Browser.runScript(
                python,
                [Self.script, "http://127.0.0.1:\(port)", ReferralFixture.password, String(r1), String(r6),
                 String(r2), String(r3), upload.path, downloads.path],
                outputPath: output)
        }
        let text = try String(contentsOfFile: output, encoding: .utf8)
        try #require(status == 0, "\(text)")
        let line = try #require(text.split(separator: "\n").last { $0.hasPrefix("{") })
        let seen = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        func page(_ key: String) -> [String: Any] { seen[key] as? [String: Any] ?? [:] }
        func string(_ key: String) -> String { seen[key] as? String ?? "" }

        let answers = page("lockout")["answers"] as? [String] ?? []
        #expect(answers.count == 4)
        #expect(answers.prefix(2).allSatisfy { $0.contains("登录名或密码错误") }, "\(answers)")
        #expect(answers.dropFirst(2).allSatisfy { $0.contains("暂时不能登录") }, "the third failure locks; the right password then too")

        #expect(string("redirected").contains("/login?next="))
        #expect(string("landed").hasSuffix("/school/referrals/\(r1)"), "back to the page asked for")
        let cookies = seen["cookies"] as? [[String: Any]] ?? []
        let session = cookies.first { $0["name"] as? String == "pathway_session" }
        #expect(session?["httpOnly"] as? Bool == true && session?["sameSite"] as? String == "Lax")
        #expect(!string("scriptSeesCookie").contains("pathway_session"), "no script can read the session")

        #expect(string("forged").contains("表单已失效"))
        #expect((page("other")["text"] as? String ?? "").contains("没有这个页面，或者它不属于本校"))
        #expect(!(page("other")["text"] as? String ?? "").contains("周杰"))
        #expect(string("otherLetter").contains("没有这个页面") && !string("otherLetter").contains("周杰"))

        #expect(string("student").contains("张伟") && string("student").contains("13800000001"))
        #expect(!string("student").contains("家访记录"), "the county's notes on the family stay with the county")
        let one = page("one")
        #expect((one["notice"] as? String) == "已保存。")
        #expect((one["status"] as? String ?? "").contains("已报到"))
        #expect((one["history"] as? String ?? "").contains("已分到数控 1 班"))
        let letter = page("letter")
        #expect((letter["text"] as? String ?? "").contains("张伟") && (letter["text"] as? String ?? "").contains("清水县教育局"))
        #expect(letter["pages"] as? Int == 1, "the school letter prints on one A4 sheet")

        let list = page("list")
        #expect((list["counts"] as? String ?? "").contains("全部 4"), "\(list)")
        #expect(!(list["table"] as? String ?? "").contains("周杰") && !(list["table"] as? String ?? "").contains("孙丽"))
        #expect((page("bulk")["notice"] as? String ?? "") == "2 项结果已记录")
        #expect((page("bulk")["counts"] as? String ?? "").contains("已拒绝 2"))
        #expect(string("search").contains("赵磊") && !string("search").contains("王芳"))

        #expect(string("preview").contains("赵磊") && string("preview").contains("未报到") && string("preview").contains("联系不上"))
        #expect(string("applied") == "1 项结果已记录")

        let names = seen["downloads"] as? [String] ?? []
        #expect(names == ["S1-referrals.csv", "S1-referrals.xlsx"], "\(names)")
        let csv = try String(contentsOf: downloads.appendingPathComponent("S1-referrals.csv"), encoding: .utf8)
        #expect(csv.contains("张伟") && csv.contains("no_show") && !csv.contains("周杰") && !csv.contains("孙丽"))
        let xlsx = try Data(contentsOf: downloads.appendingPathComponent("S1-referrals.xlsx"))
        #expect(xlsx.starts(with: [0x50, 0x4B]), "an .xlsx is a zip")

        let phone = page("phone")
        #expect((phone["page"] as? Int ?? .max) <= (phone["screen"] as? Int ?? 0), "no sideways scrolling on a phone: \(phone)")
        #expect(string("english") == "Our referred students")
        #expect((page("signedOut")["url"] as? String ?? "").hasSuffix("/login?out=1"))
        #expect(string("afterSignOut").contains("/login?next="))

        #expect(try fixture.status(of: "R1") == "enrolled")
        #expect(try fixture.status(of: "R2") == "declined" && fixture.status(of: "R3") == "declined")
        #expect(try fixture.status(of: "R4") == "no_show")
        #expect(try fixture.status(of: "R6") == "sent")
        #expect(try fixture.auditCount("referrals.export") == 2, "each download is audited")
        #expect(try fixture.auditCount("login.lock") == 1)
    }
}
