import Foundation
import PathwayCore
import PathwayLetters
import PathwayStorage
import PostgresClient

/// Gathers what the school letter of one referral says, from the database, for the letters
/// module (which never reads storage itself).
///
/// The student, programme, school and reasons come from `ReferralStore.dossiers`, as for
/// `pathway letters render`: the reasons are the run's own explanation of the pair, rebuilt from
/// the stored run; when the run cannot be rebuilt the letter has no reasons section.
struct SchoolLetterSource {
    let connection: PostgresConnection
    let configuration: ServerConfiguration

    /// The letter of `referralID`, nil when the school may not see it (another school's, a draft).
    func letter(referralID: Int, schoolID: String, language: Language) throws -> ReferralLetter? {
        let store = ReferralStore(connection: connection)
        guard let referral = try store.show(referralID, schoolID: schoolID)?.referral,
              let dossier = try store.dossiers([referral]).dossiers.first,
              let issuedOn = CalendarDate(utcDayOf: referral.sentAt ?? Date())
        else { return nil }
        return ReferralLetter(
            referenceNumber: referral.referenceNumber, student: dossier.student, program: dossier.program,
            school: dossier.school,
            reasons: dossier.explanation.map { LetterReasons.sentences(for: $0, language: language) } ?? [],
            distanceKm: GreatCircle.distanceKm(from: dossier.student.home, to: dossier.program.location),
            counsellor: Counsellor(
                name: referral.assignee, phone: configuration.officePhone ?? "", organisation: configuration.office ?? ""),
            issuedOn: issuedOn)
    }
}

extension CalendarDate {
    /// The calendar day of `date` in UTC, as PostgreSQL's `::date` gives it in Pathway's sessions.
    init?(utcDayOf date: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        guard let year = parts.year, let month = parts.month, let day = parts.day else { return nil }
        self.init(year: year, month: month, day: day)
    }
}
