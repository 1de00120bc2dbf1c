/// Errors of Pathway's storage layer that are not PostgreSQL's own.
public enum StorageError: Error, Sendable, CustomStringConvertible {
    case missingResource(String)
    case badMigrationName(String)
    case schemaNewerThanProgram(databaseVersion: Int, programVersion: Int)
    /// `--prune` would remove every record (an empty file) or more than `ImportOptions.pruneShare`
    /// of them: refused unless confirmed, nothing written.
    case pruneNeedsConfirmation(table: String, wouldRemove: Int, stored: Int, fileRows: Int)

    public var description: String {
        switch self {
        case .missingResource(let name):
            return "the resource \(name) is missing from this build of pathway; reinstall it"
        case .badMigrationName(let name):
            return "migration file \(name) is not named NNNN_name.sql"
        case .schemaNewerThanProgram(let database, let program):
            return "the database's schema is at version \(database), newer than this pathway knows (\(program)); upgrade pathway"
        case .pruneNeedsConfirmation(let table, let remove, let stored, let rows):
            return "--prune would remove up to \(remove) of the \(stored) \(table) (the file has \(rows) rows); "
                + "nothing was written: check the file, or run again with --yes to remove them"
        }
    }
}
