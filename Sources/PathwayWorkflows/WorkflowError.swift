import PathwayCore
import PathwayImport

/// Why a job could not do what was asked, for a reason the person can act on. Lower layers'
/// errors (`MatchRunError`, `ReferralError`, `PostgresError`, …) pass through unchanged; these
/// are the refusals the jobs themselves make.
public enum WorkflowError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong with a file a job was given, so that each front end can say it in its
    /// own words.
    public enum FileProblem: Sendable, Hashable, CustomStringConvertible {
        case missing
        case folder
        /// A FIFO, a device or a socket: reading it could block or never end.
        case notOrdinary
        case permissionDenied
        /// The folder to write into is missing or not writable.
        case folderUnwritable
        /// Anything else, as the system said it.
        case other(String)

        public var description: String {
            switch self {
            case .missing: "there is no such file"
            case .folder: "it is a folder, not a file"
            case .notOrdinary: "it is not an ordinary file"
            case .permissionDenied: "permission denied"
            case .folderUnwritable: "the folder does not exist or is not writable"
            case .other(let text): text
            }
        }
    }

    /// A file could not be read (missing, a folder, no permission).
    case unreadableFile(path: String, problem: FileProblem)
    /// An import file has errors; nothing was written. The diagnostics list every problem.
    case refusedFile(fileName: String, diagnostics: ImportDiagnostics)
    /// A folder to write into does not exist or is not a folder.
    case missingFolder(String)
    /// A file could not be written.
    case unwritableFile(path: String, problem: FileProblem)
    /// No school has this id.
    case unknownSchool(String)
    /// Some referral ids are unknown.
    case unknownReferrals([ReferralID])
    /// Nobody is on the follow-up ledger, so a follow-up run has nobody to match.
    case nobodyToFollowUp(cohort: Int?)
    /// The selection holds no referrals to write letters for.
    case noLetters
    /// The demo's seed files are not where it looked.
    case noSeeds(searched: [String])
    /// The calendar could not tell today's date.
    case unknownDate
    /// A contact without `--by`, for a student nobody is named to follow.
    case nobodyNamed(studentID: String)
    /// A bulk change selected referrals in a status that cannot make the move.
    case statusCannotMove(from: ReferralStatus, to: ReferralStatus)
    /// A bulk change selected no referral.
    case nothingToMove(to: ReferralStatus)
    /// Rows of a school's list of outcomes that name no referral the outcome can go on.
    case outcomeRows(fileName: String, problems: [OutcomesFileJob.RowProblem])
    /// Letters asked for referrals that are all still proposed.
    case nothingApproved(proposed: Int)
    /// The county profile has no counsellor for this junior school.
    case unknownCounsellor(String)
    /// Letters need an office to sign them and none is set or given.
    case noOffice
    /// Letters whose responsible person has no number anywhere: a family needs one to call.
    case noPhone(person: String, referenceNumbers: [String])

    public var description: String {
        switch self {
        case .unreadableFile(let path, let problem): "cannot read \(path): \(problem)"
        case .refusedFile(let name, let diagnostics):
            "\(name) has \(diagnostics.errorCount == 1 ? "1 error" : "\(diagnostics.errorCount) errors"); nothing was imported"
        case .missingFolder(let folder): "the folder \(folder) does not exist; create it or choose another"
        case .unwritableFile(let path, let problem): "cannot write \(path): \(problem)"
        case .unknownSchool(let id): "there is no school \(id); `pathway schools list` shows the school ids"
        case .unknownReferrals(let ids):
            "no referral has the id \(ids.map(\.description).joined(separator: ", ")); `pathway referrals list` shows them"
        case .nobodyToFollowUp(let cohort):
            "nobody\(cohort.map { " of cohort \($0)" } ?? "") is on the follow-up ledger: every student has an open or enrolled referral (`pathway followup list` lists the ledger)"
        case .noLetters: "no referrals to write letters for"
        case .noSeeds(let searched):
            "no Seeds folder found (looked in \(searched.joined(separator: ", "))); pass --seeds DIR"
        case .unknownDate: "cannot tell today's date; pass --date YYYY-MM-DD"
        case .nobodyNamed(let id):
            "nobody is named to follow student \(id); give --by NAME, or name them with `pathway followup assign \(id) --to NAME`"
        case .statusCannotMove(let from, let to):
            "\(from.rawValue) referrals cannot become \(to.rawValue); "
                + (from.choices.isEmpty ? "\(from.rawValue) is final"
                    : "from \(from.rawValue) a referral may only become \(from.choices.map(\.rawValue).joined(separator: ", "))")
        case .outcomeRows(let name, let problems):
            "\(name): \(problems.count) rows cannot be recorded; nothing was recorded:\n"
                + problems.map { "  row \($0.line): \($0.text(in: .english))" }.joined(separator: "\n")
        case .nothingApproved(let proposed):
            "no letters: the \(proposed) referrals chosen are all proposed, not yet approved; approve them with "
                + "`pathway referrals approve --run RUN`, or pass --include-proposed to read drafts"
        case .unknownCounsellor(let school):
            "the county profile has no counsellor for \(school); `pathway county show` lists them"
        case .noOffice:
            "the letters need an office to sign them: set it once with `pathway county set --office NAME`, or give --office"
        case .noPhone(let person, let references):
            "no telephone number for \(person), named in \(references.count) letters (\(references.prefix(3).joined(separator: ", "))"
                + (references.count > 3 ? ", …" : "") + "): families need a number to call. Give it with "
                + "`pathway county set --counsellor \"JUNIOR SCHOOL=\(person),PHONE\"` or `--office-phone PHONE`, or --counsellor-phone"
        case .nothingToMove(let to):
            "no referral matches that can become \(to.rawValue); `pathway referrals list` with the same options shows what there is"
        }
    }
}
