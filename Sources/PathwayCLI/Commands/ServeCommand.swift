import ArgumentParser
import Logging
import PathwayServer
import PathwayWorkflows
import PostgresClient

/// `pathway serve`: the HTTP API vocational schools pull their referrals from.
struct ServeCommand: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "serve",
            abstract: L("Serve the API vocational schools pull their referrals from and report outcomes to.",
                        "运行 API 服务：中职学校从这里取转介、报告结果。"),
            discussion: L(
                """
                Each school's system authenticates with its own token (`pathway tokens create`) and \
                sees only its own referrals, in its school's region. Routes:
                  GET  /healthz                          no token; 200 when the database answers, else 503
                  GET  /v1/referrals?format=json|csv&status=sent,acknowledged&updated_since=2026-09-01T00:00:00Z
                  GET  /v1/referrals/{id}/letter         the school's letter as HTML (?lang=en for English)
                  POST /v1/referrals/{id}/outcome        {"outcome": "acknowledged|enrolled|declined|no_show", "note": "..."}

                It listens on 127.0.0.1 unless told otherwise: put a TLS proxy in front of it before \
                opening it to the network. It uses the same database as every other command and \
                recovers by itself when the database restarts (503 meanwhile). Ctrl-C stops it.

                Example:
                  pathway serve --port 8080 &
                  curl -H "Authorization: Bearer $TOKEN" 'http://127.0.0.1:8080/v1/referrals?format=csv' -o referrals.csv
                """,
                """
                每所学校的系统用自己的令牌（`pathway tokens create`）认证，只能看到本校的转介（属于本校所在\
                的地区）。接口：
                  GET  /healthz                          不需要令牌；数据库可用时 200，否则 503
                  GET  /v1/referrals?format=json|csv&status=sent,acknowledged&updated_since=2026-09-01T00:00:00Z
                  GET  /v1/referrals/{id}/letter         给学校的转介信，HTML（?lang=en 为英文）
                  POST /v1/referrals/{id}/outcome        {"outcome": "acknowledged|enrolled|declined|no_show", "note": "..."}

                默认只在 127.0.0.1 上监听：对外开放之前，请在前面加一个带 TLS 的代理。它使用与其他命令\
                相同的数据库，数据库重启后会自动恢复（期间回答 503）。按 Ctrl-C 停止。

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

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError(L("--port must be from 1 to 65535", "--port 必须在 1 到 65535 之间")) }
        guard (1...64).contains(connections) else { throw ValidationError(L("--connections must be from 1 to 64", "--connections 必须在 1 到 64 之间")) }
    }

    func run() async throws {
        let locator = database.locator
        // Brings the schema up to date before the first request, and fails early on a bad URL.
        try locator.open().close()
        let pool = ConnectionPool(target: try locator.target(), maximumConnections: connections)
        defer { pool.close() }
        var logger = Logger(label: "pathway.serve")
        logger.logLevel = .info
        let configuration = ServerConfiguration(host: host, port: port, office: office, officePhone: officePhone)
        let app = try buildApplication(configuration: configuration, pool: pool, logger: logger)
        console.note(L("serving the school API on http://\(host):\(port) (Ctrl-C stops it)",
                       "学校 API 已在 http://\(host):\(port) 上运行（按 Ctrl-C 停止）"))
        try await app.runService()
    }
}
