import ArgumentParser
import Foundation
import PathwayCore
import PathwayStorage
import PostgresClient

/// `pathway match run`: read, score, assign, store, summarise.
struct MatchRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Match the students in the database to programmes, and store the run.",
        discussion: """
        Reads the students (of one cohort with --cohort) and every programme, scores every \
        eligible pair on interest, grades and location, keeps each student's best --candidates, \
        assigns seats with --strategy and stores the run, its candidates and its assignments in \
        one transaction: stopped halfway, it leaves nothing behind.

        Strategies: stable (default; no student and programme would both rather be together), \
        optimal (seats as many students as possible), ranked (candidate lists only, no seats).

        --only-followup matches again only the students on the follow-up ledger (`pathway \
        followup`), into each programme's seats minus its open and enrolled referrals.

        Only one run at a time: while one runs, another is refused with who started it and \
        when; --wait waits for it instead.

        Examples:
          pathway match run --cohort 2026
          pathway match run --strategy optimal --weights interest=0.4,grades=0.3,location=0.3 --json
        """
    )

    @Option(help: ArgumentHelp("stable, optimal or ranked.", valueName: "name"))
    var strategy = "stable"

    @Option(help: ArgumentHelp(
        "Relative weights of the score's parts; parts left out keep their default (interest=0.5,grades=0.3,location=0.2).",
        valueName: "list"))
    var weights: String?

    @Option(name: .customLong("candidates"), help: ArgumentHelp("Candidates kept per student (K).", valueName: "k"))
    var candidateLimit = 20

    @Option(help: ArgumentHelp("Farthest daily commute to a programme without boarding, in km.", valueName: "km"))
    var maxCommuteKm = 30.0

    @Option(help: ArgumentHelp("Only students leaving junior school in this year.", valueName: "year"))
    var cohort: Int?

    @Flag(help: "Only the students on the follow-up ledger (no open or enrolled referral), into the seats referrals leave free.")
    var onlyFollowup = false

    @Flag(help: "Wait for a run already in progress to finish instead of refusing.")
    var wait = false

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    /// Above this many students a terminal gets progress notes.
    static let progressThreshold = 5_000

    func validate() throws {
        _ = try settings()
    }

    /// The settings the options describe, or a `ValidationError` saying which option is wrong.
    func settings() throws -> MatchSettings {
        guard let chosen = Strategy(rawValue: strategy) else {
            throw ValidationError("--strategy must be stable, optimal or ranked, not \(strategy)")
        }
        do {
            return try MatchSettings(
                weights: try Self.parseWeights(weights), candidateLimit: candidateLimit, maxCommuteKm: maxCommuteKm,
                strategy: chosen)
        } catch let error as MatchSettingsError {
            throw ValidationError(error.description)
        }
    }

    /// `interest=0.5,grades=0.3,location=0.2`; parts left out keep their default.
    static func parseWeights(_ text: String?) throws -> ScoreWeights {
        guard let text else { return .standard }
        var values = ["interest": ScoreWeights.standard.interest, "grades": ScoreWeights.standard.grades,
                      "location": ScoreWeights.standard.location]
        for part in text.split(separator: ",", omittingEmptySubsequences: true) {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, values[pair[0]] != nil, let value = Double(pair[1]) else {
                throw ValidationError(
                    "--weights takes name=value pairs with names interest, grades, location (e.g. interest=0.5,grades=0.3,location=0.2), not \(part)")
            }
            values[pair[0]] = value
        }
        do {
            return try ScoreWeights(
                interest: values["interest"] ?? 0, grades: values["grades"] ?? 0, location: values["location"] ?? 0)
        } catch {
            throw ValidationError("--weights: \(error.description)")
        }
    }

    func run() throws {
        let settings = try settings()
        let actor = AuditLog.currentUser
        let connection = try DatabaseLocator(options: database).open()
        defer { connection.close() }
        let lock = MatchRunLock(connection: connection)
        if wait {
            try lock.acquireWaiting(actor: actor) { holder in Terminal.note("waiting: \(holder)") }
        } else {
            try lock.acquire(actor: actor)
        }
        defer { try? lock.release() }

        let followup = onlyFollowup ? try FollowupSource.scope(connection, cohort: cohort) : nil
        let runID = try Self.perform(
            connection, settings: settings, cohort: cohort, followup: followup, actor: actor,
            showProgress: Terminal.stderrIsTerminal)
        let store = MatchRunStore(connection: connection)
        let record = try store.run(runID)
        if output.json { return try Terminal.printJSON(RunSummaryJSON(record)) }
        print(MatchText.summary(record))
        print("\nnext: `pathway match explain \(runID) STUDENT_ID`, `pathway match export \(runID) --what assignments --format csv --output FILE`")
    }

    /// Reads the inputs, scores, assigns and stores one run; returns its id. The caller holds
    /// the `MatchRunLock`.
    static func perform(
        _ connection: PostgresConnection, settings: MatchSettings, cohort: Int?, followup: FollowupScope?,
        actor: String, showProgress: Bool
    ) throws -> Int64 {
        var timings: [String: Double] = [:]
        let clock = ContinuousClock()
        var lapStart = clock.now
        func lap(_ step: String) {
            let now = clock.now
            timings[step] = (now - lapStart).seconds
            lapStart = now
        }

        let inputs = try MatchInputs.load(connection, cohort: cohort, followup: followup)
        guard !inputs.students.isEmpty else { throw MatchRunError.noStudents(cohort: cohort) }
        guard !inputs.programs.isEmpty else { throw MatchRunError.noPrograms }
        lap("read")
        let large = showProgress && inputs.students.count >= progressThreshold
        if large { Terminal.note("scoring \(inputs.students.count) students against \(inputs.programs.count) programmes") }
        let matcher = try Matcher(students: inputs.students, programs: inputs.programs, settings: settings)
        lap("prepare")
        let candidates = matcher.scorer.candidates()
        lap("score")
        if large { Terminal.note("assigning seats (\(settings.strategy.rawValue)) among \(candidates.pairCount) candidates") }
        let result = Matcher.assign(candidates, settings: settings)
        lap("assign")

        return try MatchRunStore(connection: connection).save(
            result, cohort: cohort, onlyFollowup: followup != nil, timings: timings, actor: actor
        ) { progress in
            if large {
                Terminal.note("saving: \(progress.rowsWritten * 100 / max(1, progress.rowsTotal))% of \(progress.rowsTotal) rows")
            }
        }
    }
}

/// Where `--only-followup` gets its students and free seats: the follow-up ledger (issue 6) —
/// the cohort's students whom no open or enrolled referral holds, and each programme's seats
/// minus its open and enrolled referrals.
enum FollowupSource {
    static func scope(_ connection: PostgresConnection, cohort: Int?) throws -> FollowupScope {
        let ledger = FollowupLedger(connection: connection)
        let students = try ledger.studentIDs(cohort: cohort)
        guard !students.isEmpty else {
            let which = cohort.map { " of cohort \($0)" } ?? ""
            throw CommandFailure(
                "nobody\(which) is on the follow-up ledger: every student has an open or enrolled referral (`pathway followup` lists the ledger)")
        }
        return FollowupScope(studentIDs: students, freeSeats: try ledger.freeSeats())
    }
}
