import ArgumentParser
import Foundation
import PathwayStorage

/// `pathway export`: one school's referrals as a file, for schools without an API client.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write one vocational school's referrals to a CSV or JSON file, as the API serves them.",
        discussion: """
        The file holds the rows `GET /v1/referrals` gives that school's token, with the same \
        columns: referral_id, student_id, name, gender, birth_date, school, guardian_name, \
        guardian_phone, program_id, program_name, score, status, sent_at, updated_at. CSV is \
        UTF-8 with a BOM and CRLF, so Excel and WPS open it with a double click. Every export is \
        written to the audit log.

        Examples:
          pathway export --school S01 --format csv --output 县职教中心-转介名单.csv
          pathway export --school S01 --format json | jq length
        """
    )

    @Option(help: ArgumentHelp("The school whose referrals to write (see `pathway schools list`).", valueName: "school_id"))
    var school: String

    @Option(help: ArgumentHelp("csv or json.", valueName: "format"))
    var format = "csv"

    @Option(help: ArgumentHelp("File to write (replaced whole); stdout when omitted.", valueName: "file"))
    var output: String?

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard SchoolReferralFormat(rawValue: format) != nil else {
            throw ValidationError("--format must be csv or json, not \"\(format)\"")
        }
    }

    func run() throws {
        let format = SchoolReferralFormat(rawValue: self.format) ?? .csv
        let connection = try DatabaseLocator(options: database).open()
        defer { connection.close() }
        guard try connection.query("SELECT 1 FROM schools WHERE school_id = $1", [school]).rowCount == 1 else {
            throw CommandFailure("there is no school \(school); `pathway schools list` shows the school ids")
        }
        let audit = SchoolReferralQuery.Audit(
            actor: AuditLog.currentUser, action: "referrals.export",
            details: ["endpoint": "pathway export", "format": .string(format.rawValue), "output": .string(output ?? "stdout")])
        let output = self.output
        let page = try SchoolReferralQuery(connection: connection).read(schoolID: school, audit: audit) { page in
            let data = Data(format.render(page.rows).utf8)
            if let output {
                try data.write(to: URL(fileURLWithPath: output), options: .atomic)
            } else {
                FileHandle.standardOutput.write(data)
            }
        }
        if let output { Terminal.note("wrote \(page.rows.count) referrals of school \(school) to \(output)") }
    }
}
