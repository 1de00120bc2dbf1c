import Foundation

/// A PostgreSQL cluster that Pathway creates and runs for itself, so that a county office
/// needs no database administrator: `initdb` on first use, `pg_ctl` to start and stop it,
/// reachable only through a unix socket in its own folder (no TCP port is opened).
///
/// PostgreSQL refuses to run as root. Run as root, the server programs run as the `postgres`
/// system user on folders that user owns; when that user cannot reach `PATHWAY_HOME` (root's
/// home is mode 700), the cluster lives under `/var/lib/pathway/<hash of PATHWAY_HOME>` and
/// root's home stays closed.
public struct LocalCluster: Sendable {
    /// How the server trades durability for speed.
    public enum Durability: Sendable {
        /// Every commit reaches the disk: the data of a county office.
        case durable
        /// `fsync` off: for throwaway test clusters, where speed matters and a crash loses nothing.
        case throwaway
    }

    /// What `status()` found.
    public enum Status: Sendable, Equatable {
        case notCreated
        case stopped
        case running
    }

    /// What `ensureRunning()` had to do.
    public enum StartOutcome: Sendable, Equatable {
        case alreadyRunning
        case started
        case createdAndStarted
    }

    /// `PATHWAY_HOME`: the folder Pathway keeps its state in.
    public let home: String
    /// The folder holding the cluster: `data/`, `run/` (the socket) and `server.log`.
    public let root: String
    /// The unix socket's folder; short, as socket paths are limited to about 107 bytes.
    public let socketDirectory: String
    public let durability: Durability
    public let binaries: ServerBinaries
    /// The system user the server programs run as, when Pathway runs as root.
    public let systemUser: String?

    public var dataDirectory: String { "\(root)/data" }
    public var logFile: String { "\(root)/server.log" }

    /// The superuser the cluster is created with; connections over the socket are trusted,
    /// and the socket folder's permissions decide who may connect.
    public static let superuser = "postgres"

    /// Works out where the cluster lives; creates nothing.
    public init(home: String, durability: Durability = .durable, binaries: ServerBinaries? = nil) throws(LocalClusterError) {
        let home = (home as NSString).standardizingPath
        self.home = home
        self.durability = durability
        if let binaries {
            self.binaries = binaries
        } else {
            self.binaries = try ServerBinaries.locate()
        }
        let systemUser: String? = geteuid() == 0 ? LocalCluster.superuser : nil
        if let systemUser, getpwnam(systemUser) == nil { throw .systemUserMissing(systemUser) }
        self.systemUser = systemUser
        let tag = LocalCluster.tag(for: home)
        if systemUser != nil, !LocalCluster.reachable(home, by: LocalCluster.superuser) {
            root = "/var/lib/pathway/\(tag)"
        } else {
            root = "\(home)/postgres"
        }
        let socketDirectory = "\(root)/run"
        let socketPathLength = socketDirectory.utf8.count + "/.s.PGSQL.5432".utf8.count
        // The socket folder goes into postgresql.conf's comma-separated list: a long path, or
        // one with a character that list or its quoting would take apart, uses a short one.
        let plain = socketDirectory.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F && !",'\"\\$`".utf8.contains($0) }
        self.socketDirectory = socketPathLength > 100 || !plain ? "/tmp/pathway-\(tag)" : socketDirectory
    }

    /// A libpq conninfo string for `database` in this cluster.
    public func conninfo(database: String) -> String {
        "host=\(LocalCluster.conninfoQuoted(socketDirectory)) port=5432 user=\(LocalCluster.superuser) dbname=\(LocalCluster.conninfoQuoted(database))"
    }

    /// A conninfo value in single quotes, with `\` and `'` escaped as libpq reads them.
    static func conninfoQuoted(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }

    /// A postgresql.conf string value: in single quotes, a quote doubled, a backslash escaped.
    static func configurationQuoted(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// The line Pathway's own settings start with; a data folder without it was never finished.
    static let settingsMarker = "# Written by pathway: reachable only through the socket folder below."

    /// Whether the cluster exists and its server is running.
    public func status() -> Status {
        guard FileManager.default.fileExists(atPath: "\(dataDirectory)/PG_VERSION") else { return .notCreated }
        let result = try? run(binaries.pgCtl, ["status", "-D", "data"])
        return result?.status == 0 ? .running : .stopped
    }

    /// Creates the cluster if needed and starts its server if it is not running.
    ///
    /// Several `pathway` processes may call this at once: a lock file in `home` makes the
    /// first one do the work and the others find it done.
    @discardableResult
    public func ensureRunning() throws(LocalClusterError) -> StartOutcome {
        // The system user must pass through `home` to reach a cluster kept inside it.
        let homeMode = systemUser != nil && root.hasPrefix(home + "/") ? 0o711 : 0o700
        try makeFolder(home, ownedBySystemUser: false, mode: homeMode)
        return try withLock { () throws(LocalClusterError) -> StartOutcome in
            // A postmaster.pid naming a process that is not this cluster's server (a reused pid
            // after a crash) would stop the start and make the status wrong.
            clearStalePID()
            switch status() {
            case .running:
                return .alreadyRunning
            case .stopped:
                try start()
                return .started
            case .notCreated:
                try create()
                try start()
                return .createdAndStarted
            }
        }
    }

    /// Stops the server; returns `false` when it was not running.
    @discardableResult
    public func stop(immediately: Bool = false) throws(LocalClusterError) -> Bool {
        guard status() == .running else { return false }
        try check(run(binaries.pgCtl, ["stop", "-D", "data", "-m", immediately ? "immediate" : "fast", "-w", "-t", "60"]), "pg_ctl stop")
        return true
    }

    /// Stops the server and deletes the cluster's files, for throwaway clusters.
    public func destroy() throws(LocalClusterError) {
        try stop(immediately: true)
        try? FileManager.default.removeItem(atPath: root)
        if !socketDirectory.hasPrefix(root) { try? FileManager.default.removeItem(atPath: socketDirectory) }
    }

    // MARK: - Creating and starting

    /// Makes the data folder as `data.partial` and renames it `data` only once its settings are
    /// written, so that no step a kill interrupts leaves a cluster that could start with
    /// initdb's defaults (TCP on localhost, `trust` for every local user). A partial folder
    /// left by an earlier kill is made again.
    private func create() throws(LocalClusterError) {
        if root.hasPrefix("/var/lib/pathway/") { try makeFolder("/var/lib/pathway", ownedBySystemUser: false, mode: 0o755) }
        try makeFolder(root, ownedBySystemUser: true)
        let partial = "\(root)/data.partial"
        try? FileManager.default.removeItem(atPath: partial)
        // A data folder without PG_VERSION (nothing here otherwise): initdb of an older pathway
        // was interrupted.
        try? FileManager.default.removeItem(atPath: dataDirectory)
        // Relative paths, run from the cluster's folder: pg_ctl builds a shell command from them,
        // so PATHWAY_HOME's own characters never reach a shell.
        try check(run(binaries.initdb, [
            "-D", "data.partial", "-U", LocalCluster.superuser, "--auth=trust",
            "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync",
        ]), "initdb")
        var settings = [
            "", LocalCluster.settingsMarker,
            "listen_addresses = ''",
            "unix_socket_directories = \(LocalCluster.configurationQuoted(socketDirectory))",
            "unix_socket_permissions = 0700",
        ]
        if durability == .throwaway {
            settings += ["fsync = off", "synchronous_commit = off", "full_page_writes = off"]
        }
        let configuration = "\(partial)/postgresql.conf"
        guard let handle = FileHandle(forUpdatingAtPath: configuration) else {
            throw .folderUnusable(path: configuration, reason: "initdb left no postgresql.conf")
        }
        handle.seekToEndOfFile()
        handle.write(Data(settings.joined(separator: "\n").appending("\n").utf8))
        handle.closeFile()
        // The socket alone, and only for the cluster's owner (the folder's mode decides who).
        let access = "# Written by pathway: the unix socket only, no TCP.\nlocal all all trust\n"
        guard FileManager.default.createFile(atPath: "\(partial)/pg_hba.conf", contents: Data(access.utf8)) else {
            throw .folderUnusable(path: "\(partial)/pg_hba.conf", reason: "cannot write it")
        }
        if let systemUser, let account = getpwnam(systemUser) {
            chown("\(partial)/pg_hba.conf", account.pointee.pw_uid, account.pointee.pw_gid)
            chown(configuration, account.pointee.pw_uid, account.pointee.pw_gid)
        }
        chmod("\(partial)/pg_hba.conf", 0o600)
        guard rename(partial, dataDirectory) == 0 else {
            throw .folderUnusable(path: dataDirectory, reason: String(cString: strerror(errno)))
        }
    }

    private func start() throws(LocalClusterError) {
        try checkSettings()
        try makeFolder(socketDirectory, ownedBySystemUser: true)
        try check(run(binaries.pgCtl, ["start", "-D", "data", "-l", "server.log", "-w", "-t", "60"]), "pg_ctl start")
    }

    /// Refuses to start a data folder without Pathway's settings: it would listen on TCP with
    /// `trust`. Only a folder made by an interrupted older pathway can lack them.
    private func checkSettings() throws(LocalClusterError) {
        let text = (try? String(contentsOfFile: "\(dataDirectory)/postgresql.conf", encoding: .utf8)) ?? ""
        guard text.contains(LocalCluster.settingsMarker) else {
            throw .unfinishedCluster(path: dataDirectory)
        }
    }

    /// Removes `postmaster.pid` when the process it names is gone or is not a server of this
    /// data folder (a reused pid after a crash, even another cluster's `postgres`): a server
    /// works in its data folder, so its working directory tells.
    private func clearStalePID() {
        let file = "\(dataDirectory)/postmaster.pid"
        guard let text = try? String(contentsOfFile: file, encoding: .utf8),
              let first = text.split(separator: "\n").first, let pid = Int32(first.trimmingCharacters(in: .whitespaces)),
              pid > 0
        else { return }
        let ours = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/cwd"))
            .map { ($0 as NSString).standardizingPath == (dataDirectory as NSString).resolvingSymlinksInPath } ?? false
        guard !ours else { return }
        try? FileManager.default.removeItem(atPath: file)
    }

    // MARK: - Processes, folders, locks

    struct CommandResult {
        var status: Int32
        var output: String
    }

    /// Runs a server program, as the system user when Pathway is root, from the cluster's
    /// folder (the system user may not be able to enter the caller's working directory).
    func run(_ program: String, _ arguments: [String]) throws(LocalClusterError) -> CommandResult {
        var command = [program] + arguments
        if let systemUser { command = [LocalCluster.runuserPath, "-u", systemUser, "--"] + command }
        let workingDirectory = FileManager.default.fileExists(atPath: root) ? root : "/"
        var environment = ProcessInfo.processInfo.environment
        environment["LC_ALL"] = "C.UTF-8"
        for key in ["PGDATA", "PGHOST", "PGPORT", "PGUSER", "PGDATABASE"] { environment[key] = nil }
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("pathway-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let status: Int32
        do {
            status = try Subprocess.run(command, directory: workingDirectory, environment: environment, outputPath: outputPath)
        } catch {
            throw .commandFailed(command: (program as NSString).lastPathComponent, status: -1, output: error.message)
        }
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        return CommandResult(status: status, output: text)
    }

    private func check(_ result: CommandResult, _ command: String) throws(LocalClusterError) {
        guard result.status == 0 else {
            var output = result.output
            if command == "pg_ctl start", let log = try? String(contentsOfFile: logFile, encoding: .utf8) {
                output += "\n" + log.split(separator: "\n").suffix(5).joined(separator: "\n")
            }
            throw .commandFailed(command: command, status: result.status, output: output)
        }
    }

    private func makeFolder(_ path: String, ownedBySystemUser: Bool, mode: Int = 0o700) throws(LocalClusterError) {
        let fileManager = FileManager.default
        do {
            if !fileManager.fileExists(atPath: path) {
                try fileManager.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: mode])
            }
            if ownedBySystemUser, let systemUser, let account = getpwnam(systemUser) {
                guard chown(path, account.pointee.pw_uid, account.pointee.pw_gid) == 0 else {
                    throw LocalClusterError.folderUnusable(path: path, reason: String(cString: strerror(errno)))
                }
                chmod(path, mode_t(mode))
            }
        } catch let error as LocalClusterError {
            throw error
        } catch {
            throw .folderUnusable(path: path, reason: "\(error)")
        }
    }

    private func withLock<T>(_ body: () throws(LocalClusterError) -> T) throws(LocalClusterError) -> T {
        let path = "\(home)/.cluster.lock"
        let descriptor = open(path, O_CREAT | O_RDWR, 0o600)
        guard descriptor >= 0 else { throw .folderUnusable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        flock(descriptor, LOCK_EX)
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }

    /// The `runuser` program, which runs a command as another user without a password (root only).
    public static var runuserPath: String {
        ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"].first { FileManager.default.isExecutableFile(atPath: $0) }
            ?? "/usr/sbin/runuser"
    }

    /// Whether `user` can enter `path` (every folder above it must let that user through).
    static func reachable(_ path: String, by user: String) -> Bool {
        var existing = path
        while !FileManager.default.fileExists(atPath: existing), existing != "/" {
            existing = (existing as NSString).deletingLastPathComponent
        }
        let status = try? Subprocess.run(
            [runuserPath, "-u", user, "--", "/usr/bin/test", "-x", existing],
            environment: ProcessInfo.processInfo.environment)
        return status == 0
    }

    /// A short stable name for `home`: 64-bit FNV-1a in hex.
    static func tag(for home: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in home.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
