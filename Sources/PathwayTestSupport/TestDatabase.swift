import Foundation
import ManagedPostgres
import PostgresClient
import Synchronization

/// The PostgreSQL server the tests of one test process use.
///
/// With `DATABASE_URL` set, that server; otherwise a throwaway cluster (fsync off) started on
/// first use in a temporary folder and removed when the process exits. A watchdog process
/// removes it too if the test process dies without exiting, so no run leaves a server behind.
/// Each suite asks for a database of its own, so suites may run in parallel.
public enum TestDatabase {
    private struct Server: Sendable {
        var target: ConnectionTarget
        var cluster: LocalCluster?
    }

    private static let server = Mutex<Result<Server, TestDatabaseError>?>(nil)

    private static let databaseCount = Mutex(0)
    /// Dropped at exit on a server given by `DATABASE_URL`; a throwaway cluster goes whole.
    private static let createdDatabases = Mutex<[String]>([])

    /// A fresh, empty database of its own for each call, named after `name`, so that tests
    /// running in parallel never see each other's rows.
    public static func makeDatabase(_ name: String) throws -> ConnectionTarget {
        let server = try startServer()
        let number = databaseCount.withLock { count in
            count += 1
            return count
        }
        let stem = String(name.lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) }.prefix(30))
        let database = "test_\(stem)_\(getpid())_\(number)"
        let admin = try server.target.connect()
        defer { admin.close() }
        try admin.execute("DROP DATABASE IF EXISTS \(database)")
        try admin.execute("CREATE DATABASE \(database) TEMPLATE template0 ENCODING 'UTF8'")
        createdDatabases.withLock { $0.append(database) }
        return server.target.database(database)
    }

    /// The server's own default database, for tests of connections.
    public static func serverTarget() throws -> ConnectionTarget {
        try startServer().target
    }

    /// The cluster the tests started, `nil` when `DATABASE_URL` was given.
    public static func cluster() throws -> LocalCluster? {
        try startServer().cluster
    }

    private static func startServer() throws -> Server {
        try server.withLock { state in
            if let state { return try state.get() }
            let outcome = Result { () throws(TestDatabaseError) -> Server in try launch() }
            state = outcome
            return try outcome.get()
        }
    }

    private static func launch() throws(TestDatabaseError) -> Server {
        if let url = ProcessInfo.processInfo.environment["DATABASE_URL"], !url.isEmpty {
            atexit {
                let databases = TestDatabase.createdDatabases.withLock { $0 }
                guard let target = try? TestDatabase.server.withLock({ try $0?.get().target }),
                      let admin = try? target.connect()
                else { return }
                for database in databases { try? admin.execute("DROP DATABASE IF EXISTS \(database) WITH (FORCE)") }
                admin.close()
            }
            return Server(target: ConnectionTarget(conninfo: url), cluster: nil)
        }
        let folder = "/tmp/pathway-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        do {
            // 0711: the `postgres` system user (used when tests run as root) may pass through.
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o711])
            let cluster = try LocalCluster(home: folder, durability: .throwaway)
            startWatchdog(cluster: cluster)
            try cluster.ensureRunning()
            atexit {
                let cluster = try? TestDatabase.server.withLock { try $0?.get().cluster }
                try? cluster?.destroy()
            }
            return Server(target: ConnectionTarget(conninfo: cluster.conninfo(database: "postgres")), cluster: cluster)
        } catch {
            try? FileManager.default.removeItem(atPath: folder)
            throw TestDatabaseError(message: "could not start a test PostgreSQL: \(error)")
        }
    }

    /// A shell that waits for this process to end, however it ends, then stops the cluster
    /// and removes its folder.
    private static func startWatchdog(cluster: LocalCluster) {
        let stop = [cluster.systemUser.map { "\(LocalCluster.runuserPath) -u \($0) --" } ?? "", cluster.binaries.pgCtl,
                    "stop", "-D", "'\(cluster.dataDirectory)'", "-m", "immediate"].joined(separator: " ")
        let script = """
        while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done
        if [ -d '\(cluster.dataDirectory)' ]; then \(stop) >/dev/null 2>&1; fi
        rm -rf '\(cluster.home)' '\(cluster.root)' '\(cluster.socketDirectory)'
        """
        _ = try? Subprocess.run(["/bin/sh", "-c", script], environment: ProcessInfo.processInfo.environment, wait: false)
    }
}

/// The test server could not be started; the message says why.
public struct TestDatabaseError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
