import PathwayCore
import PostgresClient

extension ReferralStore {
    /// How each placement stands against its student's wishes, judged with what the referral's
    /// run saw: its seats (`MatchRunStore.runPrograms`), whom it placed where, the student's
    /// candidates, the refusals recorded before it (`CountyDirectory.refusals(before:)`) and its
    /// commuting limit (the run's settings).
    ///
    /// Placements on a wish, and students without wishes, need no query. For the rest (a few
    /// in a hundred) the wished programmes and the candidates in two queries for the batch, and
    /// per run (a batch is almost always one) its record, programmes, fill and refusals.
    ///
    /// Distances are great-circle: a run that used road distances may have ruled a programme
    /// out by road that is said here to have fitted less well.
    func wishOutcomes(_ placements: [Placement]) throws -> [ReferralID: WishOutcome] {
        var outcomes: [ReferralID: WishOutcome] = [:]
        var outside: [Placement] = []
        for placement in placements {
            if let known = WishOutcome.withoutTheRun(student: placement.student, placed: placement.program) {
                outcomes[placement.referral.id] = known
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
        var wished = try directory.programs(ids: Array(named))
        if !categories.isEmpty { wished += try directory.programs(categories: Array(categories)) }
        let wishedIDs = Set(wished.map(\.id))
        let candidates = try wishedCandidates(outside, among: wishedIDs)

        let runs = MatchRunStore(connection: connection, region: region)
        let students = Set(outside.map(\.student.id))
        for (runID, group) in Dictionary(grouping: outside, by: \.referral.runID) {
            let record = try runs.record(runID)
            // As the run saw them: its seats; a programme it did not see offered none.
            let seats = Dictionary(try runs.runPrograms(runID).map { ($0.id, $0.seats) }, uniquingKeysWith: { a, _ in a })
            var programs: [String: Program] = [:]
            for program in wished {
                var seen = program
                seen.seats = seats[program.id] ?? 0
                programs[program.id] = seen
            }
            let placed = try placedCount(runID, among: wishedIDs)
            var refusals: [String: [String: ProgramRefusal]] = [:]
            for refusal in try directory.refusals(before: record.createdAt) where students.contains(refusal.studentID) {
                refusals[refusal.studentID, default: [:]][refusal.programID] = refusal
            }
            for placement in group {
                let home = placement.student.home
                outcomes[placement.referral.id] = WishOutcome.judge(
                    student: placement.student, placed: placement.program, programs: programs, placedCount: placed,
                    candidates: candidates["\(runID) \(placement.student.id)"] ?? [],
                    refusals: refusals[placement.student.id] ?? [:], maxCommuteKm: record.settings.maxCommuteKm,
                    distanceKm: { program in home.map { GreatCircle.distanceKm(from: $0, to: program.location) } ?? .nan })
            }
        }
        return outcomes
    }

    /// Each placement's candidates among `programs` in its run, keyed `"run student"`.
    private func wishedCandidates(_ placements: [Placement], among programs: Set<String>) throws -> [String: Set<String>] {
        let rows = try connection.query(
            """
            SELECT c.run_id, c.student_id, c.program_id
            FROM unnest($2::bigint[], $3::text[]) AS w(run_id, student_id)
            JOIN candidates c ON c.region = $1 AND c.run_id = w.run_id AND c.student_id = w.student_id
            WHERE c.program_id = ANY($4::text[])
            """,
            [region, CountyDirectory.arrayParameter(placements.map(\.referral.runID.description)),
             CountyDirectory.arrayParameter(placements.map(\.student.id)), CountyDirectory.arrayParameter(programs.sorted())])
        var candidates: [String: Set<String>] = [:]
        for row in rows.rows {
            let run: RunID = try row.decode("run_id"), student: String = try row.decode("student_id")
            candidates["\(run) \(student)", default: []].insert(try row.decode("program_id"))
        }
        return candidates
    }

    /// Students the run placed in each of `programs`.
    private func placedCount(_ runID: RunID, among programs: Set<String>) throws -> [String: Int] {
        let rows = try connection.query(
            """
            SELECT program_id, count(*)::integer AS placed FROM assignments
            WHERE region = $1 AND run_id = $2 AND program_id = ANY($3::text[])
            GROUP BY program_id
            """, [region, runID, CountyDirectory.arrayParameter(programs.sorted())])
        return Dictionary(
            try rows.rows.map { (try $0.decode("program_id", as: String.self), try $0.decode("placed", as: Int.self)) },
            uniquingKeysWith: { a, _ in a })
    }
}
