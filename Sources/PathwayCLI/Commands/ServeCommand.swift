import ArgumentParser
import Logging
import PathwayServer
import PostgresClient

/// `pathway serve`: the HTTP API vocational schools pull their referrals from.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the API vocational schools pull their referrals from and report outcomes to.",
        discussion: """
        Each school's system authenticates with its own token (`pathway tokens create`) and \
        sees only its own referrals. Routes:
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
        """
    )

    @Option(help: ArgumentHelp("Address to listen on.", valueName: "address"))
    var host = "127.0.0.1"

    @Option(help: ArgumentHelp("TCP port to listen on.", valueName: "port"))
    var port = 8080

    @Option(help: ArgumentHelp("Most database connections open at once (requests beyond wait their turn).", valueName: "n"))
    var connections = 4

    @Option(help: ArgumentHelp("The office that signs school letters, e.g. 青岚县教育局.", valueName: "name"))
    var office: String?

    @Option(name: .customLong("office-phone"), help: ArgumentHelp("The phone number school letters ask schools to call.", valueName: "number"))
    var officePhone: String?

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be from 1 to 65535") }
        guard (1...64).contains(connections) else { throw ValidationError("--connections must be from 1 to 64") }
    }

    func run() async throws {
        let locator = DatabaseLocator(options: database)
        // Brings the schema up to date before the first request, and fails early on a bad URL.
        try locator.open().close()
        let pool = ConnectionPool(target: try locator.target(), maximumConnections: connections)
        defer { pool.shutdown() }
        var logger = Logger(label: "pathway.serve")
        logger.logLevel = .info
        let configuration = ServerConfiguration(host: host, port: port, office: office, officePhone: officePhone)
        let app = try buildApplication(configuration: configuration, pool: pool, logger: logger)
        Terminal.note("serving the school API on http://\(host):\(port) (Ctrl-C stops it)")
        try await app.runService()
    }
}
