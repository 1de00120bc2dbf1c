import Foundation
import PathwayCore
import PathwayLetters
import PathwayStorage
import PostgresClient

/// Gathers what the school letter of one referral says, from the database, for the letters
/// module (which never reads storage itself).
///
/// The reasons are left out: they come from the match run's explanation, which needs the whole
/// cohort and the run's settings to be recomputed exactly; the letter then simply has no
/// "推荐理由" section. Everything else is the referral's own data.
struct SchoolLetterSource {
    let connection: PostgresConnection
    let configuration: ServerConfiguration

    /// The letter of `referralID`, nil when the school may not see it (another school's, a draft).
    func letter(referralID: Int, schoolID: String) throws -> ReferralLetter? {
        guard try SchoolReferralQuery(connection: connection).referral(id: referralID, schoolID: schoolID) != nil
        else { return nil }
        let result = try connection.query(
            """
            SELECT reference_number, student_id, program_id, assignee,
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
            reasons: [], distanceKm: GreatCircle.distanceKm(from: student.home, to: program.location),
            counsellor: Counsellor(
                name: try row.decode("assignee"), phone: configuration.officePhone ?? "",
                organisation: configuration.office ?? ""),
            issuedOn: issuedOn)
    }
}
