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

        /// What is wrong with the row, without its number: for the command line and the portal.
        public func text(in language: Language) -> String {
            switch (kind, language) {
            case (.noReferral(let key), .english): "no referral sent to the school is for \(key)"
            case (.noReferral(let key), .chinese): "没有发给该校的、属于 \(key) 的转介"
            case (.cannotMove(let reference, let from, let to), .english):
                "\(reference) is \(from.rawValue) and cannot become \(to.rawValue)"
            case (.cannotMove(let reference, let from, let to), .chinese):
                "\(reference) 现为“\(from.name(in: .chinese))”，不能变为“\(to.name(in: .chinese))”"
            case (.sameReferral(let reference, let row), .english): "\(reference) is already named in row \(row)"
            case (.sameReferral(let reference, let row), .chinese): "\(reference) 已在第 \(row) 行出现"
            }
        }
    }

    /// What the file would record, row by row, before anything is: the portal's preview.
    public struct Plan: Sendable {
        public struct Change: Sendable, Hashable {
            public var line: Int
            public var target: OutcomeTarget
            public var move: ReferralMove
        }

        public var changes: [Change]
        /// Rows that repeat what is already recorded.
        public var unchanged: Int
        /// Every row that names no movable referral; empty when the file can be applied.
        public var problems: [RowProblem]
        /// Problems with the file itself (headers, values), with their warnings.
        public var diagnostics: ImportDiagnostics
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
        let plan = try preview(in: workspace)
        warnings(plan.diagnostics)
        if plan.diagnostics.hasErrors { throw WorkflowError.refusedFile(fileName: fileName, diagnostics: plan.diagnostics) }
        guard plan.problems.isEmpty else { throw WorkflowError.outcomeRows(fileName: fileName, problems: plan.problems) }
        let moves = plan.changes.map(\.move)
        let moved = moves.isEmpty ? [] : try workspace.referrals.apply(moves, actor: workspace.actor, schoolID: schoolID)
        // Each move has its own entry; this one says which file they came from.
        try AuditLog.record(
            workspace.connection, actor: workspace.actor, action: "referrals.outcomes_file", region: workspace.region,
            schoolID: schoolID, subjectType: "file", subjectID: fileName,
            details: ["rows": .integer(plan.changes.count + plan.unchanged), "moved": .integer(moved.count),
                      "unchanged": .integer(plan.unchanged)])
        return Outcome(moved: moved, unchanged: plan.unchanged)
    }

    /// Reads the file and matches every row to its referral without changing anything: what
    /// `run` would do, with every problem. With `audited`, the read is recorded
    /// (`referrals.outcomes_preview`): a preview shows the students the file names.
    ///
    /// - Throws: `WorkflowError.unknownSchool` for a school that does not exist.
    public func preview(in workspace: Workspace, audited: Bool = false) throws -> Plan {
        let plan = try plan(in: workspace)
        if audited {
            try AuditLog.record(
                workspace.connection, actor: workspace.actor, action: "referrals.outcomes_preview", region: workspace.region,
                schoolID: schoolID, subjectType: "file", subjectID: fileName,
                details: ["changes": .integer(plan.changes.count), "unchanged": .integer(plan.unchanged),
                          "problems": .integer(plan.problems.count)])
        }
        return plan
    }

    private func plan(in workspace: Workspace) throws -> Plan {
        let source = ImportSource(bytes: bytes, fileName: fileName, reader: CSVReader(encoding: encoding), sheet: sheet)
        let file = OutcomeFile(source)
        guard !file.diagnostics.hasErrors else {
            return Plan(changes: [], unchanged: 0, problems: [], diagnostics: file.diagnostics)
        }
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
        var changes: [Plan.Change] = []
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
            changes.append(Plan.Change(
                line: row.line, target: target,
                move: ReferralMove(referralID: target.referralID, status: row.outcome, reason: row.reason, note: row.note)))
        }
        return Plan(changes: changes, unchanged: unchanged, problems: problems, diagnostics: file.diagnostics)
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
