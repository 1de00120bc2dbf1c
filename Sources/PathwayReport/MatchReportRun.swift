import Foundation
import PathwayCore

/// A stored match run as the report reads it: who was in the run, which group each student
/// belongs to, where each was placed, and every programme's seats.
///
/// Plain values, so that the report can be rendered and tested without a database; the loader
/// fills one from PostgreSQL. Student ids are here only to compare two runs student by student:
/// the report itself shows aggregates, never an individual.
public struct MatchReportRun: Sendable, Hashable {
    public var runID: RunID
    public var strategy: Strategy
    public var createdAt: Date
    /// The cohort (graduation year) the run matched, when it was limited to one.
    public var cohort: Int?
    /// How the run was set up, in the order shown (weights, K, commute limit, ...).
    public var settings: [Setting]
    public var students: [Student]
    public var programs: [Program]
    /// Every school, including one whose programmes got nobody; totals come from `programs`.
    public var schools: [School]
    /// For an `optimal` run with a certificate: what one more seat would bring, per programme.
    public var seatPrices: [SeatPrice] = []

    public init(
        runID: RunID, strategy: Strategy, createdAt: Date, cohort: Int? = nil, settings: [Setting] = [],
        students: [Student], programs: [Program], schools: [School]
    ) {
        self.runID = runID
        self.strategy = strategy
        self.createdAt = createdAt
        self.cohort = cohort
        self.settings = settings
        self.students = students
        self.programs = programs
        self.schools = schools
    }

    /// One line of the run's settings: a Chinese label, its English gloss, and the value.
    public struct Setting: Sendable, Hashable {
        public var label: String
        public var englishLabel: String
        public var value: String

        public init(label: String, englishLabel: String, value: String) {
            self.label = label
            self.englishLabel = englishLabel
            self.value = value
        }

        /// The lines a reader needs to judge a run: weights, K and the commute limit.
        public static func summary(of settings: MatchSettings) -> [Setting] {
            let weights = settings.weights
            return [
                Setting(
                    label: "权重（兴趣/成绩/距离）", englishLabel: "weights: interest / grades / location",
                    value: "\(ReportNumber.plain(weights.interest)) / \(ReportNumber.plain(weights.grades)) / \(ReportNumber.plain(weights.location))"),
                Setting(label: "每名学生候选专业数", englishLabel: "candidates per student (K)", value: String(settings.candidateLimit)),
                Setting(label: "最远走读距离", englishLabel: "longest daily commute", value: "\(ReportNumber.plain(settings.maxCommuteKm)) km"),
            ]
        }
    }

    /// One student of the run.
    public struct Student: Sendable, Hashable {
        public var id: String
        public var gender: Gender?
        public var township: String?
        /// 留守儿童: parents work away from home.
        public var leftBehind: Bool
        /// 家庭经济困难.
        public var hardship: Bool
        /// The programme the run placed the student in; nil when unplaced.
        public var programID: String?
        public var schoolID: String?
        /// The total score (0-100) of the placement.
        public var score: Double?
        /// Distance from home to the programme, in km; nil when unplaced.
        public var distanceKm: Double?
        /// Which of the student's wishes the placement answers (1 = the first); nil when none.
        public var wishPosition: Int?

        public init(
            id: String, gender: Gender? = nil, township: String? = nil, leftBehind: Bool = false, hardship: Bool = false,
            programID: String? = nil, schoolID: String? = nil, score: Double? = nil, distanceKm: Double? = nil,
            wishPosition: Int? = nil
        ) {
            self.id = id
            self.gender = gender
            self.township = township
            self.leftBehind = leftBehind
            self.hardship = hardship
            self.programID = programID
            self.schoolID = schoolID
            self.score = score
            self.distanceKm = distanceKm
            self.wishPosition = wishPosition
        }

        public var isPlaced: Bool { programID != nil }
    }

    /// One programme: its seats and how many of them the run filled.
    public struct Program: Sendable, Hashable {
        public var id: String
        public var name: String
        public var schoolID: String
        public var schoolName: String
        public var seats: Int
        public var filled: Int

        public init(id: String, name: String, schoolID: String, schoolName: String, seats: Int, filled: Int) {
            self.id = id
            self.name = name
            self.schoolID = schoolID
            self.schoolName = schoolName
            self.seats = seats
            self.filled = filled
        }
    }

    /// What one more seat at a programme would bring, from the run's dual prices.
    public struct SeatPrice: Sendable, Hashable {
        public var programID: String
        /// More students placed: 0 or 1.
        public var students: Int
        /// Change of the run's total score, in points.
        public var scoreChange: Double
        /// Whether re-solving with the seat added gave the same (nil: not re-solved).
        public var confirmed: Bool?

        public init(programID: String, students: Int, scoreChange: Double, confirmed: Bool? = nil) {
            self.programID = programID
            self.students = students
            self.scoreChange = scoreChange
            self.confirmed = confirmed
        }
    }

    /// One vocational school.
    public struct School: Sendable, Hashable {
        public var id: String
        public var name: String

        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }
}
