import Foundation
import PathwayCore
import PathwayImport
import PathwayStorage

/// `pathway referrals outcomes FILE`: a vocational school's 报到名单 (xlsx or CSV: 学籍号 or
/// student id or 转介号, outcome, reason, note), recorded all or nothing.
///
/// Every row must name a referral the school has sent to it whose lifecycle allows the outcome;
/// a row repeating what is already recorded changes nothing (a list sent twice). One bad row and
/// nothing is recorded; every bad row is named.
public struct OutcomesFileJob: Sendable {
    public var bytes: [UInt8]
    public var fileName: String
    public var encoding: CSVReader.Encoding
    public var sheet: String?
    /// Only this school's referrals (the school whose list it is).
    public var schoolID: String?

    public init(bytes: [UInt8], fileName: String, encoding: CSVReader.Encoding = .auto, sheet: String? = nil, schoolID: String? = nil) {
        self.bytes = bytes
        self.fileName = fileName
        self.encoding = encoding
        self.sheet = sheet
        self.schoolID = schoolID
    }

    /// The job for the file at `path`.
    public init(path: String, encoding: CSVReader.Encoding = .auto, sheet: String? = nil, schoolID: String? = nil) throws {
        let file = try InputFile.read(path)
        self.init(bytes: file.bytes, fileName: file.name, encoding: encoding, sheet: sheet, schoolID: schoolID)
    }

    /// A row that names no referral the outcome can be recorded on.
    public struct RowProblem: Sendable, Hashable {
        public enum Kind: Sendable, Hashable {
            /// No sent referral of the school has this student, 学籍号 or reference.
            case noReferral(String)
            /// The referral's status does not allow the outcome (e.g. already enrolled).
            case cannotMove(referenceNumber: String, from: ReferralStatus, to: ReferralStatus)
            /// Another row already names the same referral.
            case sameReferral(referenceNumber: String, row: Int)
        }

        public var line: Int
        public var kind: Kind
    }

    public struct Outcome: Sendable {
        /// The referrals that changed, as they now stand.
        public var moved: [Referral]
        /// Rows that repeat what was already recorded.
        public var unchanged: Int
    }

    /// - Throws: `WorkflowError.refusedFile` for a malformed file, `.outcomeRows` for rows that
    ///   name no movable referral; nothing is recorded then.
    public func run(in workspace: Workspace, warnings: (ImportDiagnostics) -> Void = { _ in }) throws -> Outcome {
        let source = ImportSource(bytes: bytes, fileName: fileName, reader: CSVReader(encoding: encoding), sheet: sheet)
        let file = OutcomeFile(source)
        warnings(file.diagnostics)
        if file.diagnostics.hasErrors { throw WorkflowError.refusedFile(fileName: fileName, diagnostics: file.diagnostics) }
        if let schoolID, try workspace.directory.schools(ids: [schoolID]).isEmpty {
            throw WorkflowError.unknownSchool(schoolID)
        }
        let targets = try workspace.referrals.outcomeTargets(schoolID: schoolID)
        // The student's open referral first: one child, one live referral at a school.
        func best(_ found: [OutcomeTarget]) -> OutcomeTarget? { found.first(where: \.status.isOpen) ?? found.last }
        let byReference = Dictionary(grouping: targets, by: \.referenceNumber)
        let byStudent = Dictionary(grouping: targets, by: \.studentID)
        let byStatusNumber = Dictionary(grouping: targets.filter { $0.statusNumber != nil }, by: { $0.statusNumber ?? "" })
        var problems: [RowProblem] = []
        var moves: [ReferralMove] = []
        var unchanged = 0
        var rowOf: [ReferralID: Int] = [:]
        for row in file.rows {
            let key = row.referenceNumber ?? row.statusNumber ?? row.studentID ?? ""
            let target = row.referenceNumber.flatMap { byReference[$0].flatMap(best) }
                ?? row.statusNumber.flatMap { byStatusNumber[$0].flatMap(best) }
                ?? row.studentID.flatMap { byStudent[$0].flatMap(best) ?? byStatusNumber[$0].flatMap(best) }
            guard let target else {
                problems.append(RowProblem(line: row.line, kind: .noReferral(key)))
                continue
            }
            if let earlier = rowOf.updateValue(row.line, forKey: target.referralID) {
                problems.append(RowProblem(line: row.line, kind: .sameReferral(referenceNumber: target.referenceNumber, row: earlier)))
                continue
            }
            if target.status == row.outcome {
                unchanged += 1
                continue
            }
            guard target.status.canMove(to: row.outcome) else {
                problems.append(RowProblem(
                    line: row.line, kind: .cannotMove(referenceNumber: target.referenceNumber, from: target.status, to: row.outcome)))
                continue
            }
            moves.append(ReferralMove(referralID: target.referralID, status: row.outcome, reason: row.reason, note: row.note))
        }
        guard problems.isEmpty else { throw WorkflowError.outcomeRows(fileName: fileName, problems: problems) }
        let moved = moves.isEmpty ? [] : try workspace.referrals.apply(moves, actor: workspace.actor, schoolID: schoolID)
        return Outcome(moved: moved, unchanged: unchanged)
    }
}

/// A file a person named, read whole after the checks that give a clear refusal.
enum InputFile {
    /// - Throws: `WorkflowError.unreadableFile` for a missing file, a folder, a FIFO or one
    ///   without permission, saying which.
    static func read(_ path: String) throws -> (bytes: [UInt8], name: String) {
        let url = URL(fileURLWithPath: path)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw WorkflowError.unreadableFile(path: path, problem: .missing)
        }
        guard !isFolder.boolValue else { throw WorkflowError.unreadableFile(path: path, problem: .folder) }
        // A FIFO or a device would block the read, or never end.
        let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
        guard type == .typeRegular else { throw WorkflowError.unreadableFile(path: path, problem: .notOrdinary) }
        guard FileManager.default.isReadableFile(atPath: path), let data = FileManager.default.contents(atPath: path) else {
            throw WorkflowError.unreadableFile(path: path, problem: .permissionDenied)
        }
        return (Array(data), url.lastPathComponent)
    }
}
