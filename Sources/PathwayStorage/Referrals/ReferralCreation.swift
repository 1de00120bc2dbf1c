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
    /// The ids of the referrals made now, in student order.
    public var referralIDs: [ReferralID]

    /// The keys of `--json` output: snake_case, like the import formats' columns.
    enum CodingKeys: String, CodingKey {
        case runID = "run_id"
        case placed
        case created
        case alreadyReferred = "already_referred"
        case heldByOtherRun = "held_by_other_run"
        case referralIDs = "referral_ids"
    }

    public init(runID: RunID, placed: Int, created: Int, alreadyReferred: Int, heldByOtherRun: Int, referralIDs: [ReferralID]) {
        self.runID = runID
        self.placed = placed
        self.created = created
        self.alreadyReferred = alreadyReferred
        self.heldByOtherRun = heldByOtherRun
        self.referralIDs = referralIDs
    }
}
