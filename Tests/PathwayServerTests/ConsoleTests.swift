import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PathwayCore
import PathwayServer
import PathwayStorage
import PathwayTestSupport
import PostgresClient
import Testing

/// The staff console on the router, against a real database: the county's year from an empty
/// database (upload, check, apply; a run with its task page; referrals made, approved and sent
/// for one school; letters; the school's file; settings, accounts, tokens), and who may do what.
@Suite("The staff console")
struct ConsoleTests {
    /// The Seeds county's workbooks, as a county office keeps them.
    static let county = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Seeds/county")

    /// A fresh, migrated database with an administrator `li` (李主任) and, unless left out, a
    /// counsellor `zhao` (赵老师).
    static func database(_ name: String, counsellor: Bool = true) throws -> ConnectionTarget {
        let target = try TestDatabase.makeDatabase(name)
        let connection = try target.connect()
        defer { connection.close() }
        try Migrator.bundled().migrate(connection, actor: "test")
        let accounts = AccountStore(connection: connection, passwordCost: 4)
        _ = try accounts.create(
            username: "li", displayName: "李主任", role: .administrator, schoolID: nil, region: .local,
            password: ReferralFixture.password, actor: "test")
        guard counsellor else { return target }
        _ = try accounts.create(
            username: "zhao", displayName: "赵老师", role: .counsellor, schoolID: nil, region: .local,
            password: ReferralFixture.password, actor: "test")
        return target
    }

    static func count(_ target: ConnectionTarget, _ sql: String) throws -> Int {
        let connection = try target.connect()
        defer { connection.close() }
        return try connection.query(sql).decode(Int.self, row: 0, column: 0)
    }

    /// Follows a task's page until the work is done; the finished page.
    static func finished(_ browser: PortalClient, _ response: TestResponse) async throws -> TestResponse {
        #expect(response.status == .seeOther, "\(response.text)")
        let location = try #require(response.headers[.location])
        #expect(location.hasPrefix("/console/tasks/"))
        for _ in 0..<600 {
            let page = try await browser.get(location)
            guard page.text.contains(#"id="running""#) else { return page }
            #expect(page.text.contains(#"http-equiv="refresh""#), "a running task's page reloads itself")
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the task at \(location) did not finish")
        return try await browser.get(location)
    }

    /// Uploads a file, checks the preview has no problems, applies it and returns the applied page.
    static func importFile(
        _ browser: PortalClient, kind: String, file: String, csrf: String
    ) async throws -> TestResponse {
        let bytes = try [UInt8](Data(contentsOf: county.appendingPathComponent(file)))
        let preview = try await finished(
            browser, try await browser.upload("/console/data", csrf: csrf, fileName: file, bytes: bytes, fields: [("kind", kind)]))
        #expect(preview.text.contains("文件已检查，还没有写入任何内容"), "\(kind): \(preview.text)")
        let upload = try #require(preview.text.firstMatch(of: /name="upload" value="([^"]+)"/).map { String($0.1) })
        return try await finished(browser, try await browser.post("/console/data/apply", [("_csrf", csrf), ("upload", upload)]))
    }

    @Test func anAdministratorDoesTheCountysYearFromAnEmptyDatabase() async throws {
        let target = try Self.database("console_year")
        try await APIClient.with(target) { client in
            let browser = PortalClient(client)
            let signedIn = try await browser.signIn("li", ReferralFixture.password)
            #expect(signedIn.headers[.location] == "/console")
            let empty = try await browser.get("/console")
            #expect(empty.status == .ok && empty.text.contains("Pathway 县级工作台") && empty.text.contains(#"id="nav-data""#))
            let csrf = try #require(PortalClient.csrf(empty.text))

            // A file with a problem: every problem named with its row, nothing written.
            let broken = Array("学校编号,学校名称,乡镇\nS01,青岚职校,\nS01,重复的学校,青岚镇\n".utf8)
            let refused = try await Self.finished(
                browser, try await browser.upload("/console/data", csrf: csrf, fileName: "坏的.csv", bytes: broken, fields: [("kind", "schools")]))
            #expect(refused.text.contains(#"id="failed""#) && refused.text.contains("什么也没有导入"), "\(refused.text)")
            #expect(refused.text.contains(#"id="issues""#))
            #expect(try Self.count(target, "SELECT count(*)::int FROM schools") == 0, "nothing written")

            // The county's own workbooks, checked and applied in order.
            for (kind, file) in [("places", "地名表.xlsx"), ("schools", "中职学校.xlsx"), ("programs", "专业.xlsx"), ("students", "学生名单.xlsx")] {
                let applied = try await Self.importFile(browser, kind: kind, file: file, csrf: csrf)
                #expect(applied.text.contains("已写入"), "\(kind): \(applied.text)")
            }
            #expect(try Self.count(target, "SELECT count(*)::int FROM students") == 700)
            // An applied upload is gone: applying it again is refused with the reason.
            #expect(try Self.count(target, "SELECT count(*)::int FROM audit_log WHERE action LIKE 'import%' AND actor = '李主任 (li)'") >= 4)

            // A run with its progress page, then its report and one student's explanation.
            let run = try await Self.finished(
                browser, try await browser.post("/console/runs", [
                    ("_csrf", csrf), ("strategy", "stable"), ("interest", "0.5"), ("grades", "0.3"), ("location", "0.2"),
                    ("candidates", "20"), ("commute", "30"),
                ]))
            #expect(run.text.contains(#"id="create-referrals""#), "\(run.text)")
            let runID = try #require(run.text.firstMatch(of: /name="run" value="(\d+)"/).map { String($0.1) })
            let report = try await browser.get("/console/runs/\(runID)/report")
            #expect(report.status == .ok && report.text.contains("<svg"))
            let student = try Self.string(target, "SELECT student_id FROM assignments WHERE run_id = \(runID) AND program_id IS NOT NULL LIMIT 1")
            let explain = try await browser.get("/console/runs/\(runID)/explain?student=\(student)")
            #expect(explain.status == .ok && explain.text.contains("← 录取"), "\(explain.text)")
            let unknown = try await browser.get("/console/runs/999/report")
            #expect(unknown.status == .badRequest && unknown.text.contains("没有第 999 次匹配"))

            // Bad settings are refused before anything starts, in Chinese.
            let badWeights = try await browser.post("/console/runs", [("_csrf", csrf), ("strategy", "stable"), ("interest", "1e308")])
            #expect(badWeights.status == .badRequest && badWeights.text.contains("权重 interest"), "\(badWeights.text)")

            // Referrals from the run, followed by 赵老师; approved and sent for one school only.
            let created = try await browser.post("/console/referrals/create", [("_csrf", csrf), ("run", runID), ("assignee", "赵老师")])
            #expect(created.status == .seeOther)
            let proposed = try Self.count(target, "SELECT count(*)::int FROM referrals WHERE status = 'proposed'")
            #expect(proposed > 0)
            let listed = try await browser.get(try #require(created.headers[.location]))
            #expect(listed.text.contains("份转介（拟转介，待审核）"))
            let school = try Self.string(target, "SELECT school_id FROM referrals ORDER BY school_id LIMIT 1")
            let forSchool = try Self.count(target, "SELECT count(*)::int FROM referrals WHERE school_id = '\(school)'")
            for action in ["approve", "send"] {
                let moved = try await browser.post("/console/referrals/move", [
                    ("_csrf", csrf), ("run", runID), ("school", school), ("scope", "all"), ("action", action),
                ])
                #expect(moved.status == .seeOther, "\(moved.text)")
            }
            #expect(try Self.count(target, "SELECT count(*)::int FROM referrals WHERE status = 'sent'") == forSchool)
            #expect(try Self.count(target, "SELECT count(*)::int FROM referrals WHERE status = 'proposed'") == proposed - forSchool)
            // Sending what is not approved is refused, and changes nothing.
            let proposedID = try Self.string(target, "SELECT referral_id::text FROM referrals WHERE status = 'proposed' LIMIT 1")
            let wrong = try await browser.post("/console/referrals/move", [("_csrf", csrf), ("id", proposedID), ("action", "send")])
            #expect(wrong.status == .badRequest && wrong.text.contains("不能变为"), "\(wrong.text)")

            // Letters need a signatory office first: the task says where to set it.
            let noOffice = try await Self.finished(
                browser, try await browser.post("/console/referrals/letters", [("_csrf", csrf), ("run", runID), ("school", school), ("kind", "both")]))
            #expect(noOffice.text.contains("设置"), "\(noOffice.text)")
            let saved = try await browser.post("/console/settings/profile", [
                ("_csrf", csrf), ("office", "青岚县教育局"), ("officePhone", "0851-5550100"),
            ])
            #expect(saved.headers[.location] == "/console/settings?notice=saved")
            let letters = try await Self.finished(
                browser, try await browser.post("/console/referrals/letters", [("_csrf", csrf), ("run", runID), ("school", school), ("kind", "both")]))
            #expect(letters.text.contains("封信已生成"), "\(letters.text)")
            let fileURL = try #require(letters.text.firstMatch(of: /href="(\/console\/tasks\/\d+\/files\/\d+)"/).map { String($0.1) })
            let print = try await browser.get(fileURL)
            #expect(print.status == .ok && print.text.contains("青岚县教育局"))
            #expect(print.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            let workbook = try await browser.get("/console/referrals/export?school=\(school)")
            #expect(workbook.status == .ok && workbook.body.readableBytes > 1000)

            // Deadlines, an account (its password shown once), a token shown once and revoked.
            let deadlines = try await browser.post("/console/settings/deadlines", [("_csrf", csrf), ("acknowledgeDays", "10"), ("registrationCloses", "11-30")])
            #expect(deadlines.status == .seeOther)
            let badDeadline = try await browser.post("/console/settings/deadlines", [("_csrf", csrf), ("acknowledgeDays", "0")])
            #expect(badDeadline.status == .badRequest && badDeadline.text.contains("确认天数 0 不可用"))
            let account = try await browser.post("/console/accounts", [
                ("_csrf", csrf), ("username", "s01clerk"), ("name", "钱老师"), ("role", "school_clerk"), ("school", school),
            ])
            #expect(account.status == .ok && account.text.contains(#"id="new-password""#))
            let token = try await browser.post("/console/tokens", [("_csrf", csrf), ("school", school), ("label", "教务系统")])
            #expect(token.text.contains(#"id="new-token""#) && token.text.contains("pw_"))
            let tokenID = try Self.string(target, "SELECT token_id::text FROM api_tokens LIMIT 1")
            let revoked = try await browser.post("/console/tokens/\(tokenID)/revoke", [("_csrf", csrf)])
            #expect(revoked.status == .seeOther)
            #expect(try Self.count(target, "SELECT count(*)::int FROM api_tokens WHERE revoked_at IS NOT NULL") == 1)

            // A backup of the whole database, made as a task and downloaded from its page.
            let backup = try await Self.finished(browser, try await browser.post("/console/backup", [("_csrf", csrf)]))
            let dumpURL = try #require(backup.text.firstMatch(of: /href="(\/console\/tasks\/\d+\/files\/0)" id="download-backup"/).map { String($0.1) }, "\(backup.text)")
            let dump = try await browser.get(dumpURL)
            #expect(dump.status == .ok && String(buffer: dump.body).hasPrefix("PGDMP"))

            // The overview now counts it all; the audit log names the person for every action.
            let overview = try await browser.get("/console")
            #expect(overview.text.contains(#"<b id="students">700</b>"#), "\(overview.text)")
            for action in ["match.run", "referrals.create", "letters.render", "referrals.export", "county.profile"] {
                #expect(
                    try Self.count(target, "SELECT count(*)::int FROM audit_log WHERE action = '\(action)' AND actor = '李主任 (li)'") >= 1,
                    "\(action) audited with the account's name")
            }
        }
    }

    static func string(_ target: ConnectionTarget, _ sql: String) throws -> String {
        let connection = try target.connect()
        defer { connection.close() }
        return try connection.query(sql).decode(String.self, row: 0, column: 0)
    }

    @Test func aCounsellorSeesAndActsOnTheirOwnCaseloadOnly() async throws {
        let fixture = try ReferralFixture.make("console_counsellor")
        try fixture.account("zhao", role: .counsellor, name: "赵老师")
        try fixture.account("li", role: .administrator, name: "李主任")
        let connection = try fixture.connection()
        try connection.query("UPDATE students SET responsible = '赵老师' WHERE student_id = 'ST01'")
        try connection.query("UPDATE students SET responsible = '孙老师' WHERE student_id <> 'ST01'")
        connection.close()
        try await APIClient.with(fixture.target) { client in
            let browser = PortalClient(client)
            try await browser.signIn("zhao", ReferralFixture.password)
            let start = try await browser.get("/console")
            #expect(start.status == .ok)
            #expect(!start.text.contains(#"id="nav-data""#), "a counsellor's bar has no administrator's sections")
            let csrf = try #require(PortalClient.csrf(start.text))
            for page in ["/console/data", "/console/runs", "/console/referrals", "/console/settings", "/console/accounts", "/console/tokens"] {
                let refused = try await browser.get(page)
                #expect(refused.status == .forbidden && refused.text.contains("仅限管理员"), "\(page)")
            }
            let students = try await browser.get("/console/students")
            #expect(students.text.matches(of: /data-student="([^"]+)"/).map { String($0.1) } == ["ST01"], "\(students.text)")
            let ledger = try await browser.get("/console/followup")
            let shown = ledger.text.matches(of: /data-student="([^"]+)"/).map { String($0.1) }
            #expect(shown.allSatisfy { $0 == "ST01" }, "only the counsellor's own students: \(shown)")
            // Another person's student: answered as if there were none, and no contact recorded.
            let other = try await browser.get("/console/students/ST02")
            #expect(other.status == .notFound)
            let otherContact = try await browser.post("/console/students/ST02/contact", [("_csrf", csrf), ("kind", "phone"), ("outcome", "reached")])
            #expect(otherContact.status == .notFound)
            let own = try await browser.get("/console/students/ST01")
            #expect(own.status == .ok && own.text.contains(#"id="contact""#))
            let contact = try await browser.post("/console/students/ST01/contact", [
                ("_csrf", csrf), ("kind", "home_visit"), ("outcome", "considering"), ("note", "奶奶说再想想"),
            ])
            #expect(contact.headers[.location] == "/console/students/ST01?notice=contact")
            let page = try await browser.get("/console/students/ST01?notice=contact")
            #expect(page.text.contains("奶奶说再想想") && page.text.contains("联系已记录"))
            #expect(try fixture.auditCount("followup.contact") == 1)
            // An outcome the family reported, recorded on the student's own referral; another's is not found.
            let r1 = try #require(fixture.ids["R1"]), r2 = try #require(fixture.ids["R2"])
            let enrolled = try await browser.post("/console/referrals/\(r1)/outcome", [("_csrf", csrf), ("outcome", "enrolled")])
            #expect(enrolled.headers[.location] == "/console/students/ST01?notice=saved", "\(enrolled.text)")
            #expect(try fixture.status(of: "R1") == "enrolled")
            let foreign = try await browser.post("/console/referrals/\(r2)/outcome", [("_csrf", csrf), ("outcome", "enrolled")])
            #expect(foreign.status == .notFound)
            #expect(try fixture.status(of: "R2") != "enrolled")
            let noReason = try await browser.post("/console/referrals/\(r1)/outcome", [("_csrf", csrf), ("outcome", "declined")])
            #expect(noReason.status == .badRequest)
            // Without the form's token nothing is recorded.
            let forged = try await browser.post("/console/students/ST01/contact", [("kind", "phone"), ("outcome", "reached")])
            #expect(forged.status == .forbidden)
            #expect(try fixture.auditCount("followup.contact") == 1)
            // Handing the student on: the page is then someone else's.
            let handed = try await browser.post("/console/students/ST01/assign", [("_csrf", csrf), ("person", "孙老师")])
            #expect(handed.headers[.location] == "/console/followup?notice=assigned")
            #expect(try await browser.get("/console/students/ST01").status == .notFound)
        }
    }

    @Test func anotherCountysAdministratorReachesNothingOfThisCounty() async throws {
        let fixture = try ReferralFixture.make("console_regions")
        try fixture.account("li", role: .administrator, name: "李主任")
        try fixture.account("zhao", role: .counsellor, name: "赵老师")
        let token = try fixture.token(for: "S1", label: "教务系统")
        let connection = try fixture.connection()
        _ = try AccountStore(connection: connection, passwordCost: 4).create(
            username: "far", displayName: "远方县管理员", role: .administrator, schoolID: nil,
            region: try #require(Region(rawValue: "far")), password: ReferralFixture.password, actor: "test")
        connection.close()
        try await APIClient.with(fixture.target) { client in
            // 李主任 (this county) starts a task; 远方县's administrator must not see it.
            let li = PortalClient(client)
            try await li.signIn("li", ReferralFixture.password)
            let liPage = try await li.get("/console/settings")
            let liCSRF = try #require(PortalClient.csrf(liPage.text))
            let started = try await li.post("/console/backup", [("_csrf", liCSRF)])
            let task = try #require(started.headers[.location])
            // A counsellor of the same name as one the county has is refused: their caseloads would be one.
            let namesake = try await li.post("/console/accounts", [
                ("_csrf", liCSRF), ("username", "zhao2"), ("name", "赵老师"), ("role", "counsellor"),
            ])
            #expect(namesake.status == .badRequest && namesake.text.contains("已有一位叫 赵老师 的辅导员"), "\(namesake.text)")
            // "Every one the filter finds" with no filter is refused.
            let everything = try await li.post("/console/referrals/move", [("_csrf", liCSRF), ("scope", "all"), ("action", "withdraw")])
            #expect(everything.status == .badRequest && everything.text.contains("请先选择一次匹配或一所学校"))
            #expect(try fixture.status(of: "R1") == "sent")

            let far = PortalClient(client)
            try await far.signIn("far", ReferralFixture.password)
            let accounts = try await far.get("/console/accounts")
            #expect(accounts.status == .ok && !accounts.text.contains(#"data-username="li""#), "another county's accounts are not listed")
            let csrf = try #require(PortalClient.csrf(accounts.text))
            let reset = try await far.post("/console/accounts/reset", [("_csrf", csrf), ("username", "li")])
            #expect(reset.status == .badRequest && reset.text.contains("没有名为 li 的账户"), "\(reset.text)")
            let disable = try await far.post("/console/accounts/disable", [("_csrf", csrf), ("username", "zhao")])
            #expect(disable.status == .badRequest)
            let clerk = try await far.post("/console/accounts", [
                ("_csrf", csrf), ("username", "spy"), ("name", "间谍"), ("role", "school_clerk"), ("school", "S1"),
            ])
            #expect(clerk.status == .badRequest, "no clerk for another county's school")
            let tokens = try await far.get("/console/tokens")
            #expect(!tokens.text.contains("教务系统"), "another county's tokens are not listed")
            let revoke = try await far.post("/console/tokens/\(token.record.id)/revoke", [("_csrf", csrf)])
            #expect(revoke.status == .badRequest)
            #expect(try await far.get(task).status == .notFound, "another county's task is not found")
            #expect(try await far.get("/console/students/ST01").status == .notFound)
        }
        #expect(try fixture.auditCount("account.reset_password") == 0)
        #expect(try fixture.auditCount("account.create") == 3)
        #expect(try fixture.auditCount("token.revoke") == 0)
    }

    @Test func aSchoolClerkNeverReachesTheConsole() async throws {
        let fixture = try ReferralFixture.make("console_clerk")
        try fixture.account("wang")
        try await APIClient.with(fixture.target) { client in
            let browser = PortalClient(client)
            let signedIn = try await browser.signIn("wang", ReferralFixture.password)
            #expect(signedIn.headers[.location] == "/school/referrals")
            for page in ["/console", "/console/followup", "/console/students/ST01", "/console/tasks/1"] {
                let refused = try await browser.get(page)
                #expect(refused.status == .forbidden && refused.text.contains("中职学校门户"), "\(page): \(refused.status)")
            }
            let post = try await browser.post("/console/runs", [("strategy", "stable")])
            #expect(post.status == .forbidden)
            #expect(try fixture.auditCount("match.run") == 0)
        }
    }
}
