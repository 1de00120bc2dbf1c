/// Errors of Pathway's storage layer that are not PostgreSQL's own.
public enum StorageError: Error, Sendable, CustomStringConvertible {
    case missingResource(String)
    case badMigrationName(String)
    case schemaNewerThanProgram(databaseVersion: Int, programVersion: Int)

    public var description: String {
        switch self {
        case .missingResource(let name):
            return "the resource \(name) is missing from this build of pathway; reinstall it"
        case .badMigrationName(let name):
            return "migration file \(name) is not named NNNN_name.sql"
        case .schemaNewerThanProgram(let database, let program):
            return "the database's schema is at version \(database), newer than this pathway knows (\(program)); upgrade pathway"
        }
    }
}
