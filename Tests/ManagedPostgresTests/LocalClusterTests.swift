import Foundation
@testable import ManagedPostgres
import Testing

@Suite("Local PostgreSQL cluster")
struct LocalClusterTests {
    @Test func missingServerProgramsSayHowToProceed() {
        do {
            _ = try ServerBinaries.locate(environment: ["PATH": "/nonexistent"], versionsRoot: "/nonexistent")
            Issue.record("found server programs where there are none")
        } catch {
            let message = error.description
            #expect(message.contains("install PostgreSQL"))
            #expect(message.contains("DATABASE_URL"))
            #expect(message.contains("docker compose up -d db"))
        }
    }

    @Test func findsDebianServerPrograms() throws {
        let binaries = try ServerBinaries.locate()
        #expect(FileManager.default.isExecutableFile(atPath: binaries.pgCtl))
        #expect(FileManager.default.isExecutableFile(atPath: binaries.initdb))
    }

    @Test func createsStartsStopsAndRestarts() throws {
        let home = "/tmp/pathway-cluster-test-\(getpid())"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o711])
        let cluster = try LocalCluster(home: home, durability: .throwaway)
        defer {
            try? cluster.destroy()
            try? FileManager.default.removeItem(atPath: home)
        }
        #expect(cluster.status() == .notCreated)
        #expect(try cluster.ensureRunning() == .createdAndStarted)
        #expect(cluster.status() == .running)
        #expect(try cluster.ensureRunning() == .alreadyRunning)
        #expect(FileManager.default.fileExists(atPath: "\(cluster.socketDirectory)/.s.PGSQL.5432"))
        let configuration = try String(contentsOfFile: "\(cluster.dataDirectory)/postgresql.conf", encoding: .utf8)
        #expect(configuration.contains("listen_addresses = ''"), "no TCP port is opened")
        #expect(try cluster.stop())
        #expect(cluster.status() == .stopped)
        #expect(try cluster.stop() == false)
        #expect(try cluster.ensureRunning() == .started)
        if geteuid() == 0 {
            let attributes = try FileManager.default.attributesOfItem(atPath: cluster.dataDirectory)
            #expect(attributes[.ownerAccountName] as? String == "postgres", "run as root, the server runs as postgres")
        }
    }

    @Test func aHomeWithQuotesDollarsBackslashesAndCommasWorks() throws {
        let home = "/tmp/pathway-odd 'q\"d $HOME \\b,c-\(getpid())"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o711])
        let cluster = try LocalCluster(home: home, durability: .throwaway)
        defer {
            try? cluster.destroy()
            try? FileManager.default.removeItem(atPath: home)
        }
        #expect(try cluster.ensureRunning() == .createdAndStarted)
        #expect(cluster.status() == .running)
        #expect(try cluster.stop())
        #expect(try cluster.ensureRunning() == .started)
        let hba = try String(contentsOfFile: "\(cluster.dataDirectory)/pg_hba.conf", encoding: .utf8)
        #expect(!hba.contains("host"), "no TCP line: \(hba)")
    }

    @Test func whateverStepAKillInterruptsTheClusterNeverStartsWithoutItsSettings() throws {
        let home = "/tmp/pathway-cluster-kill-\(getpid())"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o711])
        let cluster = try LocalCluster(home: home, durability: .throwaway)
        defer {
            try? cluster.destroy()
            try? FileManager.default.removeItem(atPath: home)
        }
        // Killed during initdb: a partial folder, and a data folder without PG_VERSION, are made again.
        try FileManager.default.createDirectory(atPath: "\(cluster.root)/data.partial/base", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: "\(cluster.dataDirectory)/global", withIntermediateDirectories: true)
        #expect(cluster.status() == .notCreated)
        #expect(try cluster.ensureRunning() == .createdAndStarted)
        #expect(!FileManager.default.fileExists(atPath: "\(cluster.root)/data.partial"))
        // A stale postmaster.pid naming a live process that is not this server (this test).
        #expect(try cluster.stop())
        try Data("\(getpid())\n\(cluster.dataDirectory)\n".utf8).write(to: URL(fileURLWithPath: "\(cluster.dataDirectory)/postmaster.pid"))
        #expect(try cluster.ensureRunning() == .started)
        #expect(try cluster.stop())
        // An older pathway's cluster whose settings were never written is refused, not started.
        let configuration = "\(cluster.dataDirectory)/postgresql.conf"
        let text = try String(contentsOfFile: configuration, encoding: .utf8)
        try Data(text.replacingOccurrences(of: LocalCluster.settingsMarker, with: "").utf8).write(to: URL(fileURLWithPath: configuration))
        #expect(throws: LocalClusterError.self) { try cluster.ensureRunning() }
        #expect(cluster.status() == .stopped)
    }

    @Test func rootsHomeStaysClosed() throws {
        guard geteuid() == 0 else { return }
        let cluster = try LocalCluster(home: "/root/.pathway-unreachable-test")
        #expect(cluster.root.hasPrefix("/var/lib/pathway/"), "postgres cannot enter /root, so the cluster lives elsewhere")
        #expect(cluster.socketDirectory.utf8.count < 90)
    }
}
