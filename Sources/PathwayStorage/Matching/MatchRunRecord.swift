import Foundation
import PathwayCore

/// A stored run as `match list` and `match show` describe it: settings, counts, means, timings,
/// and (for `show`) how each school's seats were filled.
public struct MatchRunRecord: Sendable, Hashable {
    public var runID: RunID
    public var region: Region
    public var settings: MatchSettings
    /// The graduation year matched, nil when every student was.
    public var cohort: Int?
    /// Whether it was a follow-up run (only unplaced students, into free seats).
    public var onlyFollowup: Bool
    public var studentCount: Int
    /// Students with a seat; 0 for a `ranked` run.
    public var placedCount: Int
    /// Candidate pairs stored.
    public var candidateCount: Int
    /// Mean total score of the placed students' programmes, nil when nobody was placed.
    public var meanScore: Double?
    /// Mean home-to-campus distance of the placed students, nil when nobody was placed.
    public var meanDistanceKm: Double?
    /// Seconds per step (`read`, `prepare`, `score`, `assign`, `save`, ...).
    public var timings: [String: Double]
    public var createdBy: String
    public var createdAt: Date
    /// Seats and placements per school, in school id order; filled by `MatchRunStore.run(_:)`,
    /// empty in listings.
    public var schools: [SchoolSeats]

    /// Students without a seat (every student of a `ranked` run).
    public var unplacedCount: Int { studentCount - placedCount }

    /// The run's strategy.
    public var strategy: Strategy { settings.strategy }
}

/// How one school's seats were filled in a run.
public struct SchoolSeats: Sendable, Hashable, Codable {
    public var schoolID: String
    /// The school's name today (empty when it has since been removed).
    public var name: String
    /// Programmes of the school in the run.
    public var programs: Int
    /// Seats the run offered (free seats for a follow-up run).
    public var seats: Int
    /// Students placed.
    public var filled: Int

    public init(schoolID: String, name: String, programs: Int, seats: Int, filled: Int) {
        self.schoolID = schoolID
        self.name = name
        self.programs = programs
        self.seats = seats
        self.filled = filled
    }
}
