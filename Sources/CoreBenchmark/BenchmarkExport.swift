import Foundation
import PathwayCore

/// Writes a benchmark instance and the Swift results in plain files the Python peers read.
///
/// - `candidates.csv`: `student_id,program_id,student_rank,score,program_priority,score_units`,
///   doubles in shortest round-trip form so Python reads back the same bits;
/// - `programs.csv`: `program_id,seats`;
/// - `stable.csv`: `student_id,program_id` (empty when unplaced);
/// - `summary.json`: sizes, timings in seconds, placed counts, the optimal total in score units.
struct BenchmarkExport {
    let directory: String

    func write(
        candidates set: CandidateSet, stable: Placements?, optimal: Placements?,
        timings: [(String, Double)], options: BenchmarkOptions
    ) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)

        var lines = "student_id,program_id,student_rank,score,program_priority,score_units\n"
        lines.reserveCapacity(set.pairCount * 60)
        for s in 0..<set.studentIDs.count {
            for candidate in set.candidates(ofStudent: s) {
                lines += "\(candidate.studentID),\(candidate.programID),\(candidate.studentRank),"
                lines += "\(candidate.score),\(candidate.programPriority),\(PlacementMaximizer.scoreUnits(candidate.score))\n"
            }
        }
        try save(lines, "candidates.csv")

        var programs = "program_id,seats\n"
        for (p, id) in set.programIDs.enumerated() { programs += "\(id),\(set.seats[p])\n" }
        try save(programs, "programs.csv")

        if let stable {
            var rows = "student_id,program_id\n"
            for s in 0..<set.studentIDs.count {
                let program = stable.studentRank(ofStudent: s).map { set.programIDs[set.programIndex(ofStudent: s, rank: $0)] }
                rows += "\(set.studentIDs[s]),\(program ?? "")\n"
            }
            try save(rows, "stable.csv")
        }

        var summary: [String: Any] = [
            "students": options.students, "programs": options.programs, "seed": options.seed,
            "candidate_limit": options.candidates, "pairs": set.pairCount,
            "timings_seconds": Dictionary(uniqueKeysWithValues: timings.map { ($0.0, $0.1) }),
        ]
        if let stable { summary["stable_placed"] = stable.placedCount }
        if let optimal {
            summary["optimal_placed"] = optimal.placedCount
            summary["optimal_total_units"] = PlacementMaximizer.totalUnits(set, optimal)
        }
        let json = try JSONSerialization.data(withJSONObject: summary, options: [.prettyPrinted, .sortedKeys])
        try json.write(to: URL(fileURLWithPath: directory).appendingPathComponent("summary.json"))
    }

    private func save(_ text: String, _ name: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: directory).appendingPathComponent(name))
    }
}
