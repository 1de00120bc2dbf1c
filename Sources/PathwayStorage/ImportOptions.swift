/// How `CountyImport` writes one file.
public struct ImportOptions: Sendable {
    /// The file's name, for the summary and the audit log.
    public var fileName: String
    /// Do everything, then roll back: the summary says what would happen.
    public var dryRun: Bool
    /// Remove records that are not in the file, unless a match run or a referral refers to them.
    public var prune: Bool
    /// Who imports, for the audit log.
    public var actor: String
    /// A prune that would remove every record, or more than `pruneShare` of them, goes ahead
    /// only when confirmed (`--yes`): one wrong file (a header only, another county's list)
    /// must not empty a table.
    public var confirmPrune: Bool

    /// The share of a table a prune may remove without confirmation.
    public static let pruneShare = 0.2

    public init(
        fileName: String, dryRun: Bool = false, prune: Bool = false, actor: String = AuditLog.currentUser,
        confirmPrune: Bool = false
    ) {
        self.fileName = fileName
        self.dryRun = dryRun
        self.prune = prune
        self.actor = actor
        self.confirmPrune = confirmPrune
    }
}

/// What reading a file found out about it, for the summary and the audit log; known only once
/// the whole file has been read.
public struct ImportFileFacts: Sendable, Hashable {
    /// How the file was decoded (`UTF-8`, `UTF-8 with BOM`, `GB18030`).
    public var encoding: String
    /// Warnings the reading found.
    public var warnings: Int

    public init(encoding: String, warnings: Int = 0) {
        self.encoding = encoding
        self.warnings = warnings
    }
}
