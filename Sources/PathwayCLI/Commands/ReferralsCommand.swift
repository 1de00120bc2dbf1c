import ArgumentParser
import Foundation
import PathwayCore
import PathwayStorage
import PostgresClient

/// `pathway referrals`: turn a match run's placements into referrals and move them through
/// their lifecycle, each step recorded with who did it.
struct ReferralsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "referrals",
        abstract: "Make referrals from a match run and follow them until the student enrols.",
        discussion: """
        A referral moves: proposed -> approved -> sent -> acknowledged -> enrolled | declined | no_show. \
        A school may report enrolled, declined or no_show straight from sent. Any open referral \
        (proposed, approved, sent, acknowledged) may be withdrawn. Every change is kept in the \
        referral's history and the audit log, with who made it.

        Example:
          pathway referrals create --run 3 --assignee "王老师"
          pathway referrals approve 17 18 19
          pathway referrals send 17 18 19
          pathway referrals outcome 17 enrolled --note "报到 9月1日"
        """,
        subcommands: [Create.self, Approve.self, Send.self, Withdraw.self, Outcome.self, List.self, Show.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make one proposed referral for every student a run placed.",
            discussion: """
            Running it again creates nothing new. A student whom an open or enrolled referral \
            from another run already holds is skipped: one child, one live referral. Students \
            whose earlier referral was declined, not taken up or withdrawn are referred again.

            Example: pathway referrals create --run 3 --assignee "招生办 刘老师"
            """)
        @Option(name: .customLong("run"), help: ArgumentHelp("The match run whose placements to refer.", valueName: "run_id"))
        var runID: Int
        @Option(help: ArgumentHelp(
            "Who follows these students until they enrol (default: PATHWAY_ACTOR or your user name).",
            valueName: "name"))
        var assignee: String?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let connection = try DatabaseLocator(options: database).open()
            defer { connection.close() }
            let actor = AuditLog.currentUser
            let creation = try ReferralsCommand.reporting {
                try ReferralStore(connection: connection).createReferrals(run: runID, assignee: assignee ?? actor, actor: actor)
            }
            if output.json { return try Terminal.printJSON(creation) }
            print("run \(creation.runID): \(creation.placed) students placed, \(creation.created) referrals made")
            if creation.alreadyReferred > 0 {
                print("\(creation.alreadyReferred) already had a referral from this run")
            }
            if creation.heldByOtherRun > 0 {
                print("\(creation.heldByOtherRun) skipped: an open or enrolled referral from another run holds them")
            }
            if creation.created > 0 { print("next: pathway referrals list --run \(creation.runID)") }
        }
    }

    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Approve proposed referrals, so their letters may go out.",
            discussion: ReferralsCommand.batchDiscussion("approve", from: "proposed"))
        @OptionGroup var change: BatchChange

        func run() throws { try change.apply(.approved) }
    }

    struct Send: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mark approved referrals as sent; the school can then see them.",
            discussion: ReferralsCommand.batchDiscussion("send", from: "approved"))
        @OptionGroup var change: BatchChange

        func run() throws { try change.apply(.sent) }
    }

    struct Withdraw: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Withdraw open referrals (wrong data, the student moved, a better match).",
            discussion: ReferralsCommand.batchDiscussion("withdraw", from: "proposed, approved, sent or acknowledged"))
        @OptionGroup var change: BatchChange

        func run() throws { try change.apply(.withdrawn) }
    }

    struct Outcome: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record what the school reported: acknowledged, enrolled, declined or no_show.",
            discussion: """
            enrolled, declined and no_show are accepted from sent or acknowledged; acknowledged \
            from sent. A declined or no_show student goes on the follow-up list \
            (`pathway followup list`).

            Example: pathway referrals outcome 17 declined --note "家长希望就近读书"
            """)
        @Argument(help: ArgumentHelp("The referral's id.", valueName: "id"))
        var id: Int
        @Argument(help: ArgumentHelp("acknowledged, enrolled, declined or no_show.", valueName: "outcome"))
        var outcome: String
        @Option(help: ArgumentHelp("Why, or anything the next person should know.", valueName: "text"))
        var note: String?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        static let outcomes: [ReferralStatus] = [.acknowledged] + ReferralStatus.outcomes

        func validate() throws {
            guard let status = ReferralStatus(rawValue: outcome), Self.outcomes.contains(status) else {
                throw ValidationError(
                    "unknown outcome \"\(outcome)\"; use one of \(Self.outcomes.map(\.rawValue).joined(separator: ", "))")
            }
        }

        func run() throws {
            let status = ReferralStatus(rawValue: outcome) ?? .enrolled
            try BatchChange(ids: [id], note: note, database: database, output: output).apply(status)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List referrals, by school, status or run.",
            discussion: "Example: pathway referrals list --school S01 --status sent")
        @Option(help: ArgumentHelp("Only this vocational school's referrals.", valueName: "school_id"))
        var school: String?
        @Option(help: ArgumentHelp(
            "Only referrals in this status (\(ReferralStatus.allCases.map(\.rawValue).joined(separator: ", "))).",
            valueName: "status"))
        var status: String?
        @Option(name: .customLong("run"), help: ArgumentHelp("Only referrals made from this match run.", valueName: "run_id"))
        var runID: Int?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if let status, ReferralStatus(rawValue: status) == nil {
                throw ValidationError(
                    "unknown status \"\(status)\"; use one of \(ReferralStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }

        func run() throws {
            let connection = try DatabaseLocator(options: database).open()
            defer { connection.close() }
            let filter = ReferralStore.Filter(schoolID: school, status: status.flatMap(ReferralStatus.init(rawValue:)), runID: runID)
            let referrals = try ReferralStore(connection: connection).list(filter)
            if output.json { return try Terminal.printJSON(referrals) }
            print(ReferralsCommand.table(referrals).text)
            print("\(referrals.count) referrals")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one referral and every change it went through.",
            discussion: "Example: pathway referrals show 17")
        @Argument(help: ArgumentHelp("The referral's id.", valueName: "id"))
        var id: Int
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let connection = try DatabaseLocator(options: database).open()
            defer { connection.close() }
            guard let history = try ReferralStore(connection: connection).show(id) else {
                throw CommandFailure("no referral has the id \(id); `pathway referrals list` shows them")
            }
            if output.json { return try Terminal.printJSON(history) }
            let r = history.referral
            let fields: [(String, String)] = [
                ("referral", "\(r.id) (\(r.referenceNumber))"), ("status", r.status.rawValue),
                ("student", "\(r.studentID) \(r.studentName)"), ("programme", "\(r.programID) \(r.programName)"),
                ("school", "\(r.schoolID) \(r.schoolName)"), ("score", r.score.map { String(format: "%.1f", $0) } ?? ""),
                ("run", String(r.runID)), ("assignee", r.assignee), ("sent", r.sentAt.map(MatchText.minute) ?? ""),
            ]
            for (label, value) in fields { print(label.padding(toLength: 12, withPad: " ", startingAt: 0) + value) }
            print("")
            var table = TextTable(["when (UTC)", "from", "to", "who", "note"])
            for event in history.events {
                table.append([MatchText.minute(event.at), event.from?.rawValue ?? "", event.to.rawValue, event.actor, event.note ?? ""])
            }
            print(table.text)
        }
    }

    /// The ids, note and options of approve, send and withdraw.
    struct BatchChange: ParsableArguments {
        @Argument(help: ArgumentHelp("One or more referral ids.", valueName: "id"))
        var ids: [Int]
        @Option(help: ArgumentHelp("Why, recorded in each referral's history.", valueName: "text"))
        var note: String?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        init() {}

        init(ids: [Int], note: String?, database: DatabaseOptions, output: OutputOptions) {
            self.ids = ids
            self.note = note
            self.database = database
            self.output = output
        }

        func validate() throws {
            guard !ids.isEmpty else { throw ValidationError("give at least one referral id") }
        }

        /// Moves every referral in one transaction: all or none.
        func apply(_ status: ReferralStatus) throws {
            let connection = try DatabaseLocator(options: database).open()
            defer { connection.close() }
            let moved = try ReferralsCommand.reporting {
                try ReferralStore(connection: connection).transition(
                    referralIDs: ids, to: status, actor: AuditLog.currentUser, note: note)
            }
            if output.json { return try Terminal.printJSON(moved) }
            for referral in moved {
                print("referral \(referral.id) (\(referral.referenceNumber), \(referral.studentName)): now \(referral.status.rawValue)")
            }
        }
    }

    static func batchDiscussion(_ verb: String, from: String) -> String {
        """
        Accepted from \(from). With several ids the change is all or nothing: if one referral \
        cannot change (unknown id, or a state that does not allow it) none is changed, and the \
        message names the referral and both states.

        Example: pathway referrals \(verb) 17 18 19 --note "县教育局 11月审核"
        """
    }

    /// Runs `body`, turning referral errors into messages for the terminal (exit status 1).
    static func reporting<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ReferralError {
            throw CommandFailure(error.description)
        }
    }

    static func table(_ referrals: [Referral]) -> TextTable {
        var table = TextTable(
            ["id", "reference", "status", "student", "name", "programme", "school", "assignee", "updated (UTC)"], rightAligned: [0])
        for r in referrals {
            table.append([
                String(r.id), r.referenceNumber, r.status.rawValue, r.studentID, r.studentName, r.programID, r.schoolID,
                r.assignee, MatchText.minute(r.updatedAt),
            ])
        }
        return table
    }
}
