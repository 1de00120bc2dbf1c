/// Why the managed local PostgreSQL could not be created, started or stopped.
public enum LocalClusterError: Error, Sendable, CustomStringConvertible {
    case serverNotInstalled
    case systemUserMissing(String)
    case commandFailed(command: String, status: Int32, output: String)
    case folderUnusable(path: String, reason: String)
    /// A data folder an interrupted older pathway left without its settings.
    case unfinishedCluster(path: String)

    public var description: String {
        switch self {
        case .serverNotInstalled:
            return """
            no PostgreSQL server programs (initdb, pg_ctl) were found on PATH or under /usr/lib/postgresql/*/bin.
            Either install PostgreSQL (Debian/Ubuntu: apt-get install postgresql), \
            or point Pathway at a running server with DATABASE_URL=postgresql://user@host/db, \
            or start the bundled one with `docker compose up -d db` and set DATABASE_URL as README.md shows.
            """
        case .systemUserMissing(let user):
            return "running as root, Pathway runs PostgreSQL as the '\(user)' system user (PostgreSQL refuses to run as root), but there is no such user; create it (useradd --system \(user)) or run Pathway as an ordinary user"
        case .commandFailed(let command, let status, let output):
            let tail = output.split(separator: "\n").suffix(8).joined(separator: "\n")
            return "\(command) failed (exit status \(status)):\n\(tail)"
        case .folderUnusable(let path, let reason):
            return "cannot use \(path) for the local PostgreSQL: \(reason)"
        case .unfinishedCluster(let path):
            return "the local PostgreSQL in \(path) was never finished (its first start was interrupted), and would accept "
                + "connections without a password; it was not started. If it holds nothing of yours, remove that folder "
                + "and run the command again to make it anew"
        }
    }
}
