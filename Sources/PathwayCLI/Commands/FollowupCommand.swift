import ArgumentParser
import Foundation
import PathwayCore
import PathwayStorage

/// `pathway followup list`: the follow-up ledger (一人一案), everyone no referral holds.
struct FollowupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "followup",
        abstract: "The follow-up ledger: students without an open or successful referral.",
        subcommands: [List.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every student no open or enrolled referral holds, why, who follows them, and for how long.",
            discussion: """
            Reasons: never_matched (in no match run yet), unplaced (the latest run left them \
            without a seat), not_referred (placed, but no referral made from that run yet), \
            declined, no_show, withdrawn. The responsible person is the assignee of the \
            student's latest referral; without one, whoever made the latest run that included \
            them (for a student never matched, the region's latest run). Days are counted from \
            the event behind the reason. `pathway match run --only-followup` matches these \
            students into the seats still free.

            Example: pathway followup list --cohort 2026
            """)
        @Option(help: ArgumentHelp("Only this cohort (the year they leave junior school).", valueName: "year"))
        var cohort: Int?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let connection = try DatabaseLocator(options: database).open()
            defer { connection.close() }
            let entries = try FollowupLedger(connection: connection).entries(cohort: cohort)
            if output.json { return try Terminal.printJSON(entries) }
            var table = TextTable(
                ["student_id", "name", "junior school", "reason", "responsible", "days", "run", "referral"], rightAligned: [5])
            for e in entries {
                table.append([
                    e.studentID, e.studentName, e.juniorSchool ?? "", e.reason.phrase, e.responsible ?? "(nobody yet)",
                    String(e.waitingDays), e.runID.map(String.init) ?? "", e.referenceNumber ?? "",
                ])
            }
            print(table.text)
            let counts = Dictionary(grouping: entries, by: \.reason).mapValues(\.count)
            let summary = FollowupReason.allCases.compactMap { reason in counts[reason].map { "\($0) \(reason.rawValue)" } }
            print("\(entries.count) students to follow up" + (summary.isEmpty ? "" : ": " + summary.joined(separator: ", ")))
        }
    }
}
