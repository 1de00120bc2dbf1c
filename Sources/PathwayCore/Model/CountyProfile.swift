/// What every letter of a county says about the county itself, stored once (`pathway county
/// set`): the office that signs, its number, each junior school's counsellor, and the money a
/// family can count on.
public struct CountyProfile: Sendable, Hashable, Codable {
    /// The office that signs the letters (`青岚县教育局`).
    public var office: String?
    /// Who signs for it, printed under the office (`学生资助与职业指导办公室 王主任`).
    public var signatory: String?
    /// The office's number, for a responsible person without a number of their own.
    public var officePhone: String?
    /// Each junior school's counsellor, by junior school.
    public var counsellors: [String: Person]
    public var subsidies: [Subsidy]

    public init(
        office: String? = nil, signatory: String? = nil, officePhone: String? = nil, counsellors: [String: Person] = [:],
        subsidies: [Subsidy] = []
    ) {
        self.office = office
        self.signatory = signatory
        self.officePhone = officePhone
        self.counsellors = counsellors
        self.subsidies = subsidies
    }

    /// A person families can call.
    public struct Person: Sendable, Hashable, Codable {
        public var name: String
        public var phone: String

        public init(name: String, phone: String) {
            self.name = name
            self.phone = phone
        }
    }

    /// The person a letter about a student of `juniorSchool` names, and their number: the
    /// student's responsible person, at the number the profile has for someone of that name
    /// (their junior school's entry first), else the office's; without a responsible person,
    /// the junior school's counsellor. Nil when there is nobody or no number.
    public func contact(responsible: String?, juniorSchool: String?) -> Person? {
        let own = juniorSchool.flatMap { counsellors[$0] }
        guard let name = responsible?.trimmingWhitespace(), !name.isEmpty else { return own }
        let phone = own?.name == name ? own?.phone
            : counsellors.values.filter { $0.name == name }.map(\.phone).min() ?? officePhone
        return phone.map { Person(name: name, phone: $0) }
    }

    /// The subsidies in force on `day`, one per kind (the latest to start), in kind order.
    public func subsidies(on day: CalendarDate) -> [Subsidy] {
        Subsidy.Kind.allCases.compactMap { kind in
            subsidies.filter { $0.kind == kind && $0.isInForce(on: day) }.max { $0.effectiveFrom < $1.effectiveFrom }
        }
    }
}

/// A subsidy (资助政策) with its amount and the days it holds.
public struct Subsidy: Sendable, Hashable, Codable {
    /// The three a 中职 family meets, each with its own condition.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Free tuition at public 中职 schools (免学费): for every student.
        case tuition
        /// 国家助学金: for students from families in financial hardship, a sum per year.
        case stateGrant = "state_grant"
        /// 雨露计划: for students of registered poverty-alleviation families, a sum per year.
        case yulu

        /// Whether only students recorded in hardship are told of it.
        public var isForHardship: Bool { self != .tuition }
    }

    public var kind: Kind
    /// The sum per school year, nil for free tuition.
    public var yuanPerYear: Int?
    public var effectiveFrom: CalendarDate
    /// The last day it holds, nil while it has no end.
    public var effectiveUntil: CalendarDate?

    public init(kind: Kind, yuanPerYear: Int?, effectiveFrom: CalendarDate, effectiveUntil: CalendarDate? = nil) {
        self.kind = kind
        self.yuanPerYear = yuanPerYear
        self.effectiveFrom = effectiveFrom
        self.effectiveUntil = effectiveUntil
    }

    public func isInForce(on day: CalendarDate) -> Bool {
        effectiveFrom <= day && effectiveUntil.map { day <= $0 } ?? true
    }

    /// Checks what a person gave: a sum for the grants and none for tuition, dates in order.
    public func validated() throws(SubsidyError) -> Subsidy {
        switch (kind, yuanPerYear) {
        case (.tuition, .some): throw .amountForTuition
        case (.stateGrant, nil), (.yulu, nil): throw .missingAmount(kind)
        case (_, .some(let amount)) where amount <= 0 || amount > 100_000: throw .amountOutOfRange(amount)
        default: break
        }
        if let until = effectiveUntil, until < effectiveFrom { throw .endsBeforeItStarts }
        return self
    }

    /// Parses `state_grant:2300:2026-09-01[:2027-08-31]` or `tuition:2026-09-01`.
    public static func parsing(_ text: String) throws(SubsidyError) -> Subsidy {
        var parts = text.split(separator: ":", omittingEmptySubsequences: false).map { String($0).trimmingWhitespace() }
        guard let kind = parts.first.flatMap(Kind.init(rawValue:)) else { throw .malformed(text) }
        parts.removeFirst()
        var amount: Int?
        if kind != .tuition {
            guard let first = parts.first, let yuan = Int(first) else { throw .missingAmount(kind) }
            amount = yuan
            parts.removeFirst()
        }
        guard (1...2).contains(parts.count), let from = CalendarDate(parsing: parts[0]) else { throw .malformed(text) }
        var until: CalendarDate?
        if parts.count == 2 {
            guard let end = CalendarDate(parsing: parts[1]) else { throw .malformed(text) }
            until = end
        }
        return try Subsidy(kind: kind, yuanPerYear: amount, effectiveFrom: from, effectiveUntil: until).validated()
    }
}

/// A subsidy setting that cannot be kept.
public enum SubsidyError: Error, Sendable, Hashable {
    case malformed(String)
    case missingAmount(Subsidy.Kind)
    case amountForTuition
    case amountOutOfRange(Int)
    case endsBeforeItStarts
}
