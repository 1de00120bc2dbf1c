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
    /// Only the referrals to this vocational school.
    public var school: String?
    /// Only the students of this junior school.
    public var juniorSchool: String?
    /// Letters for proposed referrals too: drafts to read before approving.
    public var includeProposed: Bool
    public var language: Language
    public var format: LetterFormat
    public var kinds: [LetterKind]
    /// What the command gives instead of the county profile.
    public var sender: LetterSender
    public var issuedOn: CalendarDate
    public var folder: URL

    public init(
        selection: Selection, school: String? = nil, juniorSchool: String? = nil, includeProposed: Bool = false,
        language: Language, format: LetterFormat, kinds: [LetterKind], sender: LetterSender = LetterSender(),
        issuedOn: CalendarDate, folder: URL
    ) {
        self.selection = selection
        self.school = school
        self.juniorSchool = juniorSchool
        self.includeProposed = includeProposed
        self.language = language
        self.format = format
        self.kinds = kinds
        self.sender = sender
        self.issuedOn = issuedOn
        self.folder = folder
    }

    /// Whether a referral in `status` gets a letter: open and approved by the office, or, with
    /// `includeProposed`, still a draft.
    func isLettered(_ status: ReferralStatus) -> Bool {
        status.isOpen && (includeProposed || status != .proposed)
    }

    /// What was written.
    public struct Outcome: Sendable {
        public var batch: LetterBatch
        /// Referrals left out: their student, programme or school is no longer in the database.
        public var missing: [ReferralID]
    }

    /// Reads the referrals, writes their letters into a staging folder, records the export, and
    /// then moves the letters into place: a batch that fails or is killed while it writes
    /// leaves no letter in the folder and no audit entry, and one whose files cannot all be
    /// moved adds a `letters.unpublished` entry saying how many were.
    ///
    /// - Throws: `WorkflowError.unknownReferrals` for ids that name no referral,
    ///   `.noLetters` when the selection holds none, `.nothingApproved` when it holds only
    ///   proposed referrals (without `includeProposed`), `.noOffice` and `.noPhone` when a letter
    ///   would have nobody to sign it or no number to call.
    ///
    /// `progress` hears how many letters are written of how many, as they are.
    public func run(
        in workspace: Workspace, renderer: LetterRenderer, progress: (_ written: Int, _ total: Int) -> Void = { _, _ in }
    ) throws -> Outcome {
        let store = workspace.referrals
        let wanted: [Referral]
        switch selection {
        case .run(let runID):
            wanted = try store.list(.init(schoolID: school, runID: runID, juniorSchool: juniorSchool))
        case .referrals(let ids):
            let known = Set(try store.list(.init(ids: ids)).map(\.id))
            let unknown = ids.filter { !known.contains($0) }
            guard unknown.isEmpty else { throw WorkflowError.unknownReferrals(unknown) }
            let found = Dictionary(
                try store.list(.init(schoolID: school, ids: ids, juniorSchool: juniorSchool)).map { ($0.id, $0) },
                uniquingKeysWith: { a, _ in a })
            wanted = ids.compactMap { found[$0] }
        }
        let lettered = wanted.filter { isLettered($0.status) }
        if lettered.isEmpty, case let proposed = wanted.filter({ $0.status == .proposed }).count, proposed > 0 {
            throw WorkflowError.nothingApproved(proposed: proposed)
        }
        let (dossiers, missing) = try store.dossiers(lettered)
        guard !dossiers.isEmpty else { throw WorkflowError.noLetters }
        let profile = try workspace.profile.profile().profile
        let letters = try sender.letters(dossiers, profile: profile, language: language, issuedOn: issuedOn)
        // Written aside first, outside any transaction; in place only once the export is
        // recorded, so that no letter is ever in the folder without its entry.
        let staged = try LetterBatchWriter(renderer: renderer)
            .stage(letters, kinds: kinds, language: language, format: format, in: folder, progress: progress)
        defer { staged.discard() }
        try AuditLog.record(
            workspace.connection, actor: workspace.actor, action: "letters.render", region: workspace.region,
            details: [
                "referral_ids": .array(dossiers.map { .integer(Int($0.referral.id.rawValue)) }),
                "letters": .integer(staged.batch.letters.count), "language": .string(language.rawValue),
                "format": .string(format.rawValue), "kinds": .array(kinds.map { .string($0.rawValue) }),
            ])
        do {
            try staged.publish()
        } catch {
            // The export is on record already; so is how far the move got.
            try? AuditLog.record(
                workspace.connection, actor: workspace.actor, action: "letters.unpublished", region: workspace.region,
                details: [
                    "moved": .integer(staged.moved), "files": .integer(staged.batch.files.count),
                    "reason": .string(String(describing: error)),
                ])
            throw error
        }
        return Outcome(batch: staged.batch, missing: missing)
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
    /// Where the school read it, for the audit log.
    public var endpoint: String

    public init(
        referralID: ReferralID, language: Language, office: String, officePhone: String,
        endpoint: String = "GET /v1/referrals/{id}/letter"
    ) {
        self.referralID = referralID
        self.language = language
        self.office = office
        self.officePhone = officePhone
        self.endpoint = endpoint
    }

    /// Reads the letter and records the school's read of it, in one transaction.
    public func run(in workspace: Workspace, credential: SchoolCredential) throws -> ReferralLetter? {
        try workspace.connection.withTransaction { connection in
            let store = ReferralStore(connection: connection, region: workspace.region)
            guard let referral = try store.referral(referralID, schoolID: credential.schoolID),
                  let dossier = try store.dossiers([referral]).dossiers.first
            else { return nil }
            let profile = try CountyProfileStore(connection: connection, region: workspace.region).profile().profile
            try AuditLog.record(
                connection, actor: workspace.actor, action: "referrals.letter", region: workspace.region,
                schoolID: credential.schoolID, tokenID: credential.tokenID, subjectType: "referral",
                subjectID: referralID.description,
                details: ["endpoint": .string(endpoint), "rows": 1, "lang": .string(language.rawValue)])
            // The server's configured office and number stand in where the profile has none.
            let sender = LetterSender(office: profile.office ?? office, fallbackPhone: officePhone)
            return try sender.letters(
                [dossier], profile: profile, language: language,
                issuedOn: try CalendarDate(dayOf: referral.sentAt ?? Date(), in: .current)).first
        }
    }
}

/// Who a letter names and who signs it: the county profile, with what a command gives in its
/// place.
public struct LetterSender: Sendable {
    /// Named in every letter instead of each student's responsible person.
    public var counsellorName: String?
    /// The number in every letter instead of the profile's.
    public var counsellorPhone: String?
    /// The office that signs, instead of the profile's.
    public var office: String?
    /// The number when the profile has none for the person (the server's configured one).
    public var fallbackPhone: String?

    public init(counsellorName: String? = nil, counsellorPhone: String? = nil, office: String? = nil, fallbackPhone: String? = nil) {
        self.counsellorName = counsellorName
        self.counsellorPhone = counsellorPhone
        self.office = office
        self.fallbackPhone = fallbackPhone
    }

    /// The letters of `dossiers`: each names the student's responsible person at the number
    /// the profile has for them, and is signed by the office.
    ///
    /// - Throws: `WorkflowError.noOffice` without an office, `.noPhone` for the first person
    ///   without a number, with the letters that name them: nothing is written then.
    func letters(
        _ dossiers: [ReferralDossier], profile: CountyProfile, language: Language, issuedOn: CalendarDate
    ) throws -> [ReferralLetter] {
        guard let office = office ?? profile.office else { throw WorkflowError.noOffice }
        let subsidies = profile.subsidies(on: issuedOn)
        var unreachable: [String: [String]] = [:]
        var letters: [ReferralLetter] = []
        for dossier in dossiers {
            let name = counsellorName ?? dossier.referral.assignee
            let found = profile.contact(responsible: name, juniorSchool: dossier.student.juniorSchool)
            guard let phone = counsellorPhone ?? found?.phone ?? fallbackPhone else {
                unreachable[name, default: []].append(dossier.referral.referenceNumber)
                continue
            }
            letters.append(ReferralLetter(
                referenceNumber: dossier.referral.referenceNumber, student: dossier.student, program: dossier.program,
                school: dossier.school,
                reasons: dossier.evidence.map { LetterReasons.sentences(for: $0, language: language) } ?? [],
                distanceKm: dossier.evidence?.distanceKm
                    ?? dossier.student.home.map { GreatCircle.distanceKm(from: $0, to: dossier.program.location) } ?? .nan,
                counsellor: Counsellor(name: name, phone: phone, organisation: office), signatory: profile.signatory,
                issuedOn: issuedOn, wishOutcome: dossier.wishOutcome, subsidies: subsidies))
        }
        if let (person, references) = unreachable.min(by: { $0.key < $1.key }) {
            throw WorkflowError.noPhone(person: person, referenceNumbers: references)
        }
        return letters
    }
}
