import Foundation
import Testing
import PathwayCore
import PathwayStorage
import PathwayTestSupport
import PathwayWorkflows
import PostgresClient

/// The repository's Seeds county (3 files, 700 students) imported through the import job into a
/// database of its own.
enum SeedsCounty {
    /// `Seeds/` of this checkout.
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Seeds")

    /// A workspace on a fresh database with the Seeds county imported in `region`.
    static func workspace(_ name: String, region: Region = .local, actor: String = "县教育局 王老师") throws -> Workspace {
        try workspace(on: try TestDatabase.makeDatabase(name), region: region, actor: actor)
    }

    /// The same on a database already made.
    static func workspace(on target: ConnectionTarget, region: Region = .local, actor: String = "县教育局 王老师") throws -> Workspace {
        let connection = try target.connect()
        try Migrator.bundled().migrate(connection, actor: "test")
        let workspace = Workspace(connection: connection, region: region, actor: actor)
        for kind in [ImportJob.Kind.schools, .programs, .students] {
            _ = try ImportJob(kind: kind, path: folder.appendingPathComponent("\(kind.rawValue).csv").path).run(in: workspace)
        }
        // The coming cohort, whose registration is still to close: what expires must not depend
        // on the day the tests run.
        try connection.query("UPDATE students SET graduation_year = $1", [try nextCohort()])
        return workspace
    }

    /// Next year: a cohort whose registration (20 November) has not closed today.
    static func nextCohort() throws -> Int {
        try #require(CalendarDate.day(of: Date(), in: .current)).year + 1
    }
}
