/// How a counsellor reached a student's family (劝返/家访 records).
public enum ContactKind: String, Sendable, Hashable, Codable, CaseIterable {
    case phone
    case home_visit
    case school_visit
    case message

    public func name(in language: Language) -> String {
        switch (self, language) {
        case (.phone, .chinese): "电话"
        case (.phone, .english): "phone call"
        case (.home_visit, .chinese): "家访"
        case (.home_visit, .english): "home visit"
        case (.school_visit, .chinese): "到校面谈"
        case (.school_visit, .english): "school visit"
        case (.message, .chinese): "短信/微信"
        case (.message, .english): "message"
        }
    }
}

/// What came of a contact.
public enum ContactOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    /// Spoke with the student or family; nothing decided.
    case reached
    /// Nobody answered or was at home.
    case unreachable
    /// The family agrees to the student enrolling.
    case agreed
    /// The family is thinking about it.
    case considering
    /// The family says no.
    case refused
    /// The student has left the county (outside work, moved).
    case moved_away
    case other

    public func name(in language: Language) -> String {
        switch (self, language) {
        case (.reached, .chinese): "已联系上"
        case (.reached, .english): "reached"
        case (.unreachable, .chinese): "未联系上"
        case (.unreachable, .english): "not reached"
        case (.agreed, .chinese): "同意入学"
        case (.agreed, .english): "agreed to enrol"
        case (.considering, .chinese): "还在考虑"
        case (.considering, .english): "considering"
        case (.refused, .chinese): "明确拒绝"
        case (.refused, .english): "refused"
        case (.moved_away, .chinese): "已外出或迁走"
        case (.moved_away, .english): "moved away"
        case (.other, .chinese): "其他"
        case (.other, .english): "other"
        }
    }
}
