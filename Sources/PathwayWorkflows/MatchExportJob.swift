import Foundation
import PathwayCore
import PathwayStorage

/// `pathway match export RUN`: a run's candidates or assignments as `.xlsx`, CSV or JSON, to a
/// file (written whole or not at all) or a stream, recorded in the audit log.
public struct MatchExportJob: Sendable {
    public var runID: RunID
    public var table: MatchExport.Table
    public var format: MatchExport.Format
    /// A workbook's headers.
    public var language: Language

    public init(runID: RunID, table: MatchExport.Table, format: MatchExport.Format, language: Language = .chinese) {
        self.runID = runID
        self.table = table
        self.format = format
        self.language = language
    }

    /// Writes the rows to `path`; returns how many.
    @discardableResult
    public func run(in workspace: Workspace, to path: String) throws -> Int {
        try AtomicFile.write(to: path) { handle in
            try run(in: workspace, destination: URL(fileURLWithPath: path).lastPathComponent) {
                try handle.write(contentsOf: Data($0))
            }
        }
    }

    /// Hands the rows to `write` in chunks; `destination` names where they go, for the audit log.
    @discardableResult
    public func run(in workspace: Workspace, destination: String, write: ([UInt8]) throws -> Void) throws -> Int {
        try MatchExport(store: workspace.runs).export(
            runID: runID, table: table, format: format, language: language, destination: destination, actor: workspace.actor,
            write: write)
    }
}
