/// How a placement stands against the student's wishes: what a family letter says first, and
/// says plainly when the place is not one the student asked for.
public enum WishOutcome: Sendable, Hashable {
    /// The place answers this wish.
    case wish(WishMatch)
    /// The place is outside every wish: each wish, in the student's order, with why the run
    /// could not meet it.
    case outsideWishes([UnmetWish])
    /// The student has no wishes on file.
    case noWishes
}

/// A wish a run could not meet, and why.
public struct UnmetWish: Sendable, Hashable {
    /// What the wish named.
    public enum Target: Sendable, Hashable {
        /// A programme, with its name (nil when it is no longer on record).
        case program(id: String, name: String?)
        /// A whole category of the catalogue (nil for a code outside it).
        case category(code: String, CatalogueCategory?)
    }

    /// Position in the student's wish list, 1 for the first.
    public var position: Int
    public var target: Target
    /// Never empty, each reason once, in the order the rules meet them.
    public var reasons: [UnmetWishReason]

    public init(position: Int, target: Target, reasons: [UnmetWishReason]) {
        self.position = position
        self.target = target
        self.reasons = reasons
    }
}

/// Why a wished programme (or every programme of a wished category) did not take the student.
public enum UnmetWishReason: Sendable, Hashable {
    /// The student could have gone, but every seat went to another student: students the
    /// programme ranked higher, or, in a run that places as many as possible, students with no
    /// other place.
    case seatsFull
    /// The student's total is below the programme's minimum (for a category, the lowest
    /// minimum among its programmes that set one).
    case belowMinimum(minimum: Double)
    /// The programme has a minimum and the student has no total on record.
    case noTotalScore(minimum: Double)
    /// The student needs boarding and the programme offers none.
    case needsBoarding
    /// No boarding, and the campus is farther than a daily journey.
    case tooFarWithoutBoarding
    /// The family said no to it, or the student did not turn up, under an earlier referral.
    case refusedEarlier
    /// The programme takes nobody this year, or is no longer on record.
    case notOffered
    /// The student could have gone and seats were left, but another programme fitted better on
    /// interest, grades and distance: the family can still ask for it.
    case otherFitsBetter
}

extension WishOutcome {
    /// The outcome when the run is not needed to say it: no wishes on file, or the wish the
    /// place answers. Nil when the place is outside every wish.
    public static func withoutTheRun(student: Student, placed: Program) -> WishOutcome? {
        guard !student.wishes.isEmpty else { return .noWishes }
        return InterestComponent.bestWish(in: student.wishes, programID: placed.id, category: placed.category).map(WishOutcome.wish)
    }

    /// Judges one placement against the student's wishes with what the run knew.
    ///
    /// - Parameters:
    ///   - programs: every programme a wish names or whose category a wish names, with the
    ///     seats the run gave it.
    ///   - placedCount: students the run placed in each programme.
    ///   - candidates: programmes that were the student's candidates in the run (within every
    ///     rule, so only seats or a better fit kept the student out).
    ///   - refusals: the student's refusals before the run, by programme.
    ///   - distanceKm: home to campus, for the commuting rule.
    public static func judge(
        student: Student, placed: Program, programs: [String: Program], placedCount: [String: Int],
        candidates: Set<String>, refusals: [String: ProgramRefusal], maxCommuteKm: Double, distanceKm: (Program) -> Double
    ) -> WishOutcome {
        if let known = withoutTheRun(student: student, placed: placed) { return known }
        func reasons(_ program: Program) -> [UnmetWishReason] {
            // A candidate passed every rule (a refused programme never is one): seats or fit.
            if candidates.contains(program.id) {
                return (placedCount[program.id] ?? 0) >= program.seats ? [.seatsFull] : [.otherFitsBetter]
            }
            let broken = EligibilityRules.reasons(
                student: student, program: program, distanceKm: distanceKm(program), maxCommuteKm: maxCommuteKm,
                refusal: refusals[program.id])
            let said: [UnmetWishReason] = broken.map {
                switch $0 {
                case .noSeats: .notOffered
                case .belowMinimumScore(_, let minimum): .belowMinimum(minimum: minimum)
                case .missingTotalScore(let minimum): .noTotalScore(minimum: minimum)
                case .noBoarding: .needsBoarding
                case .beyondCommute: .tooFarWithoutBoarding
                case .refused: .refusedEarlier
                }
            }
            // Within the rules yet not a candidate: a better fit filled the candidate list.
            return said.isEmpty ? [.otherFitsBetter] : said
        }
        var unmet: [UnmetWish] = []
        for (offset, wish) in student.wishes.enumerated() {
            switch wish {
            case .program(let id):
                let program = programs[id]
                unmet.append(UnmetWish(
                    position: offset + 1, target: .program(id: id, name: program?.name),
                    reasons: program.map(reasons) ?? [.notOffered]))
            case .category(let code):
                let members = programs.values.filter { $0.category == code }
                    .sorted { IdentifierOrder.precedes($0.id, $1.id) }
                unmet.append(UnmetWish(
                    position: offset + 1, target: .category(code: code, CatalogueCategory(code: code)),
                    reasons: members.isEmpty ? [.notOffered] : merged(members.map(reasons))))
            }
        }
        return .outsideWishes(unmet)
    }

    /// The reasons of a category's programmes, each kind once, a minimum at its lowest.
    static func merged(_ lists: [[UnmetWishReason]]) -> [UnmetWishReason] {
        var merged: [UnmetWishReason] = []
        for reason in lists.joined() {
            guard let index = merged.firstIndex(where: { $0.isKind(of: reason) }) else {
                merged.append(reason)
                continue
            }
            if let minimum = reason.minimum, let kept = merged[index].minimum, minimum < kept { merged[index] = reason }
        }
        return merged
    }
}

extension UnmetWishReason {
    /// The minimum total a reason quotes.
    var minimum: Double? {
        switch self {
        case .belowMinimum(let minimum), .noTotalScore(let minimum): minimum
        default: nil
        }
    }

    /// The same reason, whatever minimum it quotes.
    func isKind(of other: UnmetWishReason) -> Bool {
        switch (self, other) {
        case (.belowMinimum, .belowMinimum), (.noTotalScore, .noTotalScore): true
        default: self == other
        }
    }
}
