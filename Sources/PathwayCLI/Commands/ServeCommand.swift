import ArgumentParser
import Logging
import PathwayCore
import PathwayServer
import PathwayWorkflows
import PostgresClient

/// `pathway serve`: the HTTP API vocational schools pull their referrals from, the school
/// portal their clerks sign in to, and the staff console county staff work in.
struct ServeCommand: AsyncParsableCommand {
    /// The idle timeout the help names, as `ConnectionLimits` sets it.
    static let idleSeconds = Int(ConnectionLimits().idleTimeout.seconds)

    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "serve",
            abstract: L("Serve the staff console, the school portal, and the API vocational schools pull their referrals from.",
                        "运行县级工作台、中职学校门户和 API：县里在这里工作，学校从这里取转介、报告结果。"),
            discussion: L(
                """
                A school's clerk opens http://HOST:PORT/ in a browser and signs in with an account \
                (`pathway users create wang --name 王老师 --role school-clerk --school S01`): the \
                school's referrals with counts and search, each student's page and printable letter, \
                outcomes one by one, by checkbox or by uploading the 报到名单, and the list as Excel \
                or CSV. Sessions end after 30 idle minutes or 12 hours; five wrong passwords lock an \
                account for 15 minutes, twenty from one address lock the address.

                County staff sign in at the same address (`--role administrator` or `counsellor`) \
                and land on the staff console (/console): the year's work in a browser, through \
                the same jobs as these commands (docs/console.md). An administrator uploads the \
                county's files, runs matches, makes, approves and sends referrals, writes letters \
                and manages settings, accounts and tokens; a counsellor works on the students they \
                follow.

                Each school's system authenticates with its own token (`pathway tokens create`) and \
                sees only its own referrals, in its school's region. Routes:
                  GET  /healthz                          no token; 200 when the database answers, else 503
                  GET  /v1/referrals?format=json|csv&status=sent,acknowledged&updated_since=2026-09-01T00:00:00Z
                  GET  /v1/referrals/{id}/letter         the school's letter as HTML (?lang=en for English)
                  POST /v1/referrals/{id}/outcome        {"outcome": "acknowledged|enrolled|declined|no_show", "note": "..."}

                It listens on 127.0.0.1 unless told otherwise: put a TLS proxy in front of it before \
                opening it to the network (cookies are marked Secure when the proxy sends \
                X-Forwarded-Proto: https, or always with --secure-cookies). It uses the same database as every other command and \
                recovers by itself when the database restarts (503 meanwhile). It holds at most \
                --max-clients connections, --max-clients-per-address from one address, and closes a \
                connection that sends nothing for \(Self.idleSeconds) seconds, so slow or greedy clients cannot keep \
                others out. Ctrl-C stops it.

                Example:
                  pathway serve --port 8080 &
                  curl -H "Authorization: Bearer $TOKEN" 'http://127.0.0.1:8080/v1/referrals?format=csv' -o referrals.csv
                """,
                """
                学校招生员在浏览器中打开 http://主机:端口/，用账户登录（`pathway users create wang \
                --name 王老师 --role school-clerk --school S01`）：本校的转介（按状态计数、可搜索）、\
                每个学生的页面和可打印的转介信、逐个或勾选多个报告结果、上传报到名单，以及下载 Excel \
                或 CSV 名单。会话空闲 30 分钟或满 12 小时后结束；密码连续错 5 次，账户锁定 15 分钟；\
                同一地址错 20 次，该地址锁定。

                县里的工作人员在同一地址登录（`--role administrator` 或 `counsellor`），进入县级工作台\
                （/console）：一年的工作都可以在浏览器中完成，调用的正是这些命令所用的同一套作业\
                （docs/console.md）。管理员上传本县文件、运行匹配、生成、审核并发送转介、生成信件、\
                管理设置、账户和令牌；辅导员处理自己负责的学生。

                每所学校的系统用自己的令牌（`pathway tokens create`）认证，只能看到本校的转介（属于本校所在\
                的地区）。接口：
                  GET  /healthz                          不需要令牌；数据库可用时 200，否则 503
                  GET  /v1/referrals?format=json|csv&status=sent,acknowledged&updated_since=2026-09-01T00:00:00Z
                  GET  /v1/referrals/{id}/letter         给学校的转介信，HTML（?lang=en 为英文）
                  POST /v1/referrals/{id}/outcome        {"outcome": "acknowledged|enrolled|declined|no_show", "note": "..."}

                默认只在 127.0.0.1 上监听：对外开放之前，请在前面加一个带 TLS 的代理（代理发送 \
                X-Forwarded-Proto: https 时，或使用 --secure-cookies 时，Cookie 带 Secure 标记）。它使用与其他命令\
                相同的数据库，数据库重启后会自动恢复（期间回答 503）。它最多同时保持 --max-clients 个连接、\
                同一地址 --max-clients-per-address 个，\(Self.idleSeconds) 秒内不发送任何内容的连接会被关闭，所以慢速或\
                贪占连接的客户端挤不掉别人。按 Ctrl-C 停止。

                示例：
                  pathway serve --port 8080 &
                  curl -H "Authorization: Bearer $TOKEN" 'http://127.0.0.1:8080/v1/referrals?format=csv' -o referrals.csv
                """)
        )
    }

    @Option(help: ArgumentHelp(L("Address to listen on.", "监听的地址。"), valueName: "address"))
    var host = "127.0.0.1"

    @Option(help: ArgumentHelp(L("TCP port to listen on.", "监听的 TCP 端口。"), valueName: "port"))
    var port = 8080

    @Option(help: ArgumentHelp(L("Most database connections open at once (requests beyond wait their turn).",
                                 "同时打开的数据库连接数上限（更多的请求排队等待）。"), valueName: "n"))
    var connections = 4

    @Option(help: ArgumentHelp(L("The office that signs school letters, e.g. 青岚县教育局.", "给学校的信的落款单位，例如 青岚县教育局。"), valueName: "name"))
    var office: String?

    @Option(name: .customLong("office-phone"), help: ArgumentHelp(L("The phone number school letters ask schools to call.", "给学校的信中请学校拨打的电话。"), valueName: "number"))
    var officePhone: String?

    @Flag(name: .customLong("secure-cookies"), help: ArgumentHelp(
        L("Mark session cookies Secure on every response (TLS ends at a proxy that does not send X-Forwarded-Proto).",
          "所有响应的会话 Cookie 都带 Secure 标记（TLS 在不发送 X-Forwarded-Proto 的代理处终止时使用）。")))
    var secureCookies = false

    @Option(name: .customLong("trusted-proxy"), help: ArgumentHelp(
        L("An address whose X-Forwarded-For names the client (the TLS proxy), for the sign-in limits and the audit log; repeat for several. Default: loopback.",
          "其 X-Forwarded-For 可信的地址（TLS 代理），用于登录限制和审计日志；可重复。默认：本机回环地址。"),
        valueName: "address"))
    var trustedProxies: [String] = []

    @Option(name: .customLong("max-clients"), help: ArgumentHelp(
        L("Most connections held at once, from everyone; when full, a new one takes the place of the one that has waited longest for a request.",
          "同时保持的连接总数上限；满了以后，新连接会顶替等待请求最久的那个连接。"), valueName: "n"))
    var maximumClients = ConnectionLimits().maximumConnections

    @Option(name: .customLong("max-clients-per-address"), help: ArgumentHelp(
        L("Most connections held at once from one address (not counting the trusted proxies). A connection that sends nothing for \(Self.idleSeconds) seconds is closed.",
          "同一地址同时保持的连接上限（可信代理除外）。\(Self.idleSeconds) 秒内未发送任何内容的连接会被关闭。"), valueName: "n"))
    var maximumClientsPerAddress = ConnectionLimits().maximumPerAddress

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError(L("--port must be from 1 to 65535", "--port 必须在 1 到 65535 之间")) }
        guard (1...64).contains(connections) else { throw ValidationError(L("--connections must be from 1 to 64", "--connections 必须在 1 到 64 之间")) }
        guard (1...100_000).contains(maximumClients) else {
            throw ValidationError(L("--max-clients must be from 1 to 100000", "--max-clients 必须在 1 到 100000 之间"))
        }
        guard (1...maximumClients).contains(maximumClientsPerAddress) else {
            throw ValidationError(L("--max-clients-per-address must be from 1 to --max-clients", "--max-clients-per-address 必须在 1 到 --max-clients 之间"))
        }
    }

    func run() async throws {
        let locator = database.locator
        // Brings the schema up to date before the first request, and fails early on a bad URL.
        try locator.open().close()
        let pool = ConnectionPool(target: try locator.target(), maximumConnections: connections)
        defer { pool.close() }
        var logger = Logger(label: "pathway.serve")
        logger.logLevel = .info
        let configuration = ServerConfiguration(
            host: host, port: port, office: office, officePhone: officePhone, secureCookies: secureCookies,
            trustedProxies: trustedProxies.isEmpty ? ["127.0.0.1", "::1"] : Set(trustedProxies),
            connections: ConnectionLimits(maximumConnections: maximumClients, maximumPerAddress: maximumClientsPerAddress))
        let app = try buildApplication(configuration: configuration, pool: pool, logger: logger)
        console.note(L("serving the staff console, the school portal and the API on http://\(host):\(port)/ (Ctrl-C stops it)",
                       "县级工作台、学校门户和 API 已在 http://\(host):\(port)/ 上运行（按 Ctrl-C 停止）"))
        try await app.runService()
    }
}
