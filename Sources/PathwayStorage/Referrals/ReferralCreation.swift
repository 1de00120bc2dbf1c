import PathwayCore
/// What `ReferralStore.createReferrals` did with one match run.
public struct ReferralCreation: Sendable, Hashable, Codable {
    public var runID: RunID
    /// Students the run placed in a programme.
    public var placed: Int
    /// Referrals made now (each starts `proposed`).
    public var created: Int
    /// Placed students that already had a referral from this run (an earlier call).
    public var alreadyReferred: Int
    /// Placed students skipped because a referral from another run is open or enrolled: a
    /// student is followed under one referral at a time.
    public var heldByOtherRun: Int
    /// Placed students skipped because they declined that programme, or did not turn up for
    /// it, under an earlier referral (the run was made before they said no).
    public var refusedBefore: Int
    /// The ids of the referrals made now, in student order.
    public var referralIDs: [ReferralID]

    /// The keys of `--json` output: snake_case, like the import formats' columns.
    enum CodingKeys: String, CodingKey {
        case runID = "run_id"
        case placed
        case created
        case alreadyReferred = "already_referred"
        case heldByOtherRun = "held_by_other_run"
        case refusedBefore = "refused_before"
        case referralIDs = "referral_ids"
    }

    public init(runID: RunID, placed: Int, created: Int, alreadyReferred: Int, heldByOtherRun: Int, refusedBefore: Int, referralIDs: [ReferralID]) {
        self.runID = runID
        self.placed = placed
        self.created = created
        self.alreadyReferred = alreadyReferred
        self.heldByOtherRun = heldByOtherRun
        self.refusedBefore = refusedBefore
        self.referralIDs = referralIDs
    }
}
