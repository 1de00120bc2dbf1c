import Foundation
import PathwayCore
import PostgresClient

/// The lock that keeps two match runs of one region from interleaving, from reading the
/// students to the commit. Runs of different regions do not wait for each other.
///
/// The lock is PostgreSQL's two-key form: the first key says "match run", the second is
/// `hashtext(region)`. Two regions whose names hash alike would share a lock: they would queue,
/// never interleave, so a collision costs waiting and nothing else.
///
/// A PostgreSQL session-level advisory lock: the server releases it when the holder's session
/// ends, so a run killed halfway never leaves the lock behind. While holding it the session names
/// itself in `application_name` (`pathway match run|unix time|actor`, the actor last because the
/// server cuts the name at 63 bytes), which is how a refused run
/// can say who started the other run and when; a DBA sees the same in `pg_stat_activity`.
///
/// `pathway match run` refuses by default when the lock is taken (a second run of the same
/// cohort is usually a mistake, and the person should know someone else is matching), and waits
/// with `--wait` (for scripts that queue runs on purpose).
public struct MatchRunLock {
    /// The first key: distinct from the import lock's (`CountyImport.lockClass`).
    static let lockClass: Int32 = 0x5054_0005
    static let namePrefix = "pathway match run|"

    public let connection: PostgresConnection
    /// The region whose runs the lock serialises.
    public let region: Region

    public init(connection: PostgresConnection, region: Region) {
        self.connection = connection
        self.region = region
    }

    /// Takes the lock or throws `MatchRunError.runInProgress`.
    public func acquire(actor: String) throws {
        guard try tryLock() else { throw try holder() }
        try announce(actor: actor)
    }

    private func tryLock() throws -> Bool {
        try connection.query("SELECT pg_try_advisory_lock($1::integer, hashtext($2::text))", [Self.lockClass, region])
            .decode(Bool.self, row: 0, column: 0)
    }

    /// Takes the lock, waiting for the run that holds it to finish. `waiting` is called once,
    /// before waiting, with who holds it.
    public func acquireWaiting(actor: String, waiting: (MatchRunError) -> Void = { _ in }) throws {
        if try !tryLock() {
            waiting(try holder())
            try connection.query("SELECT pg_advisory_lock($1::integer, hashtext($2::text))", [Self.lockClass, region])
        }
        try announce(actor: actor)
    }

    /// Releases the lock (closing the connection releases it too).
    public func release() throws {
        try connection.query("SELECT pg_advisory_unlock($1::integer, hashtext($2::text))", [Self.lockClass, region])
        try connection.query("SELECT set_config('application_name', 'pathway', false)")
    }

    private func announce(actor: String) throws {
        let name = Self.namePrefix + String(Int(Date().timeIntervalSince1970)) + "|" + actor
        try connection.query("SELECT set_config('application_name', $1, false)", [name])
    }

    /// Who holds the lock, read from the holder's `application_name`.
    private func holder() throws -> MatchRunError {
        let result = try connection.query(
            """
            SELECT a.application_name, a.usename::text, a.backend_start::text
            FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted
              AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND l.classid::bigint = $1::bigint AND l.objid::bigint = (hashtext($2::text)::bigint & 4294967295)
              AND l.objsubid = 2
            LIMIT 1
            """, [Self.lockClass, region])
        guard result.rowCount > 0 else { return .runInProgress(startedBy: "another session", since: nil) }
        let name = result.text(row: 0, column: 0) ?? ""
        if name.hasPrefix(Self.namePrefix) {
            let rest = name.dropFirst(Self.namePrefix.count)
            if let bar = rest.firstIndex(of: "|"), let seconds = Double(rest[..<bar]) {
                return .runInProgress(
                    startedBy: String(rest[rest.index(after: bar)...]), since: Date(timeIntervalSince1970: seconds))
            }
        }
        let since = result.text(row: 0, column: 2).flatMap { Date(postgresText: $0) }
        return .runInProgress(startedBy: result.text(row: 0, column: 1) ?? "another session", since: since)
    }
}
