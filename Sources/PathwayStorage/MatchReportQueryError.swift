import PathwayCore
/// Why a match report could not be read.
public enum MatchReportQueryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No run has this id in this region: a typo, or a run of another county.
    case unknownRun(RunID, region: Region)

    public var description: String {
        switch self {
        case .unknownRun(let runID, let region):
            return "no match run has the id \(runID) (region \(region)); check the run number printed by `pathway match run`"
        }
    }
}
