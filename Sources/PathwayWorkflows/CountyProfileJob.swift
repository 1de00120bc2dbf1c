import PathwayCore

/// `pathway county set --office … --counsellor … --subsidy …`: changes to the county's profile
/// for its letters. What is not named stays as it is.
public struct CountyProfileJob: Sendable {
    /// A new value, or nil to leave it; an empty text clears it.
    public var office: String?
    public var signatory: String?
    public var officePhone: String?
    /// Junior school and its counsellor, added or replaced.
    public var counsellors: [(juniorSchool: String, person: CountyProfile.Person)]
    /// Junior schools whose counsellor entry goes.
    public var removedCounsellors: [String]
    /// Added; one of the same kind starting the same day is replaced.
    public var subsidies: [Subsidy]
    /// Kinds whose every entry goes (before `subsidies` are added).
    public var removedSubsidies: [Subsidy.Kind]

    public init(
        office: String? = nil, signatory: String? = nil, officePhone: String? = nil,
        counsellors: [(juniorSchool: String, person: CountyProfile.Person)] = [], removedCounsellors: [String] = [],
        subsidies: [Subsidy] = [], removedSubsidies: [Subsidy.Kind] = []
    ) {
        self.office = office
        self.signatory = signatory
        self.officePhone = officePhone
        self.counsellors = counsellors
        self.removedCounsellors = removedCounsellors
        self.subsidies = subsidies
        self.removedSubsidies = removedSubsidies
    }

    public var changesSomething: Bool {
        office != nil || signatory != nil || officePhone != nil || !counsellors.isEmpty || !removedCounsellors.isEmpty
            || !subsidies.isEmpty || !removedSubsidies.isEmpty
    }

    /// Applies the changes and returns the profile now in force (unchanged and unwritten when
    /// nothing was asked).
    ///
    /// - Throws: `WorkflowError.unknownCounsellor` for a junior school without an entry to remove.
    @discardableResult
    public func run(in workspace: Workspace) throws -> CountyProfile {
        var profile = try workspace.profile.profile().profile
        guard changesSomething else { return profile }
        func cleared(_ text: String?, _ old: String?) -> String? {
            guard let text else { return old }
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : trimmed
        }
        profile.office = cleared(office, profile.office)
        profile.signatory = cleared(signatory, profile.signatory)
        profile.officePhone = cleared(officePhone, profile.officePhone)
        for school in removedCounsellors {
            guard profile.counsellors.removeValue(forKey: school) != nil else {
                throw WorkflowError.unknownCounsellor(school)
            }
        }
        for entry in counsellors { profile.counsellors[entry.juniorSchool] = entry.person }
        profile.subsidies.removeAll { removedSubsidies.contains($0.kind) }
        for subsidy in subsidies {
            profile.subsidies.removeAll { $0.kind == subsidy.kind && $0.effectiveFrom == subsidy.effectiveFrom }
            profile.subsidies.append(subsidy)
        }
        try workspace.profile.save(profile, actor: workspace.actor)
        return profile
    }
}
