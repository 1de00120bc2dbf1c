import Foundation
import HummingbirdTesting
import ManagedPostgres
import PathwayServer
import PathwayStorage
import PostgresClient
import Testing

/// The database stops under a running server and comes back: the server answers 503 while it
/// is away and serves again once it is back, with no restart of its own.
@Suite("The server and a database restart")
struct RecoveryTests {
    @Test func answers503WhileTheDatabaseIsDownAnd200OnceItIsBack() async throws {
        // A cluster of this test's own, so that stopping it disturbs no other test.
        let home = "/tmp/pathway-srv-\(getpid())"
        try FileManager.default.createDirectory(
            atPath: home, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o711])
        let cluster = try LocalCluster(home: home, durability: .throwaway)
        defer {
            try? cluster.destroy()
            try? FileManager.default.removeItem(atPath: home)
        }
        try cluster.ensureRunning()
        let admin = try ConnectionTarget(conninfo: cluster.conninfo(database: "postgres")).connect()
        try admin.execute("CREATE DATABASE recovery TEMPLATE template0 ENCODING 'UTF8'")
        admin.close()
        let target = ConnectionTarget(conninfo: cluster.conninfo(database: "recovery"))
        let connection = try target.connect()
        try Migrator.bundled().migrate(connection, actor: "test")
        let ids = try ReferralFixture.insert(into: connection)
        let token = try TokenStore(connection: connection).create(schoolID: "S1", label: nil, actor: "test")
        connection.close()
        #expect(ids.count == ReferralFixture.referrals.count)

        try await APIClient.with(target) { client in
            let headers = APIClient.bearer(token.token)
            let before = try await client.execute(uri: "/v1/referrals", method: .get, headers: headers)
            #expect(before.status == .ok)
            #expect(before.objects?.count == 4)

            try cluster.stop()
            let down = try await client.execute(uri: "/v1/referrals", method: .get, headers: headers)
            #expect(down.status == .serviceUnavailable)
            #expect(down.errorMessage?.contains("database") == true)
            #expect(down.headers[.retryAfter] != nil)
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .serviceUnavailable)
            #expect(health.text.contains("unreachable"))

            try cluster.ensureRunning()
            let back = try await client.execute(uri: "/v1/referrals", method: .get, headers: headers)
            #expect(back.status == .ok, "the first request after the restart is served: \(back.text)")
            #expect(back.objects?.count == 4)
            let healthy = try await client.execute(uri: "/healthz", method: .get)
            #expect(healthy.status == .ok)
        }
    }
}
