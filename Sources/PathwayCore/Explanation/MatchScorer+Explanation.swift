extension MatchScorer {
    /// Explains one pair of this run, eligible or not; nil when either id is unknown.
    ///
    /// `studentRank` is filled in only by `explain(studentID:in:)`, which knows the candidate lists.
    public func explain(studentID: String, programID: String) -> Explanation? {
        guard let s = studentIndexByID[studentID], let p = programIndexByID[programID] else { return nil }
        return explain(student: s, program: p, row: congruenceRow(student: s), rank: nil)
    }

    func explain(student s: Int, program p: Int, row: [Double]?, rank: Int?) -> Explanation {
        let student = students[s]
        let program = programs[p]

        let wish = studentHasWishes[s]
            ? InterestComponent.bestWish(in: student.wishes, programID: program.id, category: program.category)
            : nil
        var interestMissing: [MissingEvidence] = []
        if !studentHasWishes[s] { interestMissing.append(.wishes) }
        if student.hollandCode == nil { interestMissing.append(.studentHollandCode) }
        if program.hollandCode == nil { interestMissing.append(.programHollandCode) }
        var iachanM: Int?
        if let a = student.hollandCode, let b = program.hollandCode {
            iachanM = HollandCongruence.iachanM(student: a, program: b)
        }
        let interest = InterestDetail(
            value: self.interest(student: s, program: p, row: row), wish: wish,
            wishPart: wishPart(student: s, program: p), studentHollandCode: student.hollandCode,
            programHollandCode: program.hollandCode, iachanM: iachanM,
            congruence: congruencePart(program: p, row: row), missing: interestMissing)

        let profileNumber = Int(grades.programProfile[p])
        var standings: [SubjectStanding] = []
        var strength: Double?
        if profileNumber >= 0 {
            let profile = grades.profiles[profileNumber]
            for (k, subject) in profile.subjects.enumerated() {
                let percentile = grades.subjectPercentile(student: s, subject: subject)
                standings.append(SubjectStanding(
                    subject: grades.subjectNames[subject], weight: profile.weights[k],
                    percentile: percentile, valueUsed: percentile ?? grades.overall[s]))
            }
            strength = grades.strength(student: s, profile: profileNumber)
        }
        let gradesDetail = GradesDetail(
            value: grades.component(student: s, program: p), keySubjects: standings, strength: strength,
            overallStanding: grades.overall[s], overallBasis: grades.overallBasis[s],
            cohortSize: students.count)

        let distance = distanceKm(student: s, program: p)
        // The route, when its distance is the one used (not one shorter than the straight line).
        let route = travel.route(
            township: student.township, village: student.village, programID: program.id, schoolID: program.schoolID
        ).flatMap { ($0.effectiveKm ?? -1) >= distance ? $0 : nil }
        let location = LocationDetail(
            value: LocationDecay.component(distanceKm: distance, boarding: program.boarding),
            distanceKm: distance, route: route, boarding: program.boarding,
            halfLifeKm: LocationDecay.halfLifeKm(boarding: program.boarding))

        return Explanation(
            studentID: student.id, programID: program.id, programName: program.name,
            category: program.category, weights: settings.weights, interest: interest,
            grades: gradesDetail, location: location,
            score: settings.weights.total(interest: interest.value, grades: gradesDetail.value, location: location.value),
            ineligibility: EligibilityRules.reasons(
                student: student, program: program, distanceKm: distance, maxCommuteKm: settings.maxCommuteKm,
                refusal: refusals[s]?[Int32(p)]),
            studentRank: rank)
    }

    /// Explains one student's outcome in `result`, which must come from this scorer's run;
    /// nil when the student is unknown to either.
    public func explain(studentID: String, in result: MatchResult) -> StudentExplanation? {
        let set = result.candidateSet
        guard let s = studentIndexByID[studentID], let setIndex = set.studentIndex(of: studentID) else { return nil }
        let row = congruenceRow(student: s)
        let candidateCount = set.candidateCount(ofStudent: setIndex)
        var rankOfProgram: [Int: Int] = [:]
        for rank in 1...max(1, candidateCount) where rank <= candidateCount {
            let programID = set.programIDs[set.programIndex(ofStudent: setIndex, rank: rank)]
            if let p = programIndexByID[programID] { rankOfProgram[p] = rank }
        }

        var all = programs.indices.map { p in explain(student: s, program: p, row: row, rank: rankOfProgram[p]) }
        let eligibleOrder = all.indices.filter { all[$0].isEligible }.sorted {
            TopCandidates.isBetterPair(all[$0].score, $0, than: all[$1].score, $1)
        }
        var eligibleRank: [Int: Int] = [:]
        for (position, p) in eligibleOrder.enumerated() { eligibleRank[p] = position + 1 }

        var candidates: [Explanation] = []
        var nonCandidates: [NonCandidate] = []
        for p in all.indices {
            if rankOfProgram[p] != nil { continue }
            let reason: NonCandidateReason = all[p].isEligible
                ? .belowCutoff(rankAmongEligible: eligibleRank[p] ?? 0, candidateLimit: settings.candidateLimit)
                : .ineligible(all[p].ineligibility)
            nonCandidates.append(NonCandidate(reason: reason, explanation: all[p]))
        }
        for rank in 1...max(1, candidateCount) where rank <= candidateCount {
            let programID = set.programIDs[set.programIndex(ofStudent: setIndex, rank: rank)]
            if let p = programIndexByID[programID] { candidates.append(all[p]) }
        }
        all.removeAll()

        var placedProgramID: String?
        var placedProgramName: String?
        var placedRank: Int?
        var fullCandidates: [FullCandidate] = []
        if let placements = result.placements, result.settings.strategy != .parallel {
            placedRank = placements.studentRank(ofStudent: setIndex)
            if let rank = placedRank {
                placedProgramID = set.programIDs[set.programIndex(ofStudent: setIndex, rank: rank)]
                placedProgramName = placedProgramID.flatMap { programIndexByID[$0] }.map { programs[$0].name }
            }
            let intake = ProgramIntake(set, placements)
            let above = (placedRank ?? (candidateCount + 1)) - 1
            for rank in 1...max(1, above) where rank <= above {
                let pair = set.offsets[setIndex] + rank - 1
                let q = Int(set.program[pair])
                guard intake.admitted[q] >= max(0, set.seats[q]), intake.admitted[q] > 0 else { continue }
                let name = programIndexByID[set.programIDs[q]].map { programs[$0].name } ?? set.programIDs[q]
                fullCandidates.append(FullCandidate(
                    programID: set.programIDs[q], programName: name, studentRank: rank, seats: set.seats[q],
                    admitted: intake.admitted[q], lowestAdmittedPriority: intake.lowestPriority[q],
                    studentPriority: set.priority[pair]))
            }
        }
        if let placements = result.placements, result.settings.strategy == .parallel {
            placedRank = placements.studentRank(ofStudent: setIndex)
            if let rank = placedRank {
                placedProgramID = set.programIDs[set.programIndex(ofStudent: setIndex, rank: rank)]
                placedProgramName = placedProgramID.flatMap { programIndexByID[$0] }.map { programs[$0].name }
            }
        }
        var explanation = StudentExplanation(
            studentID: studentID, strategy: result.settings.strategy,
            candidateLimit: result.settings.candidateLimit, placedProgramID: placedProgramID,
            placedProgramName: placedProgramName, placedRank: placedRank, candidates: candidates,
            fullCandidates: fullCandidates, nonCandidates: nonCandidates)
        explanation.parallel = parallelTrace(student: setIndex, in: result)
        explanation.lotteryTies = result.settings.seed != nil
        return explanation
    }
}
