import Foundation

/// One numbered schema change, read from `Migrations/NNNN_name.sql` in this module's resources.
public struct Migration: Sendable, Hashable {
    /// The number that orders migrations; applied once each, lowest first.
    public let version: Int
    public let name: String
    public let sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// `0001_initial`.
    public var label: String {
        let number = String(version)
        return String(repeating: "0", count: max(0, 4 - number.count)) + number + "_" + name
    }

    /// The migrations shipped with Pathway, in order.
    public static func bundled() throws -> [Migration] {
        guard let folder = Bundle.module.url(forResource: "Migrations", withExtension: nil) else {
            throw StorageError.missingResource("Migrations")
        }
        return try load(from: folder)
    }

    /// Reads every `NNNN_name.sql` in `folder`; other files are ignored.
    static func load(from folder: URL) throws -> [Migration] {
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        var migrations: [Migration] = []
        for file in files where file.hasSuffix(".sql") {
            let stem = file.dropLast(4)
            guard let underscore = stem.firstIndex(of: "_"), let version = Int(stem[..<underscore]) else {
                throw StorageError.badMigrationName(file)
            }
            let sql = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            migrations.append(Migration(version: version, name: String(stem[stem.index(after: underscore)...]), sql: sql))
        }
        let versions = migrations.map(\.version)
        guard Set(versions).count == versions.count else { throw StorageError.badMigrationName("two migrations share a number") }
        return migrations.sorted { $0.version < $1.version }
    }
}
