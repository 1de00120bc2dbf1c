import PathwayCore
import Foundation

/// Why a `pathway match` command could not do what was asked, in words staff can act on.
public enum MatchRunError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No run has this id.
    case unknownRun(RunID)
    /// Another run holds the match lock; who started it and when, as the server reports them.
    case runInProgress(startedBy: String, since: Date?)
    /// Nothing to match: no students (in the cohort, or in the follow-up list).
    case noStudents(cohort: Int?)
    /// Nothing to match into: no programmes.
    case noPrograms
    /// A `ranked` run assigns nothing, so it has no assignments to export or compare.
    case rankedRunHasNoAssignments(RunID)
    /// The student is not one of the run's students.
    case studentNotInRun(studentID: String, runID: RunID)
    /// The run's stored settings or rows do not decode (edited by hand?).
    case unreadableRun(runID: RunID, reason: String)

    public var description: String {
        switch self {
        case .unknownRun(let id):
            return "there is no match run \(id); `pathway match list` shows the runs"
        case .runInProgress(let actor, let since):
            let when = since.map { " at \(MatchRunError.utcText($0))" } ?? ""
            return "another match run is in progress (started by \(actor)\(when)); try again when it has finished, or pass --wait"
        case .noStudents(let cohort):
            let which = cohort.map { " of cohort \($0)" } ?? ""
            return "there are no students\(which) to match; import students first (`pathway import students FILE`)"
        case .noPrograms:
            return "there are no programmes to match into; import programs first (`pathway import programs FILE`)"
        case .rankedRunHasNoAssignments(let id):
            return "run \(id) used the ranked strategy, which lists candidates and assigns no seats; use --what candidates"
        case .studentNotInRun(let student, let run):
            return "student \(student) is not one of run \(run)'s students"
        case .unreadableRun(let run, let reason):
            return "run \(run) cannot be read: \(reason)"
        }
    }

    /// `2026-11-29 06:03:30 UTC`.
    static func utcText(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(parts.tm_year + 1900)-\(pad(parts.tm_mon + 1))-\(pad(parts.tm_mday)) "
            + "\(pad(parts.tm_hour)):\(pad(parts.tm_min)):\(pad(parts.tm_sec)) UTC"
    }
}
