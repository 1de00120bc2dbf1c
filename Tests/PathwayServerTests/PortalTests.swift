import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PathwayCore
import PathwayServer
import PathwayStorage
import PostgresClient
import Testing

/// The school portal on the router: sign-in, sessions, CSRF, the limits on guessing, and the
/// rule that a school sees its own students only, whatever it asks for.
@Suite("The school portal")
struct PortalTests {
    @Test func signingInGivesANewHttpOnlySessionAndSigningOutEndsIt() async throws {
        let fixture = try ReferralFixture.make("portal_signin")
        try fixture.account("wang")
        try await APIClient.with(fixture.target) { client in
            let browser = PortalClient(client)
            let form = try await browser.get("/login")
            #expect(form.status == .ok)
            #expect(form.text.contains("登录 Pathway") && form.text.contains(#"lang="zh-CN""#), "Chinese first")
            let signInCookie = try #require(form.headers[values: .setCookie].first { $0.hasPrefix("pathway_signin=") })
            #expect(signInCookie.contains("HttpOnly") && signInCookie.contains("SameSite=Strict"))

            let wrong = try await browser.post(
                "/login", [("_csrf", PortalClient.csrf(form.text) ?? ""), ("username", "wang"), ("password", "not the password")])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.text.contains("登录名或密码错误"))
            #expect(browser.cookies["pathway_session"] == nil)

            // A session id planted before sign-in is never the one signed in.
            browser.cookies["pathway_session"] = "planted-by-someone-else"
            let signedIn = try await browser.signIn("wang", ReferralFixture.password)
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.headers[.location] == "/school/referrals")
            let cookie = try #require(signedIn.headers[values: .setCookie].first { $0.hasPrefix("pathway_session=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"))
            #expect(!cookie.contains("Secure"), "plain HTTP on loopback: a Secure cookie would never come back")
            let session = try #require(browser.cookies["pathway_session"])
            #expect(session != "planted-by-someone-else" && session.count == 43)

            let list = try await browser.get("/school/referrals")
            #expect(list.status == .ok)
            #expect(list.text.contains("张伟") && list.text.contains("赵磊"))
            #expect(!list.text.contains("周杰") && !list.text.contains("孙丽"), "not S2's, and not the county's draft")
            #expect(list.text.contains("王老师 · S1"))

            // Sign-out needs the session's form token like any form.
            let forged = try await browser.post("/logout", [("_csrf", "guess")])
            #expect(forged.status == .forbidden)
            let token = try #require(PortalClient.csrf(list.text))
            let out = try await browser.post("/logout", [("_csrf", token)])
            #expect(out.status == .seeOther && out.headers[.location] == "/login?out=1")
            browser.cookies["pathway_session"] = session
            let after = try await browser.get("/school/referrals")
            #expect(after.status == .seeOther)
            #expect(after.headers[.location]?.hasPrefix("/login?next=") == true, "the old cookie is worth nothing")
        }
        let connection = try fixture.connection()
        defer { connection.close() }
        let stored = try connection.query("SELECT count(*)::int FROM sessions").decode(Int.self, row: 0, column: 0)
        #expect(stored == 0)
        #expect(try fixture.auditCount("login.failure") == 1)
        #expect(try fixture.auditCount("login.success") == 1)
        #expect(try fixture.auditCount("logout") == 1)
    }

    @Test func behindAProxyThatSaysHTTPSTheCookieIsSecureAndTheDatabaseKeepsOnlyItsHash() async throws {
        let fixture = try ReferralFixture.make("portal_secure")
        try fixture.account("wang")
        try await APIClient.with(fixture.target) { client in
            let browser = PortalClient(client)
            browser.extraHeaders[PathwayServer.APIHeader.forwardedProto] = "https"
            let signedIn = try await browser.signIn("wang", ReferralFixture.password)
            let cookie = try #require(signedIn.headers[values: .setCookie].first { $0.hasPrefix("pathway_session=") })
            #expect(cookie.contains("Secure"))
            #expect(signedIn.headers[PathwayServer.APIHeader.strictTransportSecurity] == "max-age=31536000")
            let value = try #require(browser.cookies["pathway_session"])
            let connection = try fixture.connection()
            defer { connection.close() }
            let hashes = try connection.query("SELECT session_hash FROM sessions").rows.map { try $0.decode("session_hash", as: String.self) }
            #expect(hashes == [TokenStore.hash(value)])
            let passwords = try connection.query("SELECT password_hash FROM accounts").decode(String.self, row: 0, column: 0)
            #expect(passwords.hasPrefix("$2") && !passwords.contains(ReferralFixture.password))
        }
    }

    @Test func sessionsEndWhenIdleTooLongOrTooOldOrTheAccountIsDisabled() async throws {
        let fixture = try ReferralFixture.make("portal_expiry")
        try fixture.account("wang")
        let connection = try fixture.connection()
        defer { connection.close() }
        try await APIClient.with(fixture.target) { client in
            let browser = PortalClient(client)
            try await browser.signIn("wang", ReferralFixture.password)
            #expect(try await browser.get("/school/referrals").status == .ok)
            try connection.execute("UPDATE sessions SET last_seen_at = now() - interval '31 minutes'")
            let idle = try await browser.get("/school/referrals")
            #expect(idle.status == .seeOther && idle.headers[.location]?.contains("expired=1") == true)

            try await browser.signIn("wang", ReferralFixture.password)
            try connection.execute("UPDATE sessions SET created_at = now() - interval '13 hours'")
            #expect(try await browser.get("/school/referrals").status == .seeOther, "12 hours at most, however busy")

            try await browser.signIn("wang", ReferralFixture.password)
            #expect(try await browser.get("/school/referrals").status == .ok)
            _ = try AccountStore(connection: connection).disable(username: "wang", actor: "test")
            #expect(try await browser.get("/school/referrals").status == .seeOther, "disabling signs out")
            let again = try await browser.signIn("wang", ReferralFixture.password)
            #expect(again.status == .unauthorized, "a disabled account is refused like a wrong password")
        }
    }

    @Test func guessingLocksTheAccountAndThenTheAddress() async throws {
        let fixture = try ReferralFixture.make("portal_lockout")
        try fixture.account("wang")
        try fixture.account("zhao", name: "赵老师")
        let policy = SignInPolicy(accountFailures: 3, addressFailures: 5, lockSeconds: 600)
        try await APIClient.with(fixture.target, configuration: ServerConfiguration(signInPolicy: policy)) { client in
            let browser = PortalClient(client)
            for _ in 0..<2 { #expect(try await browser.signIn("wang", "wrong password").status == .unauthorized) }
            let locking = try await browser.signIn("wang", "wrong password")
            #expect(locking.status == .tooManyRequests)
            #expect(locking.text.contains("暂时不能登录"))
            let rightButLocked = try await browser.signIn("wang", ReferralFixture.password)
            #expect(rightButLocked.status == .tooManyRequests, "while locked even the right password is refused")
            #expect(browser.cookies["pathway_session"] == nil)

            // Another name from the same address: its failures add up to the address's limit.
            #expect(try await browser.signIn("zhao", "wrong password").status == .unauthorized)
            #expect(try await browser.signIn("nobody", "wrong password").status == .tooManyRequests)
            let zhao = try await browser.signIn("zhao", ReferralFixture.password)
            #expect(zhao.status == .tooManyRequests, "the address is paused, whatever account it tries")
        }
        #expect(try fixture.auditCount("login.lock") == 2, "the account's lock and the address's")
        #expect(try fixture.auditCount("login.refused") == 2)
        #expect(try fixture.auditCount("login.failure") == 5)
        // A new password lifts the account's lock.
        let connection = try fixture.connection()
        defer { connection.close() }
        _ = try AccountStore(connection: connection, passwordCost: 4).resetPassword(
            username: "wang", password: "a new long password", actor: "test")
        try connection.execute("DELETE FROM login_failures")
        try await APIClient.with(fixture.target, configuration: ServerConfiguration(signInPolicy: policy)) { client in
            let signedIn = try await PortalClient(client).signIn("wang", "a new long password")
            #expect(signedIn.status == .seeOther)
        }
    }

    @Test func formsWithoutTheSessionsTokenOrFromAnotherSiteAreRefused() async throws {
        let fixture = try ReferralFixture.make("portal_csrf")
        try fixture.account("wang")
        let id = try #require(fixture.ids["R1"])
        try await APIClient.with(fixture.target) { client in
            let browser = PortalClient(client)
            try await browser.signIn("wang", ReferralFixture.password)
            let page = try await browser.get("/school/referrals/\(id)")
            let token = try #require(PortalClient.csrf(page.text))
            let none = try await browser.post("/school/referrals/\(id)/outcome", [("outcome", "enrolled")])
            #expect(none.status == .forbidden)
            #expect(none.text.contains("表单已失效"))
            let other = try await browser.post("/school/referrals/\(id)/outcome", [("_csrf", String(token.reversed())), ("outcome", "enrolled")])
            #expect(other.status == .forbidden)
            let crossSite = try await browser.send(
                "/school/referrals/\(id)/outcome", method: .post,
                body: ByteBuffer(string: "_csrf=\(token)&outcome=enrolled"), contentType: "application/x-www-form-urlencoded",
                headers: [.origin: "https://evil.example"])
            #expect(crossSite.status == .forbidden, "the right token from another site's page is still refused")
            // A sign-in form posted without the form's own cookie (another site's form).
            browser.cookies["pathway_signin"] = nil
            let login = try await browser.post("/login", [("_csrf", "x"), ("username", "wang"), ("password", ReferralFixture.password)])
            #expect(login.status == .forbidden)
        }
        #expect(try fixture.status(of: "R1") == "sent", "nothing was recorded")
    }

    @Test func behindAProxyTheOriginIsCheckedAgainstTheForwardedHostAndBigFilesAreRefused() async throws {
        let fixture = try ReferralFixture.make("portal_proxy")
        try fixture.account("wang")
        let id = try #require(fixture.ids["R1"])
        try await APIClient.with(fixture.target) { client in
            let browser = PortalClient(client)
            try await browser.signIn("wang", ReferralFixture.password)
            let token = try #require(PortalClient.csrf(try await browser.get("/school/referrals").text))
            let form = ByteBuffer(string: "_csrf=\(token)&outcome=acknowledged")
            let proxied = try await browser.send(
                "/school/referrals/\(id)/outcome", method: .post, body: form, contentType: "application/x-www-form-urlencoded",
                headers: [.origin: "https://zhijiao.example.gov.cn", PathwayServer.APIHeader.forwardedHost: "zhijiao.example.gov.cn"])
            #expect(proxied.status == .seeOther, "the county's own address, through its proxy")
            let big = [UInt8](repeating: 0x41, count: 2 * 1024 * 1024 + 1)
            let tooLarge = try await browser.upload("/school/upload", csrf: token, fileName: "big.csv", bytes: big)
            #expect(tooLarge.status == .contentTooLarge && tooLarge.text.contains("文件超过 2 MB"))
            let huge = [UInt8](repeating: 0x41, count: 5 * 1024 * 1024)
            let refused = try await browser.upload("/school/upload", csrf: token, fileName: "huge.csv", bytes: huge)
            #expect(refused.status == .contentTooLarge && refused.text.contains("文件超过 2 MB"), "\(refused.status)")
        }
        #expect(try fixture.status(of: "R1") == "acknowledged")
    }

    @Test func aStudentsPageKeepsTheCountysNotesAndReasonsToTheCounty() async throws {
        let fixture = try ReferralFixture.make("portal_privacy")
        try fixture.account("wang")
        let r1 = try #require(fixture.ids["R1"])
        let r3 = try #require(fixture.ids["R3"])
        let connection = try fixture.connection()
        defer { connection.close() }
        // R1 sent with a note; R3 sent, then withdrawn by the county for a family reason.
        try connection.query(
            """
            INSERT INTO referral_events (region, referral_id, from_status, to_status, actor, note, reason) VALUES
              ('local', $1, 'approved', 'sent', '县教育局 李主任', '家访：父亲长年不在家，奶奶照看', NULL),
              ('local', $2, 'approved', 'sent', '县教育局 李主任', NULL, NULL),
              ('local', $2, 'sent', 'withdrawn', '县教育局 李主任', '县里备注：孩子生病住院', 'health')
            """, [r1, r3])
        try connection.query("UPDATE referrals SET status = 'withdrawn' WHERE referral_id = $1", [r3])
        try await APIClient.with(fixture.target) { client in
            let browser = PortalClient(client)
            try await browser.signIn("wang", ReferralFixture.password)
            let sent = try await browser.get("/school/referrals/\(r1)")
            #expect(sent.text.contains("已审核") && sent.text.contains("已发送"), "the school sees when it was sent")
            #expect(!sent.text.contains("奶奶"))
            let withdrawn = try await browser.get("/school/referrals/\(r3)")
            let history = String(withdrawn.text.split(separator: "id=\"history\"").last ?? "")
            #expect(history.contains("已撤回"))
            #expect(!history.contains("生病") && !history.contains("健康原因"), "neither the note nor the reason: \(history)")
            // The school's own report keeps its note.
            let token = try #require(PortalClient.csrf(sent.text))
            _ = try await browser.post("/school/referrals/\(r1)/outcome", [("_csrf", token), ("outcome", "acknowledged"), ("note", "已电话联系家长")])
            #expect(try await browser.get("/school/referrals/\(r1)").text.contains("已电话联系家长"))
        }
    }

    @Test func behindATrustedProxyTheClientsAddressIsCountedAndRecorded() async throws {
        let fixture = try ReferralFixture.make("portal_forwarded")
        try fixture.account("wang")
        // The router test's peer has no address ("unknown"): trusted here as a proxy would be.
        let configuration = ServerConfiguration(
            signInPolicy: SignInPolicy(accountFailures: 50, addressFailures: 2, lockSeconds: 600), trustedProxies: ["unknown"])
        try await APIClient.with(fixture.target, configuration: configuration) { client in
            let first = PortalClient(client)
            first.extraHeaders[PathwayServer.APIHeader.forwardedFor] = "6.6.6.6, 10.0.0.7"
            let once = try await first.signIn("wang", "wrong password")
            let twice = try await first.signIn("wang", "wrong password")
            #expect(once.status == .unauthorized && twice.status == .tooManyRequests)
            let other = PortalClient(client)
            other.extraHeaders[PathwayServer.APIHeader.forwardedFor] = "10.0.0.8"
            let signedIn = try await other.signIn("wang", ReferralFixture.password)
            #expect(signedIn.status == .seeOther, "another clerk's machine is not paused")
        }
        let connection = try fixture.connection()
        defer { connection.close() }
        let addresses = try connection.query("SELECT DISTINCT address FROM login_failures").rows.map { try $0.decode("address", as: String.self) }
        #expect(addresses == ["10.0.0.7"], "the address the proxy saw, not one the client wrote")
        let names = try connection.query(
            "SELECT count(*)::int FROM audit_log WHERE details->>'address' = '10.0.0.8' AND action = 'login.success'")
        #expect(try names.decode(Int.self, row: 0, column: 0) == 1)
    }

    @Test func aNameThatCannotBeOneIsNeverLookedUpAndIsRecordedShort() async throws {
        let fixture = try ReferralFixture.make("portal_badname")
        try await APIClient.with(fixture.target) { client in
            let browser = PortalClient(client)
            let long = String(repeating: "很长的名字", count: 20_000) + "\u{0}"
            #expect(try await browser.signIn(long, "whatever").status == .unauthorized)
            #expect(try await browser.signIn("wang\u{0}", "whatever").status == .unauthorized)
            let search = try await browser.get("/school/referrals?q=%00")
            #expect(search.status == .seeOther, "not signed in: the sign-in page, not a 500")
        }
        let connection = try fixture.connection()
        defer { connection.close() }
        let longest = try connection.query("SELECT max(length(subject_id))::int FROM audit_log WHERE action = 'login.failure'")
        #expect(try longest.decode(Int.self, row: 0, column: 0) <= 42)
    }

    @Test func overdueReferralsAreMarkedOnTheListAndTheStudentsPage() async throws {
        let fixture = try ReferralFixture.make("portal_overdue")
        try fixture.account("wang")
        let r1 = try #require(fixture.ids["R1"])
        let r2 = try #require(fixture.ids["R2"])
        let connection = try fixture.connection()
        defer { connection.close() }
        // Next year's leavers, so that registration is open: R1 sent 20 days ago and not
        // acknowledged, R2 sent today.
        try connection.execute("UPDATE students SET graduation_year = 2027")
        try connection.query("UPDATE referrals SET created_at = now() - interval '20 days', updated_at = now() - interval '20 days' WHERE referral_id = $1", [r1])
        try connection.query("UPDATE referrals SET created_at = now(), updated_at = now() WHERE referral_id = $1", [r2])
        let days = 20 - FollowupDeadlines.standard.acknowledgeDays
        try await APIClient.with(fixture.target) { client in
            let browser = PortalClient(client)
            try await browser.signIn("wang", ReferralFixture.password)
            let list = try await browser.get("/school/referrals")
            let rows = list.text.split(separator: "<tr data-id=").dropFirst()
            let first = rows.first { $0.hasPrefix("\"\(r1)\"") } ?? ""
            let second = rows.first { $0.hasPrefix("\"\(r2)\"") } ?? ""
            #expect(first.contains("overdue") && first.contains("逾期"), "\(first)")
            #expect(!second.contains("逾期"))
            let page = try await browser.get("/school/referrals/\(r1)")
            #expect(page.text.contains("逾期"))
            #expect(page.text.contains("逾期 \(days) 天未确认"), "the days past the county's \(FollowupDeadlines.standard.acknowledgeDays)")
            #expect(!(try await browser.get("/school/referrals/\(r2)")).text.contains("逾期"))
        }
    }

    @Test func aSchoolSeesOnlyItsOwnStudentsWhateverItTries() async throws {
        let fixture = try ReferralFixture.make("portal_isolation")
        try fixture.account("wang")
        let own = try #require(fixture.ids["R1"])
        let others = try #require(fixture.ids["R6"])
        let draft = try #require(fixture.ids["R5"])
        try await APIClient.with(fixture.target) { client in
            let browser = PortalClient(client)
            try await browser.signIn("wang", ReferralFixture.password)
            let token = try #require(PortalClient.csrf(try await browser.get("/school/referrals").text))
            let nul = try await browser.get("/school/referrals?q=%00&status=%00")
            #expect(nul.status == .ok, "a NUL in the search is dropped, not a 500")
            let missing = try await browser.get("/school/referrals/999999")
            #expect(missing.status == .notFound)
            for path in ["/school/referrals/\(others)", "/school/referrals/\(draft)", "/school/referrals/\(others)/letter",
                         "/school/referrals/abc", "/school/referrals/-1"] {
                let response = try await browser.get(path)
                #expect(response.status == .notFound, "\(path)")
                #expect(
                    response.text.replacingOccurrences(of: path, with: "") == missing.text.replacingOccurrences(of: "/school/referrals/999999", with: ""),
                    "\(path) reads exactly like a missing one")
                #expect(!response.text.contains("周杰") && !response.text.contains("孙丽"))
            }
            let post = try await browser.post("/school/referrals/\(others)/outcome", [("_csrf", token), ("outcome", "enrolled")])
            #expect(post.status == .notFound)
            let bulk = try await browser.post(
                "/school/outcomes", [("_csrf", token), ("id", String(own)), ("id", String(others)), ("outcome", "acknowledged")])
            #expect(bulk.status == .notFound)
            for query in ["q=周杰", "q=ST06", "status=proposed", "q=孙丽"] {
                let search = try await browser.get("/school/referrals?" + query.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!)
                #expect(search.status == .ok)
                #expect(search.text.contains("没有符合条件的转介") && !search.text.contains("<tr data-id"), "\(query)")
            }
            let csv = try await browser.get("/school/referrals.csv")
            #expect(csv.status == .ok && csv.text.contains("张伟") && !csv.text.contains("周杰") && !csv.text.contains("孙丽"))
            #expect(!csv.text.contains("家访记录"), "notes about the family never leave the county")
        }
        #expect(try fixture.status(of: "R1") == "sent", "one foreign id and nothing of the batch is recorded")
        #expect(try fixture.status(of: "R6") == "sent")
    }

    @Test func countyStaffAreSentToTheirOwnPagesAndAClerkNeverReachesThem() async throws {
        let fixture = try ReferralFixture.make("portal_roles")
        try fixture.account("li", role: .administrator, name: "李主任")
        try fixture.account("wang")
        try await APIClient.with(fixture.target) { client in
            let staff = PortalClient(client)
            let signedIn = try await staff.signIn("li", ReferralFixture.password)
            #expect(signedIn.headers[.location] == "/console")
            let school = try await staff.get("/school/referrals")
            #expect(school.status == .seeOther && school.headers[.location] == "/console", "staff act for no school")
            #expect(try await staff.get("/console").status == .ok)
            let unknown = try await staff.get("/console/nothing")
            #expect(unknown.status == .notFound && unknown.text.contains("没有这个页面"), "a page, not the API's JSON")

            let clerk = PortalClient(client)
            try await clerk.signIn("wang", ReferralFixture.password)
            let console = try await clerk.get("/console")
            #expect(console.status == .forbidden && console.text.contains(#"href="/school/referrals""#), "refused, with the way back")
            #expect(!console.text.contains(#"id="console-nav""#))
            // A `next` pointing away from the school's pages (or off the site) is not followed.
            let form = try await clerk.get("/login?next=//evil.example/")
            let away = try await clerk.post(
                "/login", [("_csrf", PortalClient.csrf(form.text) ?? ""), ("username", "wang"),
                           ("password", ReferralFixture.password), ("next", "//evil.example/")])
            #expect(away.headers[.location] == "/school/referrals")
        }
    }

    @Test func outcomesOneByOneByCheckboxAndByUpload() async throws {
        let fixture = try ReferralFixture.make("portal_outcomes")
        try fixture.account("wang")
        let r1 = try #require(fixture.ids["R1"])
        let r2 = try #require(fixture.ids["R2"])
        let r3 = try #require(fixture.ids["R3"])
        try await APIClient.with(fixture.target) { client in
            let browser = PortalClient(client)
            try await browser.signIn("wang", ReferralFixture.password)
            let page = try await browser.get("/school/referrals/\(r1)")
            #expect(page.status == .ok && page.text.contains("张伟") && page.text.contains("13800000001"))
            #expect(!page.text.contains("家访记录"))
            let token = try #require(PortalClient.csrf(page.text))

            let one = try await browser.post(
                "/school/referrals/\(r1)/outcome", [("_csrf", token), ("outcome", "enrolled"), ("note", "已分到数控 1 班")])
            #expect(one.status == .seeOther && one.headers[.location] == "/school/referrals/\(r1)?saved=1")
            let history = try await browser.get("/school/referrals/\(r1)?saved=1")
            #expect(history.text.contains("已保存") && history.text.contains("已报到") && history.text.contains("已分到数控 1 班"))

            let noReason = try await browser.post("/school/outcomes", [("_csrf", token), ("id", String(r2)), ("outcome", "declined")])
            #expect(noReason.status == .badRequest && noReason.text.contains("拒绝需要填写原因"))
            let bulk = try await browser.post(
                "/school/outcomes", [("_csrf", token), ("id", String(r2)), ("id", String(r3)), ("outcome", "declined"), ("reason", "too_far")])
            #expect(bulk.status == .seeOther && bulk.headers[.location] == "/school/referrals?saved=2")

            // The upload: a preview that records nothing, with each change; then the apply.
            let file = Array("学生编号,结果,原因\nST04,未报到,联系不上\n".utf8)
            let preview = try await browser.upload("/school/upload", csrf: token, fileName: "报到名单.csv", bytes: file)
            #expect(preview.status == .ok)
            #expect(preview.text.contains("赵磊") && preview.text.contains("学校已确认") && preview.text.contains("未报到"))
            #expect(try fixture.status(of: "R4") == "acknowledged", "a preview records nothing")
            let content = try #require(preview.text.firstMatch(of: /name="content" value="([^"]+)"/).map { String($0.1) })
            let applied = try await browser.post(
                "/school/upload/apply", [("_csrf", token), ("fileName", "报到名单.csv"), ("content", content)])
            #expect(applied.status == .seeOther && applied.headers[.location] == "/school/referrals?saved=1")
            #expect(try fixture.auditCount("referrals.outcomes_preview") == 1 && fixture.auditCount("referrals.outcomes_file") == 1)

            // A file with one bad row is shown with its problem and offers no apply.
            let bad = Array("学生编号,结果\nST01,未报到\nST06,已报到\n".utf8)
            let refused = try await browser.upload("/school/upload", csrf: token, fileName: "bad.csv", bytes: bad)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("<li>行 3: 没有发给该校的、属于 ST06 的转介</li>"), "the row and what is wrong with it")
            #expect(refused.text.contains("ST06") && !refused.text.contains(#"name="content""#))

            let list = try await browser.get("/school/referrals?status=declined")
            #expect(list.text.contains("Li, &quot;Ming&quot;") && list.text.contains("王芳") && !list.text.contains("张伟"))
        }
        #expect(try fixture.status(of: "R1") == "enrolled")
        #expect(try fixture.status(of: "R2") == "declined")
        #expect(try fixture.status(of: "R3") == "declined")
        #expect(try fixture.status(of: "R4") == "no_show")
        #expect(try fixture.auditCount("referral.view") == 2)
        let connection = try fixture.connection()
        defer { connection.close() }
        let actors = try connection.query(
            "SELECT DISTINCT actor FROM audit_log WHERE action = 'referral.transition'").rows.map { try $0.decode("actor", as: String.self) }
        #expect(actors == ["王老师 (wang)"], "each change is recorded under the clerk's name")
    }

    @Test func pagesCarryTheSecurityHeadersAndSpeakEnglishOnRequest() async throws {
        let fixture = try ReferralFixture.make("portal_headers")
        try fixture.account("wang")
        let id = try #require(fixture.ids["R1"])
        try await APIClient.with(fixture.target) { client in
            let browser = PortalClient(client)
            try await browser.signIn("wang", ReferralFixture.password)
            let english = try await browser.get("/school/referrals?lang=en")
            #expect(english.text.contains("Our referred students") && english.text.contains(#"lang="en""#))
            #expect(try await browser.get("/school/referrals").text.contains("Our referred students"), "the choice is remembered")
            for path in ["/login", "/school/referrals", "/school/referrals/\(id)", "/school/referrals/\(id)/letter", "/school/nothing"] {
                let response = try await browser.get(path)
                let policy = response.headers[.contentSecurityPolicy] ?? ""
                #expect(policy.contains("frame-ancestors 'none'") && policy.contains("default-src 'none'"), "\(path)")
                #expect(!policy.contains("script-src"), "\(path): no scripts at all")
                #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(path)")
                #expect(response.headers[PathwayServer.APIHeader.xFrameOptions] == "DENY", "\(path)")
                #expect(response.headers[PathwayServer.APIHeader.strictTransportSecurity] == nil, "never over plain HTTP")
            }
            let letter = try await browser.get("/school/referrals/\(id)/letter")
            #expect(letter.status == .ok && letter.text.contains("张伟"))
        }
        #expect(try fixture.auditCount("referrals.letter") == 2, "each letter opened is audited")
    }
}
