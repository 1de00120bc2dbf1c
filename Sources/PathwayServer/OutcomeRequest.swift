import Foundation
import Hummingbird
import PathwayCore

/// The body of `POST /v1/referrals/{id}/outcome`: what became of the student, why (for a
/// decline or a no-show), and a note.
struct OutcomeRequest: Sendable {
    /// Longest note accepted; a note is a sentence for the county's follow-up staff.
    static let maximumNoteLength = 2000

    var outcome: ReferralStatus
    var reason: OutcomeReason?
    var note: String?

    private struct Body: Decodable {
        var outcome: String?
        var reason: String?
        var note: String?
    }

    /// Reads and checks the body; every problem is a 400 that says what a correct body is.
    init(_ request: Request) async throws {
        let example = #"{"outcome": "enrolled", "note": "..."}"#
        let buffer = try await request.body.collect(upTo: 64 * 1024)
        let body: Body
        do {
            body = try JSONDecoder().decode(Body.self, from: Data(buffer.readableBytesView))
        } catch {
            throw APIError.badRequest("the body must be a JSON object like \(example)")
        }
        guard let outcome = body.outcome else {
            throw APIError.badRequest("the body needs \"outcome\", e.g. \(example)")
        }
        let reports = ReferralStatus.schoolReports
        guard let status = ReferralStatus(rawValue: outcome), reports.contains(status) else {
            throw APIError.badRequest(
                "unknown outcome \"\(outcome)\"; use one of \(reports.map(\.rawValue).joined(separator: ", "))")
        }
        var reason: OutcomeReason?
        if let text = body.reason {
            let codes = OutcomeReason.given.map(\.rawValue).joined(separator: ", ")
            guard let given = OutcomeReason(rawValue: text), given != .registration_closed else {
                throw APIError.badRequest("unknown reason \"\(text)\"; use one of \(codes)")
            }
            let takesReason = ReferralStatus.schoolReports.filter { OutcomeReason.statuses.contains($0) }
            guard takesReason.contains(status) else {
                throw APIError.badRequest(
                    "a reason goes with \(takesReason.map(\.rawValue).joined(separator: " or ")) only, not with \(status.rawValue)")
            }
            reason = given
        }
        let note = body.note?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let note, note.count > Self.maximumNoteLength {
            throw APIError.badRequest("the note is longer than \(Self.maximumNoteLength) characters")
        }
        // PostgreSQL text cannot hold U+0000 and would cut the note there; other control
        // characters (but line breaks and tabs) would reach staff terminals raw.
        if let note, note.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && !"\n\r\t".unicodeScalars.contains($0) }) {
            throw APIError.badRequest("the note contains a control character (such as U+0000); send plain text")
        }
        self.outcome = status
        self.reason = reason
        self.note = note?.isEmpty == true ? nil : note
    }
}
