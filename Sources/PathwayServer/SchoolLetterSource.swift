import Foundation
import PathwayCore
import PathwayLetters
import PathwayStorage
import PostgresClient

/// Gathers what the school letter of one referral says, from the database, for the letters
/// module (which never reads storage itself).
///
/// The reasons are the match run's own explanation of the pair, rebuilt from the stored run
/// (its students, programmes and settings) as `pathway match explain` does. When the run cannot
/// be rebuilt (settings from an older version, a programme removed since), the letter has no
/// reasons section rather than failing.
struct SchoolLetterSource {
    let connection: PostgresConnection
    let configuration: ServerConfiguration

    /// The letter of `referralID`, nil when the school may not see it (another school's, a draft).
    func letter(referralID: Int, schoolID: String, language: Language) throws -> ReferralLetter? {
        guard try SchoolReferralQuery(connection: connection).referral(id: referralID, schoolID: schoolID) != nil
        else { return nil }
        let result = try connection.query(
            """
            SELECT reference_number, run_id, student_id, program_id, assignee,
                   COALESCE(sent_at, now())::date::text AS issued_on
            FROM referrals WHERE referral_id = $1 AND school_id = $2
            """,
            [referralID, schoolID])
        guard let row = result.rows.first else { return nil }
        let studentID: String = try row.decode("student_id")
        let programID: String = try row.decode("program_id")
        let directory = CountyDirectory(connection: connection)
        guard let student = try directory.students(CountyDirectory.StudentFilter(ids: [studentID])).first,
              let program = try directory.programs(schoolID: schoolID).first(where: { $0.id == programID }),
              let school = try directory.schools().first(where: { $0.id == schoolID }),
              let issuedOn = CalendarDate(parsing: try row.decode("issued_on", as: String.self))
        else { return nil }
        return ReferralLetter(
            referenceNumber: try row.decode("reference_number"), student: student, program: program, school: school,
            reasons: reasons(runID: try row.decode("run_id"), studentID: studentID, programID: programID, language: language),
            distanceKm: GreatCircle.distanceKm(from: student.home, to: program.location),
            counsellor: Counsellor(
                name: try row.decode("assignee"), phone: configuration.officePhone ?? "",
                organisation: configuration.office ?? ""),
            issuedOn: issuedOn)
    }

    /// Why the run chose this programme for the student, in the letter's language.
    private func reasons(runID: Int64, studentID: String, programID: String, language: Language) -> [String] {
        let store = MatchRunStore(connection: connection)
        guard let run = try? store.run(runID), let inputs = try? store.inputs(of: runID).inputs,
              let scorer = try? MatchScorer(students: inputs.students, programs: inputs.programs, settings: run.settings),
              let explanation = scorer.explain(studentID: studentID, programID: programID)
        else { return [] }
        return LetterReasons.sentences(for: explanation, language: language)
    }
}
