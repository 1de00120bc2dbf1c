import Foundation
import PathwayWorkflows
import PathwayCore
import PathwayStorage

/// Text forms shared by the `pathway match` commands.
enum MatchText {
    /// `71.3`, or `-` when there is no value.
    static func number(_ value: Double?, _ places: Int) -> String {
        guard let value else { return "-" }
        return String(format: "%.\(places)f", value)
    }

    /// `P003 (S01)`, `unplaced`, or `-` for a student not in that run.
    static func side(_ program: String?, _ school: String?, present: Bool) -> String {
        guard present else { return "-" }
        guard let program else { return L("unplaced", "未安置") }
        return school.map { "\(program) (\($0))" } ?? program
    }

    static func settings(_ settings: MatchSettings) -> String {
        let w = settings.weights
        let seed = settings.seed.map { L("; lottery seed \($0)", "；抽签种子 \($0)") }
            ?? L("; no lottery (ties by student id)", "；未抽签（同分按学生编号）")
        let chain = settings.strategy == .parallel
            ? L("; equal totals by ", "；总分相同时依次比较")
                + settings.tieBreakSubjects.map { SubjectNames.name($0, in: Words.language) }.joined(separator: L(", ", "、"))
            : ""
        return L(
            "weights interest=\(w.interest), grades=\(w.grades), location=\(w.location); "
                + "\(settings.candidateLimit) candidates per student; daily commute up to \(number(settings.maxCommuteKm, 1)) km",
            "权重 兴趣=\(w.interest)、成绩=\(w.grades)、距离=\(w.location)；"
                + "每个学生 \(settings.candidateLimit) 个候选；走读最远 \(number(settings.maxCommuteKm, 1)) 公里") + chain + seed
    }

    /// What `match run` and `match show` print.
    static func summary(_ run: MatchRunRecord) -> String {
        var lines: [String] = []
        let cohort = run.cohort.map { L("cohort \($0)", "\($0) 届") } ?? L("all students", "全部学生")
        let followup = run.onlyFollowup ? L(", follow-up (unplaced students into free seats)", "，跟进匹配（未安置的学生进入空余学位）") : ""
        lines.append(L(
            "run \(run.runID): \(run.strategy.rawValue), \(cohort)\(followup); by \(run.createdBy) at \(TimeText.minute(run.createdAt))",
            "第 \(run.runID) 次匹配：\(Messages.strategy(run.strategy))，\(cohort)\(followup)；\(run.createdBy) 于 \(TimeText.minute(run.createdAt))"))
        lines.append(settings(run.settings))
        var figures = TextTable(["", ""], rightAligned: [1])
        figures.append([L("students", "学生"), String(run.studentCount)])
        if run.strategy == .ranked {
            figures.append([L("placed", "已安置"), L("- (ranked: candidates only, no seats assigned)", "-（ranked：只列候选，不分配学位）")])
        } else {
            figures.append([L("placed", "已安置"), String(run.placedCount)])
            figures.append([L("unplaced", "未安置"), String(run.unplacedCount)])
            figures.append([L("mean score", "平均得分"), number(run.meanScore, 1)])
            figures.append([L("mean distance", "平均距离"), run.meanDistanceKm.map { number($0, 1) + L(" km", " 公里") } ?? "-"])
        }
        figures.append([L("candidate pairs", "候选配对"), String(run.candidateCount)])
        lines.append(figures.bodyText)
        if !run.schools.isEmpty && run.strategy != .ranked {
            lines.append("")
            var table = TextTable(
                [L("school_id", "学校编号"), L("school", "学校"), L("programmes", "专业数"), L("seats", "学位"), L("filled", "已安置")],
                rightAligned: [2, 3, 4])
            for school in run.schools {
                table.append([school.schoolID, school.name, String(school.programs), String(school.seats), String(school.filled)])
            }
            lines.append(table.text)
        }
        let named = ["read", "prepare", "score", "assign", "save"].filter { run.timings[$0] != nil }
        if !named.isEmpty {
            let total = named.reduce(0.0) { $0 + (run.timings[$1] ?? 0) }
            let steps = named.map { "\($0) \(number(run.timings[$0], 2))" }
            lines.append("")
            lines.append(L("took \(number(total, 2)) s (\(steps.joined(separator: ", ")))",
                           "用时 \(number(total, 2)) 秒（\(steps.joined(separator: "，"))）"))
        }
        return lines.joined(separator: "\n")
    }
}

/// `match run --json`, `match show --json`, and each element of `match list --json`.
struct RunSummaryJSON: Encodable {
    struct Weights: Encodable {
        var interest: Double
        var grades: Double
        var location: Double
    }

    struct School: Encodable {
        var school_id: String
        var name: String
        var programs: Int
        var seats: Int
        var filled: Int
    }

    var run_id: RunID
    var strategy: String
    var cohort: Int?
    var only_followup: Bool
    var weights: Weights
    var candidate_limit: Int
    var max_commute_km: Double
    var seed: UInt64?
    var tie_break: [String]
    var students: Int
    var placed: Int?
    var unplaced: Int?
    var candidates: Int
    var mean_score: Double?
    var mean_distance_km: Double?
    var schools: [School]?
    var timings_seconds: [String: Double]
    var created_by: String
    var created_at: String

    init(_ run: MatchRunRecord) {
        run_id = run.runID
        strategy = run.strategy.rawValue
        cohort = run.cohort
        only_followup = run.onlyFollowup
        weights = Weights(
            interest: run.settings.weights.interest, grades: run.settings.weights.grades,
            location: run.settings.weights.location)
        candidate_limit = run.settings.candidateLimit
        max_commute_km = run.settings.maxCommuteKm
        seed = run.settings.seed
        tie_break = run.settings.tieBreakSubjects
        students = run.studentCount
        let ranked = run.strategy == .ranked
        placed = ranked ? nil : run.placedCount
        unplaced = ranked ? nil : run.unplacedCount
        candidates = run.candidateCount
        mean_score = run.meanScore
        mean_distance_km = run.meanDistanceKm
        schools = run.schools.isEmpty ? nil : run.schools.map {
            School(school_id: $0.schoolID, name: $0.name, programs: $0.programs, seats: $0.seats, filled: $0.filled)
        }
        timings_seconds = run.timings
        created_by = run.createdBy
        created_at = TimeText.iso(run.createdAt)
    }

    /// Writes `null` for missing figures rather than leaving keys out, so scripts see every key.
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(run_id, forKey: .run_id)
        try c.encode(strategy, forKey: .strategy)
        try c.encode(cohort, forKey: .cohort)
        try c.encode(only_followup, forKey: .only_followup)
        try c.encode(weights, forKey: .weights)
        try c.encode(candidate_limit, forKey: .candidate_limit)
        try c.encode(max_commute_km, forKey: .max_commute_km)
        try c.encode(seed, forKey: .seed)
        try c.encode(tie_break, forKey: .tie_break)
        try c.encode(students, forKey: .students)
        try c.encode(placed, forKey: .placed)
        try c.encode(unplaced, forKey: .unplaced)
        try c.encode(candidates, forKey: .candidates)
        try c.encode(mean_score, forKey: .mean_score)
        try c.encode(mean_distance_km, forKey: .mean_distance_km)
        try c.encodeIfPresent(schools, forKey: .schools)
        try c.encode(timings_seconds, forKey: .timings_seconds)
        try c.encode(created_by, forKey: .created_by)
        try c.encode(created_at, forKey: .created_at)
    }

    enum CodingKeys: String, CodingKey {
        case run_id, strategy, cohort, only_followup, weights, candidate_limit, max_commute_km, seed, tie_break, students, placed
        case unplaced, candidates, mean_score, mean_distance_km, schools, timings_seconds, created_by, created_at
    }
}

/// `match compare --json`.
struct ComparisonJSON: Encodable {
    struct Change: Encodable {
        var student_id: String
        var from_program_id: String?
        var from_school_id: String?
        var to_program_id: String?
        var to_school_id: String?
        var in_a: Bool
        var in_b: Bool

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(student_id, forKey: .student_id)
            try c.encode(from_program_id, forKey: .from_program_id)
            try c.encode(from_school_id, forKey: .from_school_id)
            try c.encode(to_program_id, forKey: .to_program_id)
            try c.encode(to_school_id, forKey: .to_school_id)
            try c.encode(in_a, forKey: .in_a)
            try c.encode(in_b, forKey: .in_b)
        }

        enum CodingKeys: String, CodingKey {
            case student_id, from_program_id, from_school_id, to_program_id, to_school_id, in_a, in_b
        }
    }

    var run_a: RunSummaryJSON
    var run_b: RunSummaryJSON
    var in_both: Int
    var unchanged: Int
    var moved: Int
    var placed_only_in_a: Int
    var placed_only_in_b: Int
    var only_in_a: Int
    var only_in_b: Int
    var placed_on_first_wish: [Int]
    var placed_on_any_wish: [Int]
    var changes: [Change]

    init(_ c: MatchRunComparison) {
        run_a = RunSummaryJSON(c.runA)
        run_b = RunSummaryJSON(c.runB)
        in_both = c.inBoth
        unchanged = c.unchanged
        moved = c.moved
        placed_only_in_a = c.lostSeat
        placed_only_in_b = c.gainedSeat
        only_in_a = c.onlyInA
        only_in_b = c.onlyInB
        placed_on_first_wish = [c.wishesA.first, c.wishesB.first]
        placed_on_any_wish = [c.wishesA.any, c.wishesB.any]
        changes = c.changes.map {
            Change(student_id: $0.studentID, from_program_id: $0.fromProgramID, from_school_id: $0.fromSchoolID,
                   to_program_id: $0.toProgramID, to_school_id: $0.toSchoolID, in_a: $0.inA, in_b: $0.inB)
        }
    }
}
