import PathwayCore
import PostgresClient

/// The students and programmes a run matches, read from the database in one consistent snapshot.
///
/// Read through `CountyDirectory`, so rows arrive in id order (`COLLATE "C"`, the core's order).
/// The snapshot is a `REPEATABLE READ` transaction: an import committing halfway through the
/// read cannot give a run this year's programmes with last year's students.
public struct MatchInputs: Sendable {
    /// The students of the run, in id order.
    public var students: [Student]
    /// Every programme, in id order; for a follow-up run with its free seats in place of `seats`.
    public var programs: [Program]
    /// The region's measured road distances.
    public var travel: TravelTable
    /// Programmes students declined or did not turn up for: never offered to them again.
    public var refusals: [ProgramRefusal]

    public init(students: [Student], programs: [Program], travel: TravelTable = .none, refusals: [ProgramRefusal] = []) {
        self.students = students
        self.programs = programs
        self.travel = travel
        self.refusals = refusals
    }

    /// Reads the inputs of a run: the cohort's students (all students when `cohort` is nil) and
    /// every programme, the region's routes and its students' refusals; with `followup`, only its
    /// students, and its free seats.
    public static func load(
        _ connection: PostgresConnection, region: Region, cohort: Int? = nil, followup: FollowupScope? = nil
    ) throws -> MatchInputs {
        try connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        do {
            let directory = CountyDirectory(connection: connection, region: region)
            var programs = try directory.programs()
            let students = try directory.students(.init(cohort: cohort, ids: followup?.studentIDs))
            let travel = try directory.travel()
            let refusals = try directory.refusals()
            try connection.execute("COMMIT")
            if let followup {
                for index in programs.indices { programs[index].seats = followup.freeSeats[programs[index].id] ?? 0 }
            }
            return MatchInputs(students: students, programs: programs, travel: travel, refusals: refusals)
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }
}
