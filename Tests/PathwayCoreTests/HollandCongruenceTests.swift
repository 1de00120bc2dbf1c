import Testing
@testable import PathwayCore

@Suite("Holland congruence (Iachan's M index)")
struct HollandCongruenceTests {
    private func m(_ student: String, _ program: String) -> Int {
        guard let a = HollandCode(student), let b = HollandCode(program) else { return -1 }
        return HollandCongruence.iachanM(student: a, program: b)
    }

    @Test("known M values from the position weights")
    func knownValues() {
        #expect(m("RIC", "RIC") == 28)
        #expect(m("RIC", "IRC") == 21)  // 10 + 10 + 1
        #expect(m("RIC", "CIR") == 13)  // R 1st↔3rd 4, I 2nd↔2nd 5, C 3rd↔1st 4
        #expect(m("RIC", "SEA") == 0)
        #expect(m("SEA", "SAE") == 26)  // S 22, E 2nd↔3rd 2, A 3rd↔2nd 2
        #expect(m("R", "RIC") == 22)
        #expect(m("IR", "RIC") == 20)  // I 1st↔2nd 10, R 2nd↔1st 10
    }

    @Test("normalised by the most that codes of those lengths can score")
    func normalisation() throws {
        let ric = try #require(HollandCode("RIC"))
        let r = try #require(HollandCode("R"))
        let ir = try #require(HollandCode("IR"))
        #expect(HollandCongruence.normalized(student: ric, program: ric) == 1)
        #expect(HollandCongruence.normalized(student: r, program: ric) == 1)
        #expect(HollandCongruence.normalized(student: ir, program: ric) == 20.0 / 27.0)
        #expect(HollandCongruence.maximumM(studentLetters: 3, programLetters: 3) == 28)
        #expect(HollandCongruence.maximumM(studentLetters: 2, programLetters: 3) == 27)
    }

    @Test("the neutral value is the mean over all pairs of three-letter codes")
    func neutralIsTheMean() {
        let letters = Array("RIASEC")
        var codes: [HollandCode] = []
        for a in letters { for b in letters where b != a { for c in letters where c != a && c != b {
            if let code = HollandCode(String([a, b, c])) { codes.append(code) }
        } } }
        #expect(codes.count == 120)
        var sum = 0.0
        for a in codes { for b in codes { sum += HollandCongruence.normalized(student: a, program: b) } }
        #expect(abs(sum / Double(codes.count * codes.count) - HollandCongruence.neutral) < 1e-12)
    }
}
