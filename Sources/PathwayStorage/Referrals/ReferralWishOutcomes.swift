import PathwayCore
import PostgresClient

extension ReferralStore {
    /// How each placement stands against its student's wishes, judged with what the
    /// referral's run saw: its seats, whom it placed where, the student's candidates, the
    /// refusals recorded before it and its commuting limit.
    ///
    /// Placements on a wish, and students without wishes, need no query. For the rest (a few
    /// in a hundred) five queries for the whole batch, over those students and the programmes
    /// their wishes name only.
    ///
    /// Distances are great-circle: a run that used road distances may have ruled a programme
    /// out by road that is said here to have fitted less well.
    func wishOutcomes(_ placements: [Placement]) throws -> [ReferralID: WishOutcome] {
        var outcomes: [ReferralID: WishOutcome] = [:]
        var outside: [Placement] = []
        for placement in placements {
            let student = placement.student, placed = placement.program
            if student.wishes.isEmpty {
                outcomes[placement.referral.id] = .noWishes
            } else if let met = InterestComponent.bestWish(in: student.wishes, programID: placed.id, category: placed.category) {
                outcomes[placement.referral.id] = .wish(met)
            } else {
                outside.append(placement)
            }
        }
        guard !outside.isEmpty else { return outcomes }

        var named: Set<String> = [], categories: Set<String> = []
        for placement in outside {
            for wish in placement.student.wishes {
                switch wish {
                case .program(let id): named.insert(id)
                case .category(let code): categories.insert(code)
                }
            }
        }
        let directory = CountyDirectory(connection: connection, region: region)
        var programs = try directory.programs(ids: Array(named))
        if !categories.isEmpty { programs += try directory.programs(categories: Array(categories)) }
        let byID = Dictionary(programs.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let runs = CountyDirectory.arrayParameter(Set(outside.map(\.referral.runID.description)).sorted())
        let programIDs = CountyDirectory.arrayParameter(byID.keys.sorted())

        // Each run's seats, placements and commuting limit for those programmes.
        let seen = try connection.query(
            """
            SELECT p.run_id, p.program_id, p.seats,
                   (SELECT count(*) FROM assignments a
                    WHERE a.region = $1 AND a.run_id = p.run_id AND a.program_id = p.program_id)::integer AS placed
            FROM match_run_programs p
            WHERE p.run_id = ANY($2::bigint[]) AND p.program_id = ANY($3::text[])
            """, [region, runs, programIDs])
        var seats: [RunID: [String: Int]] = [:], placedCount: [RunID: [String: Int]] = [:]
        for row in seen.rows {
            let run: RunID = try row.decode("run_id"), program: String = try row.decode("program_id")
            seats[run, default: [:]][program] = try row.decode("seats")
            placedCount[run, default: [:]][program] = try row.decode("placed")
        }
        let limits = try connection.query(
            "SELECT run_id, (settings->>'maxCommuteKm')::float8 AS km FROM match_runs WHERE run_id = ANY($1::bigint[])", [runs])
        var maxCommute: [RunID: Double] = [:]
        for row in limits.rows { maxCommute[try row.decode("run_id")] = try row.decode("km", as: Double?.self) }

        // The students' candidates among those programmes, and what they refused before each run.
        let pairs = [
            CountyDirectory.arrayParameter(outside.map(\.referral.runID.description)),
            CountyDirectory.arrayParameter(outside.map(\.student.id)),
        ]
        let candidateRows = try connection.query(
            """
            SELECT c.run_id, c.student_id, c.program_id
            FROM unnest($2::bigint[], $3::text[]) AS w(run_id, student_id)
            JOIN candidates c ON c.region = $1 AND c.run_id = w.run_id AND c.student_id = w.student_id
            WHERE c.program_id = ANY($4::text[])
            """, [region, pairs[0], pairs[1], programIDs])
        var candidates: [String: Set<String>] = [:]
        for row in candidateRows.rows {
            let run: RunID = try row.decode("run_id"), student: String = try row.decode("student_id")
            candidates["\(run) \(student)", default: []].insert(try row.decode("program_id"))
        }
        let refusalRows = try connection.query(
            """
            SELECT DISTINCT w.run_id, r.student_id, r.program_id
            FROM unnest($2::bigint[], $3::text[]) AS w(run_id, student_id)
            JOIN match_runs m ON m.run_id = w.run_id
            JOIN referrals r ON r.region = $1 AND r.student_id = w.student_id
            JOIN referral_events e ON e.region = r.region AND e.referral_id = r.referral_id
            WHERE e.to_status IN (\(Self.refusingStatusesSQL)) AND e.created_at < m.created_at
            """, [region, pairs[0], pairs[1]])
        var refused: [String: Set<String>] = [:]
        for row in refusalRows.rows {
            let run: RunID = try row.decode("run_id"), student: String = try row.decode("student_id")
            refused["\(run) \(student)", default: []].insert(try row.decode("program_id"))
        }

        for placement in outside {
            let run = placement.referral.runID, key = "\(run) \(placement.student.id)"
            // As the run saw them: its seats; a programme it did not see offered none.
            let runPrograms = byID.mapValues { program in
                var seen = program
                seen.seats = seats[run]?[program.id] ?? 0
                return seen
            }
            let home = placement.student.home
            outcomes[placement.referral.id] = WishOutcome.judge(
                student: placement.student, placed: placement.program, programs: runPrograms,
                placedCount: placedCount[run] ?? [:], candidates: candidates[key] ?? [], refused: refused[key] ?? [],
                maxCommuteKm: maxCommute[run] ?? MatchSettings.standard.maxCommuteKm,
                distanceKm: { program in home.map { GreatCircle.distanceKm(from: $0, to: program.location) } ?? .nan })
        }
        return outcomes
    }
}
