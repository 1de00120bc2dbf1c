import PathwayCore

/// The imported programmes as a wish may name them: families write a programme's id when the
/// county's form gives one, but more often its name (`护理`), its school and name
/// (`青岚县卫生职业学校+护理`), or a whole catalogue category (`72`, `医药卫生`).
///
/// Every lookup structure is built once in `init`, so that resolving a wish costs a few hash
/// lookups: it runs for every wish of every student (half a million for 100,000 students).
public struct ProgramCatalogue: Sendable {
    /// One imported programme, with the school that offers it.
    public struct Entry: Sendable, Hashable {
        public var id: String
        public var name: String
        public var schoolID: String
        public var schoolName: String
        /// The catalogue category's two-digit code (`71`).
        public var category: String

        public init(id: String, name: String, schoolID: String, schoolName: String, category: String) {
            self.id = id
            self.name = name
            self.schoolID = schoolID
            self.schoolName = schoolName
            self.category = category
        }
    }

    /// The ids of the programmes.
    public let ids: Set<String>

    /// The programmes, each id once (the first entry with an id wins), in the order given.
    private let entries: [Entry]
    /// Each id's place in `entries`.
    private let indexByID: [String: Int]
    /// Programmes by name key (`nameKey(_:programme: true)`), in entry order.
    private let programsByName: [String: [Int]]
    /// Programmes by school id and name key.
    private let programsBySchool: [SchoolProgram: [Int]]
    /// Each school id's name as imported (empty when the entries gave none).
    private let schoolNames: [String: String]
    /// School ids by the key of their whole name.
    private let schoolsByName: [String: [String]]
    /// School ids by every part (up to `indexedPartLength` characters) of their name's key.
    private let schoolsByNamePart: [String: [String]]
    /// The schools with a name, for a school part longer than the indexed ones.
    private let schools: [NamedSchool]

    /// Longest part of a school name found by one hash lookup; a longer school part (rare: a
    /// name with a character or two left out is short) is looked for school by school.
    private static let indexedPartLength = 16
    /// How many programmes or schools an ambiguity message names.
    private static let listedLimit = 5

    public init(_ entries: [Entry]) {
        var kept: [Entry] = []
        kept.reserveCapacity(entries.count)
        var indexByID: [String: Int] = [:]
        var programsByName: [String: [Int]] = [:]
        var programsBySchool: [SchoolProgram: [Int]] = [:]
        var schoolNames: [String: String] = [:]
        var schoolOrder: [String] = []
        for entry in entries where indexByID[entry.id] == nil {
            let index = kept.count
            kept.append(entry)
            indexByID[entry.id] = index
            if !entry.schoolID.isEmpty {
                if let known = schoolNames[entry.schoolID] {
                    if known.isEmpty, !entry.schoolName.isEmpty { schoolNames[entry.schoolID] = entry.schoolName }
                } else {
                    schoolNames[entry.schoolID] = entry.schoolName
                    schoolOrder.append(entry.schoolID)
                }
            }
            let key = Self.nameKey(entry.name, programme: true)
            guard !key.isEmpty else { continue }
            programsByName[key, default: []].append(index)
            programsBySchool[SchoolProgram(schoolID: entry.schoolID, name: key), default: []].append(index)
        }

        var schoolsByName: [String: [String]] = [:]
        var schoolsByNamePart: [String: [String]] = [:]
        var schools: [NamedSchool] = []
        for id in schoolOrder {
            let key = Self.nameKey(schoolNames[id] ?? "", programme: false)
            guard !key.isEmpty else { continue }
            let characters = Array(key)
            schools.append(NamedSchool(id: id, key: characters))
            schoolsByName[key, default: []].append(id)
            for start in characters.indices {
                for end in (start + 1)...min(characters.count, start + Self.indexedPartLength) {
                    let part = String(characters[start..<end])
                    // A part may occur twice in one name (职业…职业); list the school once.
                    if schoolsByNamePart[part]?.last != id { schoolsByNamePart[part, default: []].append(id) }
                }
            }
        }

        self.entries = kept
        self.ids = Set(indexByID.keys)
        self.indexByID = indexByID
        self.programsByName = programsByName
        self.programsBySchool = programsBySchool
        self.schoolNames = schoolNames
        self.schoolsByName = schoolsByName
        self.schoolsByNamePart = schoolsByNamePart
        self.schools = schools
    }

    /// A catalogue that knows programmes by id only (tests of the id rule).
    init(ids: some Sequence<String>) {
        self.init(ids.map { Entry(id: $0, name: "", schoolID: "", schoolName: "", category: "") })
    }

    /// One wish as written in a 第N志愿 cell or one entry of a `;` list.
    ///
    /// After trimming and reading full-width forms as ASCII, in this order:
    /// 1. a programme id → `.program`;
    /// 2. two digits → `.category` when they are a category code (61 to 79), else an error;
    /// 3. school and programme, split on the first `+ / · |` (full-width too), or on a dash
    ///    (`-`, `—`) or blank when both sides resolve: the school part is a school id, a
    ///    school's name, or part of exactly one school's name; the programme part is the name
    ///    (or id) of a programme at that school;
    /// 4. a programme's name → `.program` when one programme has it, else an error naming them;
    /// 5. a category's name (`医药卫生`, `医药卫生大类`, `72 医药卫生`) → `.category`.
    ///
    /// Names are compared without blanks, letters in either case, and without a trailing 专业.
    /// The error's message continues the quoted wish (`"护里" is not a programme id, …`).
    public func resolve(_ text: String) -> Result<Wish, ValueError> {
        let trimmed = text.trimmedForImport
        if ids.contains(trimmed) { return .success(.program(trimmed)) }
        let normal = trimmed.halfWidth.trimmedForImport
        guard !normal.isEmpty else {
            return .failure(ValueError("is empty; expected a programme or a category", "为空；应填写专业或专业大类"))
        }
        if ids.contains(normal) { return .success(.program(normal)) }
        if normal.utf8.count == 2, normal.utf8.allSatisfy(ImportBytes.isDigit) {
            guard let category = CatalogueCategory(code: normal) else {
                return .failure(
                    ValueError(
                        "is not a category of the 2021 catalogue (61 to 79)", "不是 2021 年专业目录中的专业大类（61 到 79）"))
            }
            return .success(.category(category.code))
        }

        // School and programme. A failure is kept for the end: the text may still be a
        // programme's name with a + or / in it (`护理(3+2)`).
        var pending: ValueError?
        if let split = Self.splitOnMark(normal) {
            switch resolve(school: split.school, program: split.program) {
            case .found(let id): return .success(.program(id))
            case .failed(let error): pending = error
            case .unknown: break
            }
        }
        if let id = resolveSplitOnDashOrBlank(normal) { return .success(.program(id)) }

        let key = Self.nameKey(normal, programme: true)
        if let matches = programsByName[key], let first = matches.first {
            return matches.count == 1 ? .success(.program(entries[first].id)) : .failure(ambiguity(matches))
        }
        if case .success(let code) = ValueParser.catalogueCategory(normal) { return .success(.category(code)) }
        if let category = CatalogueCategory(name: key) { return .success(.category(category.code)) }
        return .failure(
            pending
                ?? ValueError(
                    "is not a programme id, programme name or category of the imported programmes",
                    "不是已导入专业的编号、名称或专业大类"))
    }

    // MARK: School and programme

    /// `school` and `program` around the first `+`, `/`, `·` or `|`, or nil when there is none
    /// or a side is empty.
    private static func splitOnMark(_ text: String) -> (school: String, program: String)? {
        guard let mark = text.firstIndex(where: isMark) else { return nil }
        let school = String(text[..<mark]).trimmedForImport
        let program = String(text[text.index(after: mark)...]).trimmedForImport
        guard !school.isEmpty, !program.isEmpty else { return nil }
        return (school: school, program: program)
    }

    /// The programme named by school and programme around a run of dashes or blanks, trying
    /// each run in turn, when both sides resolve.
    private func resolveSplitOnDashOrBlank(_ text: String) -> String? {
        guard text.contains(where: Self.isDashOrBlank) else { return nil }
        let characters = Array(text)
        var start = 0
        while start < characters.count {
            guard characters[start...].contains(where: Self.isDashOrBlank) else { return nil }
            var runStart = start
            while runStart < characters.count, !Self.isDashOrBlank(characters[runStart]) { runStart += 1 }
            var runEnd = runStart
            while runEnd < characters.count, Self.isDashOrBlank(characters[runEnd]) { runEnd += 1 }
            if runStart > 0, runEnd < characters.count,
               case .found(let id) = resolve(
                   school: String(characters[..<runStart]), program: String(characters[runEnd...])) {
                return id
            }
            start = runEnd
        }
        return nil
    }

    /// The programme `program` at the school `school`.
    private func resolve(school: String, program: String) -> PairMatch {
        let schoolID: String
        switch self.school(school) {
        case .noSchool: return .unknown
        case .several(let found): return .failed(ambiguousSchool(school, found))
        case .one(let id): schoolID = id
        }
        if let index = indexByID[program], entries[index].schoolID == schoolID { return .found(program) }
        let key = Self.nameKey(program, programme: true)
        guard let matches = programsBySchool[SchoolProgram(schoolID: schoolID, name: key)], let first = matches.first
        else {
            let name = schoolLabel(schoolID)
            return .failed(
                ValueError(
                    "is not a programme of \(name): the school has none called \(ImportIssue.quoted(program))",
                    "不是\(name)的专业：该校没有名为\(ImportIssue.chineseQuoted(program))的专业"))
        }
        return matches.count == 1 ? .found(entries[first].id) : .failed(ambiguity(matches))
    }

    /// The school that `text` names: by id, by whole name, or by a part of one school's name.
    private func school(_ text: String) -> SchoolMatch {
        if schoolNames[text] != nil { return .one(text) }
        let key = Self.nameKey(text, programme: false)
        guard !key.isEmpty else { return .noSchool }
        if let found = schoolsByName[key] { return SchoolMatch(found) }
        if let found = schoolsByNamePart[key] { return SchoolMatch(found) }
        let needle = Array(key)
        guard needle.count > Self.indexedPartLength else { return .noSchool }
        return SchoolMatch(schools.filter { Self.contains($0.key, needle) }.map(\.id))
    }

    // MARK: Messages

    /// A school's name for a message, or its id when it has none.
    private func schoolLabel(_ id: String) -> String {
        if let name = schoolNames[id], !name.isEmpty { return name }
        return id
    }

    /// `is the name of 2 programmes (P001 at 青岚县中等职业学校, P014 at 青岚县卫生职业学校); …`.
    private func ambiguity(_ matches: [Int]) -> ValueError {
        var english: [String] = []
        var chinese: [String] = []
        for index in matches.prefix(Self.listedLimit) {
            let entry = entries[index]
            let school = schoolLabel(entry.schoolID)
            english.append(school.isEmpty ? entry.id : "\(entry.id) at \(school)")
            chinese.append(school.isEmpty ? entry.id : "\(school)的 \(entry.id)")
        }
        let more = matches.count > Self.listedLimit
        return ValueError(
            "is the name of \(matches.count) programmes (\(english.joined(separator: ", "))\(more ? ", …" : "")); "
                + "write school+programme (学校+专业) or the programme id",
            "是 \(matches.count) 个专业的名称（\(chinese.joined(separator: "、"))\(more ? "等" : "")）；"
                + "请写成“学校+专业”或填写专业编号")
    }

    /// `is not clear about the school: "青岚" is part of the names of 2 schools (…); …`.
    private func ambiguousSchool(_ text: String, _ found: [String]) -> ValueError {
        let names = found.prefix(Self.listedLimit).map { schoolLabel($0) }
        let more = found.count > Self.listedLimit
        return ValueError(
            "is not clear about the school: \(ImportIssue.quoted(text)) is part of the names of \(found.count) schools "
                + "(\(names.joined(separator: ", "))\(more ? ", …" : "")); write the school's full name or id",
            "中的学校不明确：\(ImportIssue.chineseQuoted(text))是 \(found.count) 所学校名称的一部分"
                + "（\(names.joined(separator: "、"))\(more ? "等" : "")）；请写学校全称或学校编号")
    }

    // MARK: Text

    /// A name as compared: full-width forms as ASCII, without blanks, letters in lower case,
    /// and for a programme without a trailing 专业 (`计算机应用 专业` → `计算机应用`).
    static func nameKey(_ text: String, programme: Bool) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.halfWidth.unicodeScalars where !isBlank(scalar) {
            scalars.append(scalar)
        }
        var key = String(scalars).lowercased()
        if programme, key.hasSuffix("专业"), key.count > 2 { key.removeLast(2) }
        return key
    }

    /// Blanks, including the zero-width space and byte order mark that `trimmedForImport` removes.
    private static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar.value == 0x200B || scalar.value == 0xFEFF
    }

    /// The marks between a school and a programme that always split (after `halfWidth`, which
    /// reads ＋ ／ ｜ as + / |).
    private static func isMark(_ character: Character) -> Bool {
        switch character {
        case "+", "/", "|", "·", "・", "•": return true
        default: return false
        }
    }

    /// Dashes and blanks, which split only when both sides resolve.
    private static func isDashOrBlank(_ character: Character) -> Bool {
        switch character {
        case "-", "—", "–", "－": return true
        default: return character.unicodeScalars.allSatisfy(isBlank)
        }
    }

    /// Whether `needle` occurs in `haystack`.
    private static func contains(_ haystack: [Character], _ needle: [Character]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return needle.isEmpty }
        for start in 0...(haystack.count - needle.count)
        where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return true
        }
        return false
    }
}

/// A programme name at one school, as a lookup key.
private struct SchoolProgram: Sendable, Hashable {
    var schoolID: String
    var name: String
}

/// A school with a name, its key as characters.
private struct NamedSchool: Sendable {
    var id: String
    var key: [Character]
}

/// The schools a school part names.
private enum SchoolMatch {
    case noSchool
    case one(String)
    case several([String])

    init(_ ids: [String]) {
        switch ids.count {
        case 0: self = .noSchool
        case 1: self = .one(ids[0])
        default: self = .several(ids)
        }
    }
}

/// What a school and programme pair resolves to.
private enum PairMatch {
    /// The programme's id.
    case found(String)
    /// The school is known (or ambiguous) but the pair does not name one programme.
    case failed(ValueError)
    /// The school part names no school.
    case unknown
}
