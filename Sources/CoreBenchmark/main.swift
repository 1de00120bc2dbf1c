import Foundation
import PathwayCore

/// `pathway-core-bench`: generates a synthetic province deterministically, times scoring,
/// `stable` and `optimal`, and optionally exports the instance for the Python peers
/// (`Benchmarks/compare_peers.sh`).
struct BenchmarkOptions {
    var students = 100_000
    var programs = 2_000
    var seed: UInt64 = 20_260_901
    var candidates = 20
    var export: String?
    var strategies: Set<Strategy> = [.stable, .optimal]
    /// Also time `parallel`, the optimality certificate and `match verify`'s checks.
    var checks = false

    static let usage = """
        usage: pathway-core-bench [--students N] [--programs M] [--seed S] [--candidates K]
                                  [--strategies stable,optimal,parallel] [--checks yes] [--export DIR]
        """

    init(arguments: [String]) throws(BenchmarkError) {
        var iterator = arguments.makeIterator()
        while let flag = iterator.next() {
            guard let value = iterator.next() else { throw .usage("\(flag) needs a value") }
            switch flag {
            case "--students": students = try BenchmarkOptions.positive(value, flag)
            case "--programs": programs = try BenchmarkOptions.positive(value, flag)
            case "--candidates": candidates = try BenchmarkOptions.positive(value, flag)
            case "--seed":
                guard let parsed = UInt64(value) else { throw .usage("--seed: \"\(value)\" is not a number") }
                seed = parsed
            case "--export": export = value
            case "--checks": checks = value == "yes"
            case "--strategies":
                var chosen: Set<Strategy> = []
                for name in value.split(separator: ",") {
                    guard let strategy = Strategy(rawValue: String(name)) else {
                        throw .usage("--strategies: \"\(name)\" is not stable, optimal, parallel or ranked")
                    }
                    chosen.insert(strategy)
                }
                strategies = chosen
            default: throw .usage("unknown option \(flag)")
            }
        }
    }

    private static func positive(_ text: String, _ flag: String) throws(BenchmarkError) -> Int {
        guard let value = Int(text), value > 0 else { throw .usage("\(flag): \"\(text)\" is not a positive number") }
        return value
    }
}

enum BenchmarkError: Error, CustomStringConvertible {
    case usage(String)
    case io(String)

    var description: String {
        switch self {
        case .usage(let message): "\(message)\n\(BenchmarkOptions.usage)"
        case .io(let message): message
        }
    }
}

func format(_ value: Double) -> String { String(format: "%.3f", value) }

func runBenchmark() throws {
    let options = try BenchmarkOptions(arguments: Array(CommandLine.arguments.dropFirst()))
    let clock = ContinuousClock()
    var timings: [(String, Double)] = []

    var province: SyntheticProvince?
    timings.append(("generate", clock.measure {
        province = SyntheticProvince(students: options.students, programs: options.programs, seed: options.seed)
    }.seconds))
    guard var province else { return }
    // For `parallel`: half the students agree to reassignment, a fifth of the programmes are in
    // batch 2. Neither changes what `stable` and `optimal` do.
    for s in province.students.indices { province.students[s].acceptsReassignment = s % 2 == 0 }
    for p in province.programs.indices where p % 5 == 4 { province.programs[p].batch = 2 }
    let settings = try MatchSettings(candidateLimit: options.candidates, strategy: .parallel, seed: options.checks ? options.seed : nil)

    var scorer: MatchScorer?
    timings.append(("prepare (percentiles, grid)", clock.measure {
        scorer = try? MatchScorer(students: province.students, programs: province.programs, settings: settings)
    }.seconds))
    guard let scorer else { throw BenchmarkError.io("synthetic ids are unique; the scorer refused them") }

    var candidates: CandidateSet?
    timings.append(("score + top-K", clock.measure { candidates = scorer.candidates() }.seconds))
    guard let candidates else { return }

    var stable: Placements?
    if options.strategies.contains(.stable) {
        timings.append(("stable (deferred acceptance)", clock.measure {
            stable = DeferredAcceptance.assign(candidates)
        }.seconds))
    }
    var optimal: Placements?
    if options.strategies.contains(.optimal) {
        timings.append(("optimal (min-cost flow)", clock.measure {
            optimal = PlacementMaximizer.assign(candidates)
        }.seconds))
    }

    var parallel: Placements?
    if options.strategies.contains(.parallel) {
        timings.append(("parallel (平行志愿)", clock.measure {
            parallel = ParallelAdmission.assign(candidates, applicants: scorer.parallelApplicants(for: candidates))
        }.seconds))
    }
    if options.checks {
        if let optimal {
            var certificate: OptimalityCertificate?
            timings.append(("optimality certificate", clock.measure {
                certificate = OptimalityCertificate.make(candidates, optimal)
            }.seconds))
            if certificate == nil { throw BenchmarkError.io("the optimal placements have no certificate") }
        }
        for strategy in [Strategy.stable, .parallel, .optimal] {
            let result = Matcher(scorer: try MatchScorer(
                students: province.students, programs: province.programs, settings: settings.with(strategy: strategy))
            ).assign(candidates)
            var stored: StoredRun?
            timings.append(("verify \(strategy.rawValue): rows as stored", clock.measure { stored = StoredRun(result) }.seconds))
            guard let stored else { continue }
            var verification: RunVerification?
            timings.append(("verify \(strategy.rawValue): checks", clock.measure { verification = RunVerifier.verify(stored) }.seconds))
            print("verify \(strategy.rawValue): \(verification?.isSound == true ? "sound" : "VIOLATIONS \(verification?.violationCount ?? -1)")")
        }
    }

    let seats = province.programs.reduce(0) { $0 + max(0, $1.seats) }
    print("instance: \(options.students) students x \(options.programs) programs, K = \(options.candidates), seed \(options.seed)")
    print("seats: \(seats), candidate pairs: \(candidates.pairCount)")
    if let stable { print("stable placed: \(stable.placedCount)") }
    if let parallel { print("parallel placed: \(parallel.placedCount)") }
    if let optimal {
        print("optimal placed: \(optimal.placedCount), total score units: \(PlacementMaximizer.totalUnits(candidates, optimal))")
    }
    for (name, value) in timings { print("time \(name): \(format(value)) s") }
    let scoring = timings.first { $0.0.hasPrefix("prepare") }.map(\.1) ?? 0
    let topK = timings.first { $0.0.hasPrefix("score") }.map(\.1) ?? 0
    if let stableTime = timings.first(where: { $0.0.hasPrefix("stable") })?.1 {
        print("time scoring + stable: \(format(scoring + topK + stableTime)) s")
    }

    if let directory = options.export {
        try BenchmarkExport(directory: directory).write(
            candidates: candidates, stable: stable, optimal: optimal,
            timings: timings, options: options)
        print("exported to \(directory)")
    }
}

do {
    try runBenchmark()
} catch {
    FileHandle.standardError.write(Data("pathway-core-bench: \(error)\n".utf8))
    exit(2)
}
