import PathwayCore

/// `pathway county show|set`: the region's deadlines.
public struct CountySettingsJob: Sendable {
    public var acknowledgeDays: Int?
    public var registrationCloses: (month: Int, day: Int)?

    public init(acknowledgeDays: Int? = nil, registrationCloses: (month: Int, day: Int)? = nil) {
        self.acknowledgeDays = acknowledgeDays
        self.registrationCloses = registrationCloses
    }

    /// Changes what was given and keeps the rest; returns the deadlines now in force.
    ///
    /// - Throws: `FollowupDeadlinesError` for a value out of range (nothing changed).
    @discardableResult
    public func run(in workspace: Workspace) throws -> FollowupDeadlines {
        var deadlines = try workspace.settings.deadlines().deadlines
        guard acknowledgeDays != nil || registrationCloses != nil else { return deadlines }
        if let acknowledgeDays { deadlines.acknowledgeDays = acknowledgeDays }
        if let registrationCloses {
            deadlines.registrationMonth = registrationCloses.month
            deadlines.registrationDay = registrationCloses.day
        }
        try workspace.settings.setDeadlines(deadlines, actor: workspace.actor)
        return deadlines
    }
}
