import PathwayCore
import Testing

@Suite("Referral lifecycle")
struct ReferralStatusTests {
    /// Every allowed move, written out by hand from the lifecycle in issue 6, so the table in
    /// the code is checked against an independent statement of the rule.
    static let legal: Set<String> = [
        "proposed>approved", "proposed>withdrawn",
        "approved>sent", "approved>withdrawn",
        "sent>acknowledged", "sent>enrolled", "sent>declined", "sent>no_show", "sent>withdrawn",
        "acknowledged>enrolled", "acknowledged>declined", "acknowledged>no_show", "acknowledged>withdrawn",
        // Registration closing (Pathway's own move) ends any open referral.
        "proposed>expired", "approved>expired", "sent>expired", "acknowledged>expired",
    ]

    static let pairs: [(ReferralStatus, ReferralStatus)] = ReferralStatus.allCases.flatMap { from in
        ReferralStatus.allCases.map { (from, $0) }
    }

    @Test(arguments: pairs)
    func everyPairIsAllowedOrRefusedAsTheRuleSays(from: ReferralStatus, to: ReferralStatus) throws {
        let expected = Self.legal.contains("\(from.rawValue)>\(to.rawValue)")
        #expect(from.canMove(to: to) == expected)
        if expected {
            #expect(try from.checkMove(to: to, referralID: 7) == to)
        } else {
            let error = #expect(throws: ReferralTransitionError.self) { try from.checkMove(to: to, referralID: 7) }
            #expect(error == ReferralTransitionError(referralID: 7, from: from, to: to))
            #expect(error?.description.hasPrefix("cannot move referral 7 from \(from.rawValue) to \(to.rawValue)") == true)
        }
    }

    @Test func theMessageNamesBothStatesAndWhy() {
        #expect(ReferralTransitionError(referralID: 12, from: .enrolled, to: .approved).description
            == "cannot move referral 12 from enrolled to approved: enrolled is final")
        #expect(ReferralTransitionError(referralID: 3, from: .proposed, to: .sent).description
            == "cannot move referral 3 from proposed to sent: from proposed it may only become approved or withdrawn")
        #expect(ReferralTransitionError(referralID: 4, from: .sent, to: .sent).description
            == "cannot move referral 4 from sent to sent: it is already sent")
    }

    @Test func openTerminalAndSeatHolding() {
        let open = ReferralStatus.allCases.filter(\.isOpen)
        #expect(open == [.proposed, .approved, .sent, .acknowledged])
        #expect(ReferralStatus.allCases.filter(\.isTerminal) == [.enrolled, .declined, .no_show, .withdrawn, .expired])
        #expect(ReferralStatus.allCases.filter(\.holdsSeat) == [.proposed, .approved, .sent, .acknowledged, .enrolled])
        for status in ReferralStatus.allCases {
            #expect(status.isTerminal == status.successors.isEmpty)
            #expect(status.isOpen == status.canMove(to: .withdrawn))
        }
    }

    @Test func rawValuesAreTheDatabaseSpellings() {
        #expect(ReferralStatus.allCases.map(\.rawValue)
            == ["proposed", "approved", "sent", "acknowledged", "enrolled", "declined", "no_show", "withdrawn", "expired"])
        #expect(ReferralStatus(rawValue: "no-show") == nil)
    }
}
