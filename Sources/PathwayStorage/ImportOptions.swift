/// How `CountyImport` writes one file.
public struct ImportOptions: Sendable {
    /// The file's name, for the summary and the audit log.
    public var fileName: String
    /// How the file was decoded.
    public var encoding: String
    /// Warnings the reading found, carried into the summary and the audit log.
    public var warnings: Int
    /// Do everything, then roll back: the summary says what would happen.
    public var dryRun: Bool
    /// Remove records that are not in the file, unless a match run or a referral refers to them.
    public var prune: Bool
    /// Who imports, for the audit log.
    public var actor: String

    public init(
        fileName: String, encoding: String, warnings: Int = 0, dryRun: Bool = false, prune: Bool = false,
        actor: String = AuditLog.currentUser
    ) {
        self.fileName = fileName
        self.encoding = encoding
        self.warnings = warnings
        self.dryRun = dryRun
        self.prune = prune
        self.actor = actor
    }
}
