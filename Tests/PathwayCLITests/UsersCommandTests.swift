import Foundation
import PathwayCore
import PathwayTestSupport
import Testing

@testable import PathwayCLI

/// `pathway users`: the first administrator at setup, clerks bound to a school, passwords
/// shown once, and every refusal in the user's language.
@Suite("The users command")
struct UsersCommandTests {
    @Test func accountsAreMadeListedResetAndDisabledInChinese() async throws {
        let db = ["--database-url", try databaseURL("cli_users")]
        let schools = await pathway(["import", "schools", seeds.appendingPathComponent("schools.csv").path] + db)
        #expect(schools.status == 0, "\(schools.err)")

        let admin = await pathway(["users", "create", "li", "--name", "李主任", "--role", "administrator"] + db)
        #expect(admin.status == 0, "\(admin.err)")
        #expect(admin.out.contains("已创建账户 li（李主任，管理员）；密码只在此时显示"))
        let password = try #require(admin.out.split(separator: "\n").last.map(String.init))
        #expect(password.count == 16)

        let clerk = await pathway(["users", "create", "wang", "--name", "王老师", "--role", "school-clerk", "--school", "S01", "--json"] + db)
        #expect(clerk.status == 0, "\(clerk.err)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(clerk.out.utf8)) as? [String: Any])
        #expect((object["account"] as? [String: Any])?["school_id"] as? String == "S01")
        #expect((object["password"] as? String)?.count == 16)
        #expect(!clerk.out.contains("password_hash"))

        let noSchool = await pathway(["users", "create", "zhao", "--name", "赵老师", "--role", "school-clerk"] + db)
        #expect(noSchool.status == 1)
        #expect(noSchool.err.contains("学校招生员的账户需要 --school"))
        let badName = await pathway(["users", "create", "Zhao Laoshi", "--name", "赵老师", "--role", "counsellor"] + db, .english)
        #expect(badName.status == 1 && badName.err.contains("cannot be a user name"))
        let badRole = await pathway(["users", "create", "zhao", "--name", "赵老师", "--role", "janitor"] + db)
        #expect(badRole.status != 0 && badRole.err.contains("school-clerk"), "\(badRole.err)")

        let list = await pathway(["users", "list"] + db)
        #expect(list.out.contains("wang") && list.out.contains("学校招生员") && list.out.contains("S01"))
        #expect(list.out.contains("共 2 个账户，2 个有效"))
        #expect(!list.out.contains(password))

        let reset = await pathway(["users", "reset-password", "wang"] + db)
        #expect(reset.status == 0 && reset.out.contains("wang（王老师）的新密码"))
        let disabled = await pathway(["users", "disable", "wang"] + db)
        #expect(disabled.status == 0 && disabled.out.contains("已停用 wang"))
        let twice = await pathway(["users", "disable", "wang"] + db)
        #expect(twice.status == 0 && twice.err.contains("早已停用"))
        let unknown = await pathway(["users", "disable", "nobody"] + db)
        #expect(unknown.status == 1 && unknown.err.contains("没有名为 nobody 的账户"))
        let english = await pathway(["users", "list"] + db, .english)
        #expect(english.out.contains("2 accounts, 1 active") && english.out.contains("disabled "))

        let help = await pathway(["users", "--help"])
        #expect(help.out.contains("pathway users create wang --name 王老师 --role school-clerk --school S01"))
    }
}
