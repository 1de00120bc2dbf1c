import PathwayCore

/// The few words a letter takes from data rather than from its template: dates, numbers, gender
/// and subject names, written as a reader of each language expects them.
///
/// Locale-free on purpose: the same letter prints the same characters on every machine.
struct LetterWording {
    let language: Language

    /// `2026年11月29日` or `29 November 2026`: the forms a Chinese and an English letter are dated in.
    func date(_ date: CalendarDate) -> String {
        switch language {
        case .chinese:
            return "\(date.year)年\(date.month)月\(date.day)日"
        case .english:
            return "\(date.day) \(Self.monthNames[date.month - 1]) \(date.year)"
        }
    }

    private static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    func gender(_ gender: Gender) -> String { gender.name(in: language) }

    /// A mark as a teacher writes it: `86`, `37.5`.
    func mark(_ x: Double) -> String { Self.decimal(x, maxPlaces: 1) }

    /// A distance to one decimal: `12.3`; under 1 km still shows one decimal (`0.4`).
    func kilometres(_ x: Double) -> String {
        guard x.isFinite, x >= 0 else { return "?" }
        return Self.fixed(x, places: 1)
    }

    /// The subject's name in the letter's language; subjects the import does not know are printed
    /// as the records have them.
    func subject(_ code: String) -> String { SubjectNames.name(code, in: language) }

    /// `x` rounded half away from zero to `places` decimals.
    static func fixed(_ x: Double, places: Int) -> String {
        guard x.isFinite else { return String(describing: x) }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(x) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9e15 else { return String(describing: x) }
        let units = Int64(scaled)
        let divisor = Int64(scale)
        let sign = x < 0 && units != 0 ? "-" : ""
        guard places > 0 else { return sign + String(units) }
        let fraction = String(units % divisor)
        return sign + String(units / divisor) + "." + String(repeating: "0", count: places - fraction.count) + fraction
    }

    /// Like `fixed`, without trailing zeros: `86`, `37.5`.
    static func decimal(_ x: Double, maxPlaces: Int) -> String {
        var text = fixed(x, places: maxPlaces)
        guard text.contains(".") else { return text }
        while text.last == "0" { text.removeLast() }
        if text.last == "." { text.removeLast() }
        return text
    }

    /// What a wish named: `计算机应用专业`, `电子与信息类专业`, `the programme 计算机应用`.
    func wishName(_ target: UnmetWish.Target) -> String {
        let zh = language == .chinese
        switch target {
        case .program(let id, let name):
            return zh ? "\(name ?? id)专业" : "the programme \(name ?? id)"
        case .category(let code, let category):
            let name = category?.name(in: language) ?? code
            return zh ? "\(name)专业" : "any programme in \(name)"
        }
    }

    /// Why a wish was not met, in a family's words.
    func reason(_ reason: UnmetWishReason) -> String {
        let zh = language == .chinese
        switch reason {
        case .seatsFull:
            return zh ? "名额已满" : "its places were all taken"
        case .belowMinimum(let minimum):
            return zh ? "要求中考总分不低于\(mark(minimum))分" : "it asks for a total score of at least \(mark(minimum))"
        case .noTotalScore(let minimum):
            return zh ? "要求中考总分不低于\(mark(minimum))分，而孩子的总分没有记录"
                : "it asks for a total score of at least \(mark(minimum)), and none is on record for your child"
        case .needsBoarding:
            return zh ? "孩子需要住校，而该专业不提供住宿" : "your child needs boarding, which it does not offer"
        case .tooFarWithoutBoarding:
            return zh ? "离家太远，又不提供住宿" : "it is too far to travel each day and offers no boarding"
        case .refusedEarlier:
            return zh ? "此前您已表示不去" : "you said no to it earlier"
        case .notOffered:
            return zh ? "今年不招生" : "it takes no students this year"
        case .otherFitsBetter:
            return zh ? "还有名额，但综合兴趣、成绩和路程，推荐的专业更适合孩子"
                : "it has places, but on interests, marks and distance the recommended programme fits better"
        }
    }

    /// The wishes a letter does not list one by one.
    func moreUnmetWishes(_ count: Int) -> String {
        language == .chinese ? "另有\(count)个志愿同样未能安排" : "\(count) more choices could not be met either"
    }

    /// One subsidy, with its amount and condition.
    func subsidy(_ subsidy: Subsidy) -> String {
        let zh = language == .chinese
        let amount = subsidy.yuanPerYear.map(String.init) ?? ""
        switch subsidy.kind {
        case .tuition:
            return zh ? "在公办中等职业学校就读，免除学费。" : "Tuition is free at public secondary vocational schools."
        case .stateGrant:
            return zh ? "家庭经济困难的学生可以申请国家助学金，每年\(amount)元。"
                : "Students from families in financial hardship can apply for the national grant (国家助学金) of ¥\(amount) a year."
        case .yulu:
            return zh ? "登记在册的脱贫家庭（含防止返贫监测对象）的孩子，还可以申请雨露计划补助，每年\(amount)元。"
                : "Children of registered poverty-alleviation families can also apply for the Yulu Plan (雨露计划) grant of ¥\(amount) a year."
        }
    }
}
