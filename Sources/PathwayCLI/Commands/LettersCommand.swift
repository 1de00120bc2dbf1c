import ArgumentParser
import Foundation
import PathwayCore
import PathwayLetters
import PathwayStorage
import PostgresClient

/// `pathway letters templates|render`: the letters a school and a family hold in their hands.
struct LettersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "letters",
        abstract: "Write referral letters to schools and families, in Chinese or English, to print or send.",
        discussion: """
        Each referral gives two letters: one asking the vocational school to admit the student, \
        one telling the family where, how far, what it costs (tuition is free) and whom to call. \
        The letters are Mustache templates; `pathway letters templates` writes them to a folder \
        you can edit, and `--templates DIR` uses that folder.

        Examples:
          pathway letters render --run 12 --lang zh --format html --out letters/ \\
            --counsellor 李老师 --counsellor-phone 0851-1234567 --office 青岚县教育局
          pathway letters templates --out my-templates/
        """,
        subcommands: [Render.self, Templates.self]
    )

    struct Templates: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the default letter templates to a folder, to edit and use with --templates.",
            discussion: """
            Writes the nine templates and a README.md that lists every name a template can use. \
            Files already there are kept (they may be your edits) unless --force is given.

            Example: pathway letters templates --out my-templates/
            """
        )

        @Option(help: ArgumentHelp("Folder to write the templates into (created if missing).", valueName: "dir"))
        var out: String

        @Flag(help: "Replace templates that are already in the folder.")
        var force = false

        @OptionGroup var output: OutputOptions

        func run() throws {
            let folder = URL(fileURLWithPath: out, isDirectory: true)
            let written: [URL]
            do {
                written = try LetterTemplates.writeDefaults(to: folder, overwrite: force)
            } catch let error as LetterTemplateFolderError {
                throw CommandFailure(error.description)
            } catch let error as LetterTemplateError {
                throw CommandFailure(error.description)
            }
            if output.json {
                try Terminal.printJSON(["files": written.map(\.path)])
            } else {
                for file in written { print("wrote \(file.path)") }
                Terminal.note("edit them, then: pathway letters render ... --templates \(out)")
            }
        }
    }

    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render the letters of a match run's referrals, or of chosen referrals, into a folder.",
            discussion: """
            Writes one file per letter, named reference_kind_student.lang.format (safe whatever \
            a name holds), and combined.<lang>.html with every letter on its own A4 page: open it \
            in a browser and print, or save as PDF. Rendering again replaces the files.

            Examples:
              pathway letters render --run 12 --lang zh --format html --out letters/ \\
                --counsellor 李老师 --counsellor-phone 0851-1234567 --office 青岚县教育局
              pathway letters render --referral 41 42 --lang en --format txt \\
                --kind family --out out/ --counsellor "Li Ming" \\
                --counsellor-phone 0851-1234567 --office "Qinglan Education Bureau"
            """
        )

        @Option(name: .customLong("run"), help: ArgumentHelp("Every referral of this match run.", valueName: "run"))
        var runID: String?

        @Option(
            name: .customLong("referral"), parsing: .upToNextOption,
            help: ArgumentHelp("These referrals (one or more ids).", valueName: "id"))
        var referralIDs: [String] = []

        @Option(help: ArgumentHelp("Language of the letters: zh or en.", valueName: "zh|en"))
        var lang: String

        @Option(help: ArgumentHelp("html (to print) or txt (plain text).", valueName: "html|txt"))
        var format: String = "html"

        @Option(help: ArgumentHelp("Folder to write the letters into (created if missing).", valueName: "dir"))
        var out: String

        @Option(help: ArgumentHelp("Which letters: school, family or both.", valueName: "school|family|both"))
        var kind: String = "both"

        @Option(help: ArgumentHelp("Folder of templates to use instead of the defaults.", valueName: "dir"))
        var templates: String?

        @Option(help: ArgumentHelp("Name of the person the school and the family should contact.", valueName: "name"))
        var counsellor: String

        @Option(name: .customLong("counsellor-phone"), help: ArgumentHelp("That person's telephone number.", valueName: "phone"))
        var counsellorPhone: String

        @Option(help: ArgumentHelp("The office that signs the letters (青岚县教育局).", valueName: "name"))
        var office: String

        @Option(help: ArgumentHelp("Date printed on the letters, YYYY-MM-DD (default today).", valueName: "date"))
        var date: String?

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            switch (runID, referralIDs.isEmpty) {
            case (nil, true): throw ValidationError("give --run RUN or --referral ID...")
            case (.some, false): throw ValidationError("give either --run or --referral, not both")
            default: break
            }
            guard Language(rawValue: lang) != nil else { throw ValidationError("--lang must be zh or en, not \(lang)") }
            if format == "pdf" {
                throw ValidationError("--format pdf is not supported: render html and print combined.\(lang).html to PDF from a browser")
            }
            guard LetterFormat(rawValue: format) != nil else { throw ValidationError("--format must be html or txt, not \(format)") }
            guard kind == "both" || LetterKind(rawValue: kind) != nil else {
                throw ValidationError("--kind must be school, family or both, not \(kind)")
            }
            for (name, value) in [("--counsellor", counsellor), ("--counsellor-phone", counsellorPhone), ("--office", office)]
            where value.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError("\(name) must not be empty: families need a person and a number to call")
            }
            if let date, CalendarDate(parsing: date) == nil {
                throw ValidationError("--date must be a day as YYYY-MM-DD, not \(date)")
            }
        }

        func run() throws {
            guard let language = Language(rawValue: lang), let letterFormat = LetterFormat(rawValue: format) else {
                throw ValidationError("--lang must be zh or en, --format html or txt")
            }
            let kinds = LetterKind(rawValue: kind).map { [$0] } ?? LetterKind.allCases
            // Templates first: a broken template is reported before the database is touched.
            let renderer: LetterRenderer
            do {
                renderer = try templates.map { try LetterRenderer(templatesFolder: URL(fileURLWithPath: $0, isDirectory: true)) }
                    ?? LetterRenderer()
            } catch let error as LetterTemplateError {
                throw CommandFailure(error.description)
            }
            let request = LetterRenderRequest(
                selection: runID.map { .run($0) } ?? .referrals(referralIDs),
                language: language, format: letterFormat, kinds: kinds,
                counsellor: Counsellor(name: counsellor, phone: counsellorPhone, organisation: office),
                issuedOn: try date.flatMap { CalendarDate(parsing: $0) } ?? CalendarDate.today())
            let letters = try loadReferralLetters(request, database: database)
            guard !letters.isEmpty else { throw CommandFailure("no referrals to write letters for") }
            let folder = URL(fileURLWithPath: out, isDirectory: true)
            let batch = try LetterBatchWriter(renderer: renderer)
                .write(letters, kinds: kinds, language: language, format: letterFormat, to: folder)
            if output.json {
                try Terminal.printJSON(batch)
            } else {
                for letter in batch.letters { print("wrote \(letter.file.path)") }
                print("wrote \(batch.combined.path) (\(batch.pageCount) pages to print)")
            }
        }
    }
}

/// What `pathway letters render` asks for, handed to the loader.
struct LetterRenderRequest {
    enum Selection: Equatable {
        /// Every referral created from this match run.
        case run(String)
        /// These referrals, by id.
        case referrals([String])
    }

    let selection: Selection
    let language: Language
    let format: LetterFormat
    let kinds: [LetterKind]
    let counsellor: Counsellor
    let issuedOn: CalendarDate
}

/// Loads the letters `request` selects from PostgreSQL, and records their export in the audit
/// log (letters carry a minor's data to a school and a family).
func loadReferralLetters(
    _ request: LetterRenderRequest, database: DatabaseOptions, connection given: PostgresConnection? = nil
) throws -> [ReferralLetter] {
    let connection = try given ?? DatabaseLocator(options: database).open()
    defer { if given == nil { connection.close() } }
    let store = ReferralStore(connection: connection)
    let referrals: [Referral]
    switch request.selection {
    case .run(let text):
        guard let run = Int(text) else { throw CommandFailure("--run takes a run number, not \(text)") }
        referrals = try store.list(.init(runID: run))
        guard !referrals.isEmpty else {
            throw CommandFailure("run \(run) has no referrals; `pathway referrals create --run \(run)` makes them")
        }
    case .referrals(let texts):
        let ids = try texts.map { text in
            guard let id = Int(text) else { throw CommandFailure("--referral takes referral numbers, not \(text)") }
            return id
        }
        let found = Dictionary(uniqueKeysWithValues: try store.list(.init(ids: ids)).map { ($0.id, $0) })
        let unknown = ids.filter { found[$0] == nil }
        guard unknown.isEmpty else {
            throw CommandFailure("no referral has the id \(unknown.map(String.init).joined(separator: ", ")); `pathway referrals list` shows them")
        }
        referrals = ids.compactMap { found[$0] }
    }
    let (dossiers, missing) = try store.dossiers(referrals)
    if !missing.isEmpty {
        Terminal.note("warning: no letter for referral \(missing.map(String.init).joined(separator: ", ")): its student, programme or school is no longer in the database")
    }
    try AuditLog.record(
        connection, actor: AuditLog.currentUser, action: "letters.render", region: store.region,
        details: [
            "referral_ids": .array(dossiers.map { .integer($0.referral.id) }),
            "letters": .integer(dossiers.count * request.kinds.count), "language": .string(request.language.rawValue),
            "format": .string(request.format.rawValue), "kinds": .array(request.kinds.map { .string($0.rawValue) }),
        ])
    return dossiers.map { dossier in
        ReferralLetter(
            referenceNumber: dossier.referral.referenceNumber, student: dossier.student, program: dossier.program,
            school: dossier.school,
            reasons: dossier.explanation.map { LetterReasons.sentences(for: $0, language: request.language) } ?? [],
            distanceKm: dossier.explanation?.location.distanceKm
                ?? GreatCircle.distanceKm(from: dossier.student.home, to: dossier.program.location),
            counsellor: request.counsellor, issuedOn: request.issuedOn)
    }
}

extension CalendarDate {
    /// Today on this machine's calendar, in its time zone: the day an office dates its letters.
    static func today() throws -> CalendarDate {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        guard let year = parts.year, let month = parts.month, let day = parts.day,
              let date = CalendarDate(year: year, month: month, day: day)
        else { throw CommandFailure("cannot tell today's date; pass --date YYYY-MM-DD") }
        return date
    }
}
