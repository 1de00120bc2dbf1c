import PathwayCore

/// A group of students whose outcome is set beside the whole cohort's, so that a county can
/// see whether the children it worries about most are placed as often, and as near home.
public struct EquityGroup: Sendable, Hashable {
    /// Which students the group holds.
    public enum Kind: Sendable, Hashable {
        /// Every student of the run: the yardstick the other groups are read against.
        case cohort
        case leftBehind
        case hardship
        /// nil: gender not recorded.
        case gender(Gender?)
        /// nil: township not recorded.
        case township(String?)
    }

    public var kind: Kind
    public var students: Int
    public var placed: Int
    /// Mean distance from home of the group's placed students, in km.
    public var meanDistanceKm: Double?

    public init(kind: Kind, students: Int, placed: Int, meanDistanceKm: Double?) {
        self.kind = kind
        self.students = students
        self.placed = placed
        self.meanDistanceKm = meanDistanceKm
    }

    /// Placed / students, 0...1; nil for an empty group.
    public var placementRate: Double? {
        students > 0 ? Double(placed) / Double(students) : nil
    }

    /// What the group is called in the report.
    public var label: String {
        switch kind {
        case .cohort: "全体学生"
        case .leftBehind: "留守儿童"
        case .hardship: "家庭经济困难"
        case .gender(let gender?): gender.name(in: .chinese)
        case .gender(nil): "性别未填写"
        case .township(let name?): name
        case .township(nil): "乡镇未填写"
        }
    }

    /// The English gloss shown under the label; nil where the label is a place name.
    public var englishLabel: String? {
        switch kind {
        case .cohort: "whole cohort"
        case .leftBehind: "left-behind children"
        case .hardship: "financial hardship"
        case .gender(.male): "male"
        case .gender(.female): "female"
        case .gender(nil): "gender not recorded"
        case .township(.some): nil
        case .township(nil): "township not recorded"
        }
    }
}
