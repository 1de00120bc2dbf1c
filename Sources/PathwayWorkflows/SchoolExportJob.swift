import Foundation
import PathwayCore
import PathwayStorage

/// One vocational school's referrals as the school receives them: `pathway export`, the API's
/// pull, the demo's school files. The same rows and the same single visibility rule everywhere,
/// and every read is written to the audit log with what was read.
public struct SchoolExportJob: Sendable {
    public var schoolID: String
    public var filter: SchoolReferralQuery.Filter
    /// What the audit log says about the read: who, through what (`endpoint`), in what format.
    public var audit: SchoolReferralQuery.Audit

    public init(schoolID: String, filter: SchoolReferralQuery.Filter = .init(), audit: SchoolReferralQuery.Audit) {
        self.schoolID = schoolID
        self.filter = filter
        self.audit = audit
    }

    /// A school's whole file, written by staff (`pathway export`, the demo), audited as
    /// `referrals.export` with where it came from and where it went.
    public static func file(
        schoolID: String, format: SchoolFileFormat, output: String, endpoint: String, actor: String
    ) -> SchoolExportJob {
        SchoolExportJob(
            schoolID: schoolID,
            audit: SchoolReferralQuery.Audit(
                actor: actor, action: "referrals.export",
                details: ["endpoint": .string(endpoint), "format": .string(format.rawValue), "output": .string(output)]))
    }

    /// Reads a page of the school's referrals and hands it to `deliver` (writing a file) before
    /// the audit entry commits: an export that could not be written leaves no entry.
    ///
    /// - Throws: `WorkflowError.unknownSchool` when `checkSchool` and no school has the id.
    @discardableResult
    public func run(
        in workspace: Workspace, checkSchool: Bool = true, deliver: (SchoolReferralQuery.Page) throws -> Void = { _ in }
    ) throws -> SchoolReferralQuery.Page {
        if checkSchool, try workspace.directory.schools(ids: [schoolID]).isEmpty {
            throw WorkflowError.unknownSchool(schoolID)
        }
        return try SchoolReferralQuery(connection: workspace.connection)
            .read(schoolID: schoolID, filter: filter, audit: audit, deliver: deliver)
    }
}

/// Writes a file whole or not at all: into a hidden file beside the target, renamed over it when
/// complete. A failed export never leaves half a file, and an existing file stays until then.
public enum AtomicFile {
    /// Calls `body` with a handle to write through, then moves the result into place.
    ///
    /// - Throws: `WorkflowError.unwritableFile` when the folder is missing or not writable, or
    ///   `path` is a folder; whatever `body` throws (the partial file is removed).
    public static func write<T>(to path: String, _ body: (FileHandle) throws -> T) throws -> T {
        try write(to: path, byPath: { partial in
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: partial))
            do {
                let value = try body(handle)
                try handle.close()
                return value
            } catch {
                try? handle.close()
                throw error
            }
        })
    }

    /// The same for a program that writes a file by its path (`pg_dump --file`): `body` gets the
    /// partial file's path, which exists, empty.
    public static func write<T>(to path: String, byPath body: (String) throws -> T) throws -> T {
        let target = URL(fileURLWithPath: path)
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw WorkflowError.unwritableFile(path: path, problem: .folder)
        }
        let partial = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).partial-\(getpid())")
        guard FileManager.default.createFile(atPath: partial.path, contents: nil) else {
            throw WorkflowError.unwritableFile(path: path, problem: .folderUnwritable)
        }
        do {
            let value = try body(partial.path)
            if FileManager.default.fileExists(atPath: target.path) {
                _ = try FileManager.default.replaceItemAt(target, withItemAt: partial)
            } else {
                try FileManager.default.moveItem(at: partial, to: target)
            }
            return value
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
    }
}
