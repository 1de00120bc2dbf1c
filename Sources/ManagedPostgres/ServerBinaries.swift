import Foundation

/// Where PostgreSQL's server programs (`initdb`, `pg_ctl`) are on this machine.
///
/// Debian and Ubuntu keep them out of `PATH`, under `/usr/lib/postgresql/<version>/bin`, so
/// that several versions can be installed side by side; the newest is taken.
public struct ServerBinaries: Sendable, Hashable {
    public let initdb: String
    public let pgCtl: String

    /// The folder both programs are in.
    public var directory: String { (pgCtl as NSString).deletingLastPathComponent }

    /// Finds the programs on `PATH`, then under `/usr/lib/postgresql/*/bin`.
    public static func locate(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        versionsRoot: String = "/usr/lib/postgresql"
    ) throws(LocalClusterError) -> ServerBinaries {
        let fileManager = FileManager.default
        var directories = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        let versions = (try? fileManager.contentsOfDirectory(atPath: versionsRoot)) ?? []
        let newestFirst = versions.compactMap { name in Int(name).map { ($0, name) } }.sorted { $0.0 > $1.0 }
        directories += newestFirst.map { "\(versionsRoot)/\($0.1)/bin" }
        for directory in directories {
            let initdb = "\(directory)/initdb"
            let pgCtl = "\(directory)/pg_ctl"
            if fileManager.isExecutableFile(atPath: initdb), fileManager.isExecutableFile(atPath: pgCtl) {
                return ServerBinaries(initdb: initdb, pgCtl: pgCtl)
            }
        }
        throw .serverNotInstalled
    }
}
