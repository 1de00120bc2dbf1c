import Foundation
import PathwayCore
import PathwayLetters
import PathwayStorage

/// `pathway letters render`: the letters of a run's referrals, or of chosen referrals, written
/// into a folder, with their export recorded in the audit log (letters carry a minor's data to
/// a school and a family).
public struct LetterJob: Sendable {
    /// Which referrals' letters.
    public enum Selection: Sendable, Hashable {
        /// Every referral made from this match run.
        case run(RunID)
        /// These referrals.
        case referrals([ReferralID])
    }

    public var selection: Selection
    public var language: Language
    public var format: LetterFormat
    public var kinds: [LetterKind]
    public var counsellor: Counsellor
    public var issuedOn: CalendarDate
    public var folder: URL

    public init(
        selection: Selection, language: Language, format: LetterFormat, kinds: [LetterKind], counsellor: Counsellor,
        issuedOn: CalendarDate, folder: URL
    ) {
        self.selection = selection
        self.language = language
        self.format = format
        self.kinds = kinds
        self.counsellor = counsellor
        self.issuedOn = issuedOn
        self.folder = folder
    }

    /// What was written.
    public struct Outcome: Sendable {
        public var batch: LetterBatch
        /// Referrals left out: their student, programme or school is no longer in the database.
        public var missing: [ReferralID]
    }

    /// Reads the referrals, writes their letters and records the export, in one transaction:
    /// when a file cannot be written the audit entry is taken back with it.
    ///
    /// - Throws: `WorkflowError.unknownReferrals` for ids that name no referral,
    ///   `.noLetters` when the selection holds none.
    public func run(in workspace: Workspace, renderer: LetterRenderer) throws -> Outcome {
        let store = workspace.referrals
        let referrals: [Referral]
        switch selection {
        case .run(let runID):
            referrals = try store.list(.init(runID: runID))
        case .referrals(let ids):
            let found = Dictionary(try store.list(.init(ids: ids)).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let unknown = ids.filter { found[$0] == nil }
            guard unknown.isEmpty else { throw WorkflowError.unknownReferrals(unknown) }
            referrals = ids.compactMap { found[$0] }
        }
        let (dossiers, missing) = try store.dossiers(referrals)
        guard !dossiers.isEmpty else { throw WorkflowError.noLetters }
        let letters = dossiers.map {
            ReferralLetter(dossier: $0, language: language, counsellor: counsellor, issuedOn: issuedOn)
        }
        let batch = try workspace.connection.withTransaction { connection in
            try AuditLog.record(
                connection, actor: workspace.actor, action: "letters.render", region: workspace.region,
                details: [
                    "referral_ids": .array(dossiers.map { .integer(Int($0.referral.id.rawValue)) }),
                    "letters": .integer(dossiers.count * kinds.count), "language": .string(language.rawValue),
                    "format": .string(format.rawValue), "kinds": .array(kinds.map { .string($0.rawValue) }),
                ])
            return try LetterBatchWriter(renderer: renderer)
                .write(letters, kinds: kinds, language: language, format: format, to: folder)
        }
        return Outcome(batch: batch, missing: missing)
    }
}

/// The school letter of one referral, as a school's request gets it: nil when the school may
/// not see the referral. Five small queries (the referral, its student, programme, school and
/// candidate row) and the audit entry, whatever the size of the referral's run.
public struct SchoolLetterJob: Sendable {
    public var referralID: ReferralID
    public var language: Language
    /// The office that signs, and the number the school should call.
    public var office: String
    public var officePhone: String

    public init(referralID: ReferralID, language: Language, office: String, officePhone: String) {
        self.referralID = referralID
        self.language = language
        self.office = office
        self.officePhone = officePhone
    }

    /// Reads the letter and records the school's read of it, in one transaction.
    public func run(in workspace: Workspace, credential: SchoolCredential) throws -> ReferralLetter? {
        try workspace.connection.withTransaction { connection in
            let store = ReferralStore(connection: connection, region: workspace.region)
            guard let referral = try store.referral(referralID, schoolID: credential.schoolID),
                  let dossier = try store.dossiers([referral]).dossiers.first
            else { return nil }
            try AuditLog.record(
                connection, actor: workspace.actor, action: "referrals.letter", region: workspace.region,
                schoolID: credential.schoolID, tokenID: credential.tokenID, subjectType: "referral",
                subjectID: referralID.description,
                details: ["endpoint": "GET /v1/referrals/{id}/letter", "rows": 1, "lang": .string(language.rawValue)])
            return ReferralLetter(
                dossier: dossier, language: language,
                counsellor: Counsellor(name: referral.assignee, phone: officePhone, organisation: office),
                issuedOn: try CalendarDate(dayOf: referral.sentAt ?? Date(), in: .current))
        }
    }
}

extension ReferralLetter {
    /// The letter a dossier gives: the run's reasons for the pair, and its distance.
    init(dossier: ReferralDossier, language: Language, counsellor: Counsellor, issuedOn: CalendarDate) {
        self.init(
            referenceNumber: dossier.referral.referenceNumber, student: dossier.student, program: dossier.program,
            school: dossier.school,
            reasons: dossier.evidence.map { LetterReasons.sentences(for: $0, language: language) } ?? [],
            distanceKm: dossier.evidence?.distanceKm
                ?? dossier.student.home.map { GreatCircle.distanceKm(from: $0, to: dossier.program.location) } ?? .nan,
            counsellor: counsellor, issuedOn: issuedOn)
    }
}
