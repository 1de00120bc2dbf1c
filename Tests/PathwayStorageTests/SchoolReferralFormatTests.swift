import PathwayCore
import PathwayStorage
import Testing

/// The CSV a school opens in Excel or WPS: no cell may run as a formula.
@Suite("School referral files")
struct SchoolReferralFormatTests {
    @Test("cells a spreadsheet would run as formulas are made inert, the JSON keeps them as they are")
    func formulasAreInert() {
        let row = SchoolReferral(
            referralID: 7, studentID: "QL1", name: #"=HYPERLINK("http://x.example","看这里")"#, gender: "F",
            birthDate: "2011-03-04", school: "@清水镇中学", guardianName: "-张三", guardianPhone: "+8613800000000",
            programID: "P1", programName: "数控", score: 71.5, status: "sent", sentAt: nil, updatedAt: "2026-09-01T08:00:00.000000Z")
        let csv = SchoolReferralFormat.csv.render([row])
        let cells = csv.split(separator: "\r\n")[1]
        #expect(cells.contains(#""'=HYPERLINK(""http://x.example"",""看这里"")""#))
        #expect(cells.contains(",'@清水镇中学,"))
        #expect(cells.contains(",'-张三,'+8613800000000,"))
        #expect(cells.contains(",71.5,"), "numbers stay numbers")
        let json = SchoolReferralFormat.json.render([row])
        #expect(json.contains(#""guardian_phone":"+8613800000000""#))
    }
}
