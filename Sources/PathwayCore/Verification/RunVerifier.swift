/// Something a stored run does that its strategy's rule forbids.
public struct RunViolation: Sendable, Hashable, Codable {
    /// Which rule is broken.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// More students in a programme than its seats.
        case seatsExceeded = "seats_exceeded"
        /// A student placed in a programme that is not one of their candidates (not eligible).
        case notEligible = "not_eligible"
        /// An assignment whose rank is not that of its candidate row, or a programme the run never saw.
        case inconsistent
        /// A `ranked` run that placed somebody.
        case rankedPlaced = "ranked_placed"
        /// A stored lottery number that is not the seed's draw.
        case lottery
        /// `stable`: a student and a programme who would both rather be together.
        case blockingPair = "blocking_pair"
        /// `parallel`: the rule was not followed for this student.
        case parallelRule = "parallel_rule"
        /// `optimal`: no certificate, or one that does not prove optimality.
        case certificate
    }

    public let kind: Kind
    public let studentID: String?
    public let programID: String?
    public let english: String
    public let chinese: String

    public init(_ kind: Kind, student: String? = nil, program: String? = nil, _ english: String, _ chinese: String) {
        self.kind = kind
        studentID = student
        programID = program
        self.english = english
        self.chinese = chinese
    }

    /// The violation in words.
    public func sentence(in language: Language) -> String { language == .chinese ? chinese : english }
}

/// What `pathway match verify` found.
public struct RunVerification: Sendable, Hashable {
    /// The checks made, by name, in order.
    public let checks: [String]
    /// Every violation found (capped at `RunVerifier.violationLimit`), empty when the run is sound.
    public let violations: [RunViolation]
    /// How many violations there were in all.
    public let violationCount: Int

    public var isSound: Bool { violationCount == 0 }
}

/// Checks a stored run against its strategy's rule from the stored rows alone, by a code path of
/// its own: it never calls the algorithms that made the run, so a bug in one is not repeated in
/// the other, and a run changed by hand in the database is caught.
///
/// Every check is linear in the candidate pairs (with a sort of the students for `parallel`).
public enum RunVerifier {
    /// At most this many violations are listed; all are counted.
    public static let violationLimit = 1000

    public static func verify(_ run: StoredRun) -> RunVerification {
        var checker = Checker(run)
        checker.common()
        switch run.settings.strategy {
        case .ranked: checker.ranked()
        case .stable: checker.stable()
        case .parallel: checker.parallel()
        case .optimal: checker.optimal()
        }
        return RunVerification(checks: checker.checks, violations: checker.violations, violationCount: checker.count)
    }

    private struct Checker {
        let run: StoredRun
        var checks: [String] = []
        var violations: [RunViolation] = []
        var count = 0
        /// Per student (index of `run.assignments`), their candidate rows by programme id.
        var candidatesOf: [[String: Candidate]]
        var studentIndex: [String: Int] = [:]
        var programIndex: [String: Int] = [:]
        /// Per programme, the students placed there.
        var admitted: [[Int]]
        /// Per student, the candidate row of their placement, nil when unplaced.
        var placement: [Candidate?]

        init(_ run: StoredRun) {
            self.run = run
            for (i, a) in run.assignments.enumerated() { studentIndex[a.studentID] = i }
            for (i, p) in run.programs.enumerated() { programIndex[p.id] = i }
            candidatesOf = Array(repeating: [:], count: run.assignments.count)
            admitted = Array(repeating: [], count: run.programs.count)
            placement = Array(repeating: nil, count: run.assignments.count)
            for c in run.candidates {
                if let s = studentIndex[c.studentID] { candidatesOf[s][c.programID] = c }
            }
        }

        mutating func report(_ violation: RunViolation) {
            count += 1
            if violations.count < RunVerifier.violationLimit { violations.append(violation) }
        }

        func seats(_ p: Int) -> Int { max(0, run.programs[p].seats) }

        // MARK: every strategy

        mutating func common() {
            checks.append("eligible")
            for (s, a) in run.assignments.enumerated() {
                guard let programID = a.programID else { continue }
                guard let candidate = candidatesOf[s][programID] else {
                    report(RunViolation(
                        .notEligible, student: a.studentID, program: programID,
                        "\(a.studentID) is placed in \(programID), which is not one of their candidates",
                        "\(a.studentID) 被安置到 \(programID)，但它不是该生的候选专业（不符合条件）"))
                    continue
                }
                guard let p = programIndex[programID] else {
                    report(RunViolation(
                        .inconsistent, student: a.studentID, program: programID,
                        "\(a.studentID) is placed in \(programID), a programme the run did not see",
                        "\(a.studentID) 被安置到 \(programID)，但这次匹配没有这个专业"))
                    continue
                }
                if a.studentRank != candidate.studentRank {
                    report(RunViolation(
                        .inconsistent, student: a.studentID, program: programID,
                        "\(a.studentID)'s placement in \(programID) says rank \(a.studentRank.map(String.init) ?? "none"), its candidate row \(candidate.studentRank)",
                        "\(a.studentID) 在 \(programID) 的安置记为第 \(a.studentRank.map(String.init) ?? "无") 个候选，候选记录为第 \(candidate.studentRank) 个"))
                }
                placement[s] = candidate
                admitted[p].append(s)
            }
            checks.append("seats")
            for (p, program) in run.programs.enumerated() where admitted[p].count > seats(p) {
                report(RunViolation(
                    .seatsExceeded, program: program.id,
                    "\(program.id) has \(admitted[p].count) students in \(seats(p)) seats",
                    "\(program.id) 只有 \(seats(p)) 个学位，却安置了 \(admitted[p].count) 人"))
            }
            if let lottery = run.settings.lottery {
                checks.append("lottery")
                for a in run.assignments where a.lottery != lottery.number(forStudent: a.studentID) {
                    report(RunViolation(
                        .lottery, student: a.studentID,
                        "\(a.studentID)'s lottery number is not the draw of seed \(lottery.seed)",
                        "\(a.studentID) 的抽签号不是种子 \(lottery.seed) 抽出的号"))
                }
            }
        }

        mutating func ranked() {
            checks.append("ranked_assigns_nothing")
            for a in run.assignments where a.programID != nil {
                report(RunViolation(
                    .rankedPlaced, student: a.studentID, program: a.programID,
                    "\(a.studentID) is placed although a ranked run assigns no seats",
                    "ranked 只列候选，不分配学位，但 \(a.studentID) 被安置了"))
            }
        }

        // MARK: stable

        /// Whether student `a` comes before `b` at a programme where their priorities are equal.
        func tieWinner(_ a: Int, _ b: Int) -> Bool {
            let la = run.assignments[a].lottery, lb = run.assignments[b].lottery
            if run.settings.seed != nil, let la, let lb, la != lb { return la < lb }
            return run.assignments[a].studentID.utf8.lexicographicallyPrecedes(run.assignments[b].studentID.utf8)
        }

        mutating func stable() {
            checks.append("no_blocking_pair")
            // Per programme, the weakest student admitted (lowest priority; of equals, the tie's loser).
            var weakest = [Int?](repeating: nil, count: run.programs.count)
            for p in run.programs.indices {
                let programID = run.programs[p].id
                for s in admitted[p] {
                    guard let current = weakest[p] else {
                        weakest[p] = s
                        continue
                    }
                    let mine = candidatesOf[s][programID]?.programPriority ?? 0
                    let theirs = candidatesOf[current][programID]?.programPriority ?? 0
                    if mine < theirs || (mine == theirs && tieWinner(current, s)) { weakest[p] = s }
                }
            }
            for (s, a) in run.assignments.enumerated() {
                let bound = placement[s]?.studentRank ?? Int.max
                for candidate in candidatesOf[s].values.sorted(by: { $0.studentRank < $1.studentRank })
                where candidate.studentRank < bound {
                    guard let p = programIndex[candidate.programID] else { continue }
                    let blocking: Bool
                    if admitted[p].count < seats(p) {
                        blocking = true
                    } else if let w = weakest[p], let theirs = candidatesOf[w][candidate.programID]?.programPriority {
                        blocking = candidate.programPriority > theirs || (candidate.programPriority == theirs && tieWinner(s, w))
                    } else {
                        blocking = false
                    }
                    guard blocking else { continue }
                    report(RunViolation(
                        .blockingPair, student: a.studentID, program: candidate.programID,
                        "\(a.studentID) and \(candidate.programID) would both rather be together: it is their candidate no. \(candidate.studentRank) and \(admitted[p].count < seats(p) ? "has a free seat" : "admitted a student it ranks lower")",
                        "\(a.studentID) 与 \(candidate.programID) 构成阻塞对：它是该生的第 \(candidate.studentRank) 个候选，\(admitted[p].count < seats(p) ? "还有空余学位" : "却录取了优先级更低的学生")"))
                }
            }
        }

        // MARK: parallel

        mutating func parallel() {
            checks.append("parallel_rule")
            let n = run.assignments.count
            let chain = run.settings.tieBreakSubjects.count + 1
            guard run.assignments.contains(where: { $0.admission != nil }) else {
                report(RunViolation(
                    .parallelRule,
                    "the run was stored without admission records (before migration 0017), so the rule cannot be checked",
                    "这次匹配保存时没有录取依据（早于迁移 0017），无法核对平行志愿规则"))
                return
            }
            var missing = false
            for a in run.assignments where a.admission == nil || a.admission?.keys.count != chain {
                missing = true
                report(RunViolation(
                    .parallelRule, student: a.studentID,
                    "\(a.studentID) has no admission record (total and tie-break marks) stored with the run",
                    "\(a.studentID) 没有随本次匹配保存的录取依据（总分和同分比较科目）"))
            }
            guard !missing else { return }
            func before(_ a: Int, _ b: Int) -> Bool {
                let ka = run.assignments[a].admission?.keys ?? [], kb = run.assignments[b].admission?.keys ?? []
                for (x, y) in zip(ka, kb) where x != y {
                    guard let x else { return false }
                    guard let y else { return true }
                    return x > y
                }
                return tieWinner(a, b)
            }
            let order = (0..<n).sorted(by: before)
            var position = [Int](repeating: 0, count: n)
            for (place, s) in order.enumerated() { position[s] = place }
            let batchOf = Dictionary(run.programs.map { ($0.id, $0.batch) }, uniquingKeysWith: { a, _ in a })
            // Per programme, the order places of those placed through a wish and by reassignment.
            var wishPlaces = [[Int]](repeating: [], count: run.programs.count)
            var reassignedPlaces = [[Int]](repeating: [], count: run.programs.count)
            var throughWish = [Bool](repeating: false, count: n)
            for (s, a) in run.assignments.enumerated() {
                guard let programID = a.programID, let p = programIndex[programID] else { continue }
                if a.admission?.wishes.contains(programID) == true {
                    throughWish[s] = true
                    wishPlaces[p].append(position[s])
                } else {
                    reassignedPlaces[p].append(position[s])
                }
            }
            for p in run.programs.indices {
                wishPlaces[p].sort()
                reassignedPlaces[p].sort()
            }
            func countBelow(_ sorted: [Int], _ x: Int) -> Int {
                var low = 0, high = sorted.count
                while low < high {
                    let mid = (low + high) / 2
                    if sorted[mid] < x { low = mid + 1 } else { high = mid }
                }
                return low
            }
            // Full at a student's wish turn: the seats were taken through wishes by students before them.
            func fullAtWishTurn(_ p: Int, _ s: Int) -> Bool { countBelow(wishPlaces[p], position[s]) >= seats(p) }
            // Full at a student's reassignment turn: every wish placement of the batch, and the
            // reassignments before them.
            func fullAtReassignment(_ p: Int, _ s: Int) -> Bool {
                wishPlaces[p].count + countBelow(reassignedPlaces[p], position[s]) >= seats(p)
            }
            for (s, a) in run.assignments.enumerated() {
                guard let admission = a.admission else { continue }
                for wish in admission.wishes where candidatesOf[s][wish] == nil {
                    report(RunViolation(
                        .parallelRule, student: a.studentID, program: wish,
                        "\(a.studentID)'s recorded wish \(wish) is not one of their candidates",
                        "\(a.studentID) 记录的志愿 \(wish) 不是该生的候选专业"))
                }
                let placedBatch = a.programID.flatMap { batchOf[$0] } ?? Int.max
                // Every wish the student's turns passed over must have been full then: those of
                // earlier batches, and those listed before the seat in its own batch.
                var beforeSeat = true
                for wish in admission.wishes {
                    if wish == a.programID {
                        beforeSeat = false
                        continue
                    }
                    guard let p = programIndex[wish], let batch = batchOf[wish] else { continue }
                    guard batch < placedBatch || (batch == placedBatch && beforeSeat) else { continue }
                    if !fullAtWishTurn(p, s) {
                        report(RunViolation(
                            .parallelRule, student: a.studentID, program: wish,
                            "\(a.studentID) passed over their wish \(wish), which still had a seat at their turn",
                            "轮到 \(a.studentID) 时志愿 \(wish) 还有学位，却没有录取该生"))
                    }
                }
                // Reassignment (本批次调剂) came in the batches where the student listed a wish,
                // and in those after their last wish's batch.
                let wishBatches = Set(admission.wishes.compactMap { batchOf[$0] })
                let lastWishBatch = wishBatches.max() ?? Int.min
                func reassignedIn(_ batch: Int) -> Bool { wishBatches.contains(batch) || batch > lastWishBatch }
                let ranked = candidatesOf[s].values.sorted { $0.studentRank < $1.studentRank }
                if throughWish[s] {
                    // Placed through a wish: in each earlier batch where they could be reassigned,
                    // every candidate of that batch was full at their reassignment turn.
                    guard admission.acceptsReassignment else { continue }
                    for candidate in ranked {
                        guard let p = programIndex[candidate.programID], let batch = batchOf[candidate.programID],
                              batch < placedBatch, reassignedIn(batch), !fullAtReassignment(p, s) else { continue }
                        report(RunViolation(
                            .parallelRule, student: a.studentID, program: candidate.programID,
                            "\(a.studentID) agrees to reassignment, and \(candidate.programID) (candidate no. \(candidate.studentRank)) of an earlier batch still had a seat at their turn",
                            "\(a.studentID) 服从调剂，在较早批次轮到该生时 \(candidate.programID)（第 \(candidate.studentRank) 个候选）还有学位"))
                    }
                    continue
                }
                // A seat by reassignment, or none.
                if a.programID != nil && !admission.acceptsReassignment {
                    report(RunViolation(
                        .parallelRule, student: a.studentID, program: a.programID,
                        "\(a.studentID) was placed outside their wishes without agreeing to reassignment",
                        "\(a.studentID) 没有选择服从调剂，却被安置到志愿以外的专业"))
                }
                guard admission.acceptsReassignment else { continue }
                if a.programID != nil && !reassignedIn(placedBatch) {
                    report(RunViolation(
                        .parallelRule, student: a.studentID, program: a.programID,
                        "\(a.studentID) was reassigned in batch \(placedBatch), before their wish of a later batch was looked at",
                        "\(a.studentID) 在第 \(placedBatch) 批被调剂，但该生在之后的批次还有志愿"))
                }
                let placedRank = a.studentRank ?? Int.max
                for candidate in ranked {
                    guard let p = programIndex[candidate.programID], let batch = batchOf[candidate.programID],
                          reassignedIn(batch) else { continue }
                    guard batch < placedBatch || (batch == placedBatch && candidate.studentRank < placedRank) else { continue }
                    if !fullAtReassignment(p, s) {
                        report(RunViolation(
                            .parallelRule, student: a.studentID, program: candidate.programID,
                            "\(a.studentID) agrees to reassignment, and \(candidate.programID) (candidate no. \(candidate.studentRank)) still had a seat at their turn",
                            "\(a.studentID) 服从调剂，轮到该生时 \(candidate.programID)（第 \(candidate.studentRank) 个候选）还有学位"))
                    }
                }
            }
        }

        // MARK: optimal

        mutating func optimal() {
            checks.append("certificate")
            let units = run.candidates.map { PlacementMaximizer.scoreUnits($0.score) }
            let big = OptimalityCertificate.big(students: run.assignments.count, units: units)
            guard run.assignments.contains(where: { $0.price != nil }) || run.programs.contains(where: { $0.price != nil }) else {
                report(RunViolation(
                    .certificate,
                    "the run was stored without a certificate (before migration 0017), so its optimality cannot be checked",
                    "这次匹配保存时没有最优性证明（早于迁移 0017），无法核对其最优性"))
                return
            }
            var prices: [Int64] = []
            for a in run.assignments {
                guard let u = a.price, u >= 0 else {
                    report(RunViolation(
                        .certificate, student: a.studentID,
                        "\(a.studentID) has no dual price ≥ 0 stored with the run",
                        "\(a.studentID) 没有随本次匹配保存的非负对偶价格"))
                    continue
                }
                prices.append(u)
                if u > 0 && a.programID == nil {
                    report(RunViolation(
                        .certificate, student: a.studentID,
                        "\(a.studentID) is unplaced but has the price \(u), not 0",
                        "\(a.studentID) 未安置，对偶价格却是 \(u)，不是 0"))
                }
            }
            for (p, program) in run.programs.enumerated() {
                guard let v = program.price, v >= 0 else {
                    report(RunViolation(
                        .certificate, program: program.id,
                        "\(program.id) has no dual price ≥ 0 stored with the run", "\(program.id) 没有随本次匹配保存的非负对偶价格"))
                    continue
                }
                if v > 0 && admitted[p].count < seats(p) {
                    report(RunViolation(
                        .certificate, program: program.id,
                        "\(program.id) has a free seat but the price \(v), not 0", "\(program.id) 还有空余学位，对偶价格却是 \(v)，不是 0"))
                }
            }
            guard count == 0 else { return }
            for (pair, c) in run.candidates.enumerated() {
                guard let s = studentIndex[c.studentID], let p = programIndex[c.programID],
                      let u = run.assignments[s].price, let v = run.programs[p].price else { continue }
                let (weight, overflowW) = big.addingReportingOverflow(units[pair])
                let (sum, overflowS) = u.addingReportingOverflow(v)
                guard !overflowW, !overflowS else {
                    report(RunViolation(
                        .certificate, student: c.studentID, program: c.programID,
                        "the prices of \(c.studentID) and \(c.programID) overflow", "\(c.studentID) 与 \(c.programID) 的对偶价格溢出"))
                    continue
                }
                let placedHere = run.assignments[s].programID == c.programID
                if sum < weight {
                    report(RunViolation(
                        .certificate, student: c.studentID, program: c.programID,
                        "the prices of \(c.studentID) and \(c.programID) sum to less than the pair is worth: another assignment is better",
                        "\(c.studentID) 与 \(c.programID) 的对偶价格之和小于这一对的价值：存在更好的分配"))
                } else if placedHere && sum != weight {
                    report(RunViolation(
                        .certificate, student: c.studentID, program: c.programID,
                        "\(c.studentID) is placed in \(c.programID) but their prices sum to more than the pair is worth",
                        "\(c.studentID) 被安置到 \(c.programID)，但两者的对偶价格之和大于这一对的价值"))
                }
            }
        }
    }
}
