/// How wishes and Holland congruence combine into the interest component.
///
/// Wishes are what the student said they want; the Holland code is what an inventory says would
/// suit them. Wishes weigh more (60 %) because a stated wish is the stronger predictor of staying
/// in a programme, and because families read "you asked for this" more readily than a test score.
public enum InterestComponent {
    /// Share of the interest component that comes from wishes.
    public static let wishShare = 0.6
    /// Share that comes from Holland congruence.
    public static let hollandShare = 0.4
    /// Worth of a wish naming the programme itself, at the top of the list.
    public static let programWishBase = 1.0
    /// Worth of a wish naming the programme's category, at the top of the list: less than naming
    /// the programme, because a category wish is satisfied by any of several programmes.
    public static let categoryWishBase = 0.6
    /// Each step down the wish list multiplies the worth by this: the second wish is worth 80 % of
    /// the first, the third 64 %, and so on, so order matters without later wishes vanishing.
    public static let positionDecay = 0.8
    /// Wish part used for a student with no wishes recorded at all: halfway between a first wish
    /// (1) and a programme passed over (0). A missing form is common for exactly the students at
    /// most risk (left-behind children whose guardians did not return it); a neutral value keeps
    /// them from being pushed behind everyone else in the placement-first assignment on paperwork
    /// alone. Their explanation says the wishes were missing.
    public static let neutralWish = 0.5

    /// `base × decay^(position − 1)`, where the base depends on what the wish named.
    public static func wishValue(kind: WishMatch.Kind, position: Int) -> Double {
        let base = kind == .program ? programWishBase : categoryWishBase
        return base * Math.pow(positionDecay, Double(position - 1))
    }

    /// The most valuable wish in `wishes` that names the programme or its category, if any.
    ///
    /// A programme named as a wish and also covered by a category wish counts once, at the better
    /// of the two, so that listing both does not double the weight.
    public static func bestWish(in wishes: [Wish], programID: String, category: String) -> WishMatch? {
        var best: WishMatch?
        for (offset, wish) in wishes.enumerated() {
            let match: WishMatch
            switch wish {
            case .program(let id) where id == programID:
                match = WishMatch(kind: .program, position: offset + 1)
            case .category(let code) where code == category:
                match = WishMatch(kind: .category, position: offset + 1)
            default:
                continue
            }
            if best.map({ match.value > $0.value }) ?? true { best = match }
        }
        return best
    }

    /// `wishShare × wish + hollandShare × congruence`, the one place the two parts are combined.
    @inline(__always)
    public static func combine(wish: Double, congruence: Double) -> Double {
        wishShare * wish + hollandShare * congruence
    }
}
