import Foundation
import Logging
import PathwayCore
import PathwayImport
import PathwayLetters
import PathwayStorage
import PathwayWorkflows
import Synchronization

/// The console's long work (an import checked or applied, a match run, a batch of letters),
/// run off the request path: the request that starts it answers at once with the task's page,
/// which shows its progress from here and reloads itself until the work is done. The state
/// lives in the server, so a reload, another tab or a second person's view sees the same.
///
/// One match run per region at a time, as on the command line: a second is refused before it
/// starts (and a run started from the command line meanwhile makes the task fail with the
/// same words as there, from the database's lock).
final class ConsoleTasks: Sendable {
    /// What a task does.
    enum Kind: String, Sendable, Hashable {
        case importPreview = "import-preview"
        case importApply = "import"
        case match
        case letters
        case backup
    }

    /// What a finished task produced.
    enum Product: Sendable {
        case imported(ImportSummary, ImportJob.Kind, upload: String?, warnings: [ImportIssue])
        case matched(MatchRunRecord)
        case letters(LetterBatch, folder: URL)
        /// A `pg_dump` of the database, in a folder of its own.
        case backup(file: URL, bytes: Int)
    }

    enum State: Sendable {
        case running
        case succeeded(Product)
        case failed(any Error & Sendable)
    }

    /// Where a running task is, as its job reports it.
    enum Step: Sendable, Hashable {
        case starting
        case waitingForRun
        case reading
        case scoring(students: Int, programs: Int)
        case assigning(pairs: Int)
        case saving
        case importing
        case writing
        case dumping
    }

    struct Snapshot: Sendable {
        var id: Int
        var kind: Kind
        var region: Region
        /// The account that started it: only it and administrators see the task.
        var ownerID: Int
        var startedAt: Date
        var finishedAt: Date?
        var step: Step
        var done: Int
        var total: Int?
        var state: State
    }

    /// A running task's way to say how far it is.
    struct Reporter: Sendable {
        fileprivate let tasks: ConsoleTasks
        fileprivate let id: Int

        func report(_ step: Step, done: Int = 0, total: Int? = nil) {
            tasks.update(id) { $0.step = step; $0.done = done; $0.total = total }
        }
    }

    /// Why a task was not started.
    enum Refusal: Error, Sendable {
        /// A match run of the region is already running here.
        case runInProgress(startedAt: Date)
        /// `maximumRunning` tasks are running: each holds a database connection and a core.
        case busy(running: Int)
    }

    /// Tasks running at once, over all regions: each holds a connection of its own and works a
    /// core, and the machine has few.
    static let maximumRunning = 4

    private let entries = Mutex<[Int: Snapshot]>([:])
    private let nextID = Atomic<Int>(1)
    /// Finished tasks kept for their pages, and for how long; older ones, and the oldest beyond
    /// the number, are forgotten with their files.
    static let keptFinished = 100
    static let keptSeconds: TimeInterval = 24 * 3600
    let logger: Logger

    init(logger: Logger = Logger(label: "pathway.console")) {
        self.logger = logger
    }

    /// Starts `work` off the request path and returns the task's number at once.
    func start(
        _ kind: Kind, region: Region, owner: Account,
        work: @escaping @Sendable (Reporter) async throws -> Product
    ) throws(Refusal) -> Int {
        let id = nextID.wrappingAdd(1, ordering: .relaxed).oldValue
        let refusal: Refusal? = entries.withLock { entries in
            let running = entries.values.filter { $0.finishedAt == nil }.count
            if running >= Self.maximumRunning { return .busy(running: running) }
            if kind == .match, let running = entries.values.first(where: {
                $0.kind == .match && $0.region == region && $0.finishedAt == nil
            }) {
                return .runInProgress(startedAt: running.startedAt)
            }
            entries[id] = Snapshot(
                id: id, kind: kind, region: region, ownerID: owner.id, startedAt: Date(), step: .starting, done: 0,
                total: nil, state: .running)
            return nil
        }
        if let refusal { throw refusal }
        let reporter = Reporter(tasks: self, id: id)
        Task.detached { [self] in
            let state: State
            do {
                state = .succeeded(try await work(reporter))
            } catch {
                // A person's mistake is theirs to read on the page; anything else is the log's too.
                if !ConsoleMessages.isUserError(error) {
                    logger.error("console task failed", metadata: ["task": "\(id)", "kind": "\(kind.rawValue)", "error": "\(error)"])
                }
                state = .failed(error)
            }
            finish(id, state)
        }
        return id
    }

    /// The task as it is now, for `account` (its owner, or an administrator of its region); nil otherwise.
    func snapshot(_ id: Int, for account: Account) -> Snapshot? {
        entries.withLock { entries in
            guard let entry = entries[id], Self.sees(account, entry) else { return nil }
            return entry
        }
    }

    /// The tasks `account` may see, newest first.
    func list(for account: Account) -> [Snapshot] {
        entries.withLock { entries in entries.values.filter { Self.sees(account, $0) }.sorted { $0.id > $1.id } }
    }

    private static func sees(_ account: Account, _ task: Snapshot) -> Bool {
        task.region == account.region && (task.ownerID == account.id || account.role == .administrator)
    }

    /// A folder for a task's files that only this server's user can enter (letters and backups
    /// hold minors' records).
    static func privateFolder(_ name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pathway-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        return folder
    }

    private func update(_ id: Int, _ change: (inout Snapshot) -> Void) {
        entries.withLock { entries in
            guard var entry = entries[id] else { return }
            change(&entry)
            entries[id] = entry
        }
    }

    private func finish(_ id: Int, _ state: State) {
        let forgotten: [Snapshot] = entries.withLock { entries in
            guard var entry = entries[id] else { return [] }
            entry.state = state
            entry.finishedAt = Date()
            entries[id] = entry
            let now = Date()
            let finished = entries.values.filter { $0.finishedAt != nil }.sorted { $0.id < $1.id }
            let old = Array(finished.dropLast(Self.keptFinished))
                + finished.suffix(Self.keptFinished).filter { now.timeIntervalSince($0.finishedAt ?? now) > Self.keptSeconds }
            for task in old { entries[task.id] = nil }
            return old
        }
        // A forgotten batch of letters or backup takes its folder with it.
        for task in forgotten {
            switch task.state {
            case .succeeded(.letters(_, let folder)): try? FileManager.default.removeItem(at: folder)
            case .succeeded(.backup(let file, _)): try? FileManager.default.removeItem(at: file.deletingLastPathComponent())
            default: break
            }
        }
    }
}

/// Files uploaded to the console, kept in the server between their preview and their
/// application (so the browser never carries a county's file back and forth), for an hour.
final class ConsoleUploads: Sendable {
    struct Upload: Sendable {
        var kind: ImportJob.Kind
        var fileName: String
        var bytes: [UInt8]
        var prune: Bool
        var ownerID: Int
        var region: Region
        var at: Date
    }

    private let uploads = Mutex<[String: Upload]>([:])
    static let lifetime: TimeInterval = 3600
    /// Uploads kept at once, and their bytes in all (a few counties' students files); beyond
    /// either the oldest go first.
    static let kept = 20
    static let keptBytes = 256 * 1024 * 1024

    /// Keeps `upload` under `key` (a `TokenStore.randomToken()`).
    func keep(_ upload: Upload, as key: String) {
        uploads.withLock { uploads in
            let now = Date()
            uploads = uploads.filter { now.timeIntervalSince($0.value.at) < Self.lifetime }
            func bytes() -> Int { uploads.values.reduce(upload.bytes.count) { $0 + $1.bytes.count } }
            while uploads.count >= Self.kept || bytes() > Self.keptBytes,
                  let oldest = uploads.min(by: { $0.value.at < $1.value.at }) {
                uploads[oldest.key] = nil
            }
            uploads[key] = upload
        }
    }

    /// The upload under `key`, for the account that made it, while it is kept.
    func upload(_ key: String, for account: Account) -> Upload? {
        uploads.withLock { uploads in
            guard let upload = uploads[key], upload.ownerID == account.id,
                  Date().timeIntervalSince(upload.at) < Self.lifetime
            else { return nil }
            return upload
        }
    }

    /// Forgets an applied upload.
    func remove(_ key: String) {
        uploads.withLock { uploads in uploads[key] = nil }
    }
}
