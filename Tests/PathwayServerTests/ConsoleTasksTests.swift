import Foundation
import PathwayCore
@testable import PathwayServer
import PathwayStorage
import Testing

/// The console's task registry: one match run per region at a time, progress readable while a
/// task runs, and a task seen only by its owner and administrators.
@Suite("Console tasks")
struct ConsoleTasksTests {
    /// An account as the store reads one (its JSON form: the store alone makes real ones).
    static func account(_ id: Int, _ role: AccountRole) throws -> Account {
        let json = """
            {"account_id": \(id), "username": "u\(id)", "display_name": "u\(id)", "role": "\(role.rawValue)",
             "region": "local", "created_by": "test", "created_at": 0, "password_set_at": 0}
            """
        return try JSONDecoder().decode(Account.self, from: Data(json.utf8))
    }

    @Test func aSecondRunOfARegionIsRefusedWhileTheFirstRunsAndProgressIsVisible() async throws {
        let tasks = ConsoleTasks()
        let owner = try Self.account(1, .counsellor)
        let (release, gate) = AsyncStream.makeStream(of: Void.self)
        let first = try tasks.start(.match, region: .local, owner: owner) { reporter in
            reporter.report(.saving, done: 3, total: 10)
            for await _ in release { break }
            throw CancellationError()
        }
        #expect(throws: ConsoleTasks.Refusal.self) {
            try tasks.start(.match, region: .local, owner: owner) { _ in throw CancellationError() }
        }
        // Another region's run, and other work of the same region, are not held up.
        let other = try tasks.start(.match, region: Region(rawValue: "other") ?? .local, owner: owner) { _ in throw CancellationError() }
        #expect(other != first)
        try await Task.sleep(for: .milliseconds(50))
        let snapshot = try #require(tasks.snapshot(first, for: owner))
        #expect(snapshot.finishedAt == nil && snapshot.done == 3 && snapshot.total == 10)
        #expect(tasks.snapshot(first, for: try Self.account(2, .counsellor)) == nil, "another counsellor does not see it")
        #expect(tasks.snapshot(first, for: try Self.account(3, .administrator)) != nil, "an administrator does")
        gate.yield()
        gate.finish()
        for _ in 0..<100 where tasks.snapshot(first, for: owner)?.finishedAt == nil { try await Task.sleep(for: .milliseconds(10)) }
        #expect(tasks.snapshot(first, for: owner)?.finishedAt != nil)
        // Once it has finished, a new run starts.
        _ = try tasks.start(.match, region: .local, owner: owner) { _ in throw CancellationError() }
    }
}
