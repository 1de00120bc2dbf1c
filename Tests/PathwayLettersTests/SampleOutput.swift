import Foundation
import Testing
@testable import PathwayLetters

@Suite("Sample output for eyes")
struct SampleOutput {
    @Test("writes samples when PATHWAY_LETTER_SAMPLES names a folder")
    func samples() throws {
        guard let path = ProcessInfo.processInfo.environment["PATHWAY_LETTER_SAMPLES"] else { return }
        let folder = URL(fileURLWithPath: path)
        let writer = LetterBatchWriter(renderer: try LetterRenderer())
        for language in [LetterLanguage.chinese, .english] {
            for format in LetterFormat.allCases {
                _ = try writer.write([LetterFixtures.letter(), LetterFixtures.letter(name: "O'Neil <b>", reference: "R-2")], kinds: [.school, .family], language: language, format: format, to: folder)
            }
        }
    }
}
