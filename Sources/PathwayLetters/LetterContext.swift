import PathwayCore

/// What a template sees: every value already written out in the letter's language, absent
/// values as nil (so `{{#student.birthDate}}…{{/student.birthDate}}` can leave a line out and
/// `{{^…}}` can say "not on record"), never an empty string that would print as a blank.
///
/// Templates/README.md lists these names for people who edit the templates; keep the two in step.
/// Field names are distinct across levels on purpose: Mustache looks a missing name up in the
/// enclosing objects, so a nil `mark` must not find some other `mark` further out.
struct LetterContext {
    struct StudentFields {
        let id: String
        /// The 学籍号, nil when not on record.
        let statusNumber: String?
        let name: String
        let gender: String?
        let birthDate: String?
        let juniorSchool: String?
        let township: String?
        let guardianName: String?
        let guardianPhone: String?
    }

    struct ProgramFields {
        let id: String
        let name: String
        let summary: String?
        let boarding: Bool
        let startDate: String?
        /// 报到: the day, the place, what to bring; each absent when not given.
        let registrationDate: String?
        let registrationPlace: String?
        let registrationItems: String?
        let hasRegistration: Bool
    }

    struct SchoolFields {
        let name: String
        let address: String?
        let contactName: String?
        let contactPhone: String?
        let contactEmail: String?
    }

    struct CounsellorFields {
        let name: String
        let phone: String
        let organisation: String
        let signatory: String?
    }

    /// How the place stands against the student's wishes: exactly one of `onWish`,
    /// `outsideWishes` and `noWishes` is set.
    struct PlacementFields {
        struct OnWish {
            let wishPosition: Int
            /// The category's name when the wish named the category, not the programme.
            let wishCategory: String?
        }
        struct Unmet {
            let unmetPosition: Int
            let unmetName: String
            let unmetReasons: String
        }
        let onWish: OnWish?
        let outsideWishes: Bool
        let unmetWishes: [Unmet]
        /// "另有3个志愿同样未能安排" when the list is cut at `unmetShown`.
        let moreUnmet: String?
        let noWishes: Bool
    }

    struct SubsidyLine {
        let subsidyText: String
    }

    struct GradeLine {
        let subjectName: String
        let mark: String?
    }

    struct Reason {
        let sentence: String
    }

    /// The partial that renders this letter inside `document.html`.
    let template: String
    /// `zh-CN` or `en`, for the page's `lang` attribute.
    let lang: String
    let kind: String
    let referenceNumber: String
    let date: String
    let student: StudentFields
    let program: ProgramFields
    let school: SchoolFields
    let counsellor: CounsellorFields
    let placement: PlacementFields
    /// What the family letter says about money: free tuition to everyone, the grants to a
    /// family recorded in hardship.
    let subsidies: [SubsidyLine]
    let hasSubsidies: Bool
    /// Nil when the home could not be placed (the templates then leave the distance out).
    let distanceKm: String?
    let reasons: [Reason]
    let hasReasons: Bool
    let keyGrades: [GradeLine]
    let hasKeyGrades: Bool
    let totalScore: String?

    init(_ letter: ReferralLetter, kind: LetterKind, language: Language, format: LetterFormat) {
        let words = LetterWording(language: language)
        let student = letter.student
        template = LetterTemplates.letterName(kind: kind, language: language, format: format)
        lang = language.htmlTag
        self.kind = kind.rawValue
        referenceNumber = Self.oneLine(letter.referenceNumber) ?? "—"
        date = words.date(letter.issuedOn)
        self.student = StudentFields(
            id: student.id,
            statusNumber: Self.oneLine(student.statusNumber),
            name: Self.oneLine(student.name) ?? "—",
            gender: student.gender.map(words.gender),
            birthDate: student.birthDate.map(words.date),
            juniorSchool: Self.oneLine(student.juniorSchool),
            township: Self.oneLine(student.township),
            guardianName: Self.oneLine(student.guardianName),
            guardianPhone: Self.oneLine(student.guardianPhone))
        program = ProgramFields(
            id: letter.program.id,
            name: Self.oneLine(letter.program.name) ?? letter.program.id,
            summary: Self.oneLine(letter.program.description, limit: Self.longLimit),
            boarding: letter.program.boarding,
            startDate: letter.program.startDate.map(words.date),
            registrationDate: letter.program.registration.date.map(words.date),
            registrationPlace: Self.oneLine(letter.program.registration.place),
            registrationItems: Self.oneLine(letter.program.registration.items, limit: Self.longLimit),
            hasRegistration: letter.program.registration != Program.Registration())
        school = SchoolFields(
            name: Self.oneLine(letter.school.name) ?? letter.school.id,
            address: Self.oneLine(letter.school.address, limit: Self.longLimit),
            contactName: Self.oneLine(letter.school.contactName),
            contactPhone: Self.oneLine(letter.school.contactPhone),
            contactEmail: Self.oneLine(letter.school.contactEmail))
        counsellor = CounsellorFields(
            name: Self.oneLine(letter.counsellor.name) ?? "—",
            phone: Self.oneLine(letter.counsellor.phone) ?? "—",
            organisation: Self.oneLine(letter.counsellor.organisation) ?? "—",
            signatory: Self.oneLine(letter.signatory))
        placement = Self.placement(letter, words: words)
        subsidies = letter.subsidies.filter { !$0.kind.isForHardship || student.hardship }
            .map { SubsidyLine(subsidyText: words.subsidy($0)) }
        hasSubsidies = !subsidies.isEmpty
        distanceKm = letter.distanceKm.isNaN ? nil : words.kilometres(letter.distanceKm)
        reasons = letter.reasons.compactMap { Self.oneLine($0, limit: 200) }.map(Reason.init)
        hasReasons = !reasons.isEmpty
        keyGrades = letter.keyGrades.map {
            GradeLine(subjectName: words.subject($0.subject), mark: $0.score.map(words.mark))
        }
        hasKeyGrades = !keyGrades.isEmpty
        totalScore = student.totalScore.flatMap { $0.isFinite ? words.mark($0) : nil }
    }

    static func placement(_ letter: ReferralLetter, words: LetterWording) -> PlacementFields {
        switch letter.wishOutcome {
        case .wish(let match):
            let category = match.kind == .category
                ? CatalogueCategory(code: letter.program.category)?.name(in: words.language) ?? letter.program.category : nil
            return PlacementFields(
                onWish: .init(wishPosition: match.position, wishCategory: category), outsideWishes: false,
                unmetWishes: [], moreUnmet: nil, noWishes: false)
        case .outsideWishes(let unmet):
            let separator = words.language == .chinese ? "，" : "; "
            return PlacementFields(
                onWish: nil, outsideWishes: true,
                unmetWishes: unmet.prefix(unmetShown).map {
                    .init(unmetPosition: $0.position, unmetName: oneLine(words.wishName($0.target)) ?? "—",
                          unmetReasons: $0.reasons.map(words.reason).joined(separator: separator))
                },
                moreUnmet: unmet.count > unmetShown ? words.moreUnmetWishes(unmet.count - unmetShown) : nil,
                noWishes: false)
        case .noWishes:
            return PlacementFields(onWish: nil, outsideWishes: false, unmetWishes: [], moreUnmet: nil, noWishes: true)
        }
    }

    /// Unmet wishes a letter lists one by one; the rest are counted.
    static let unmetShown = 3
    /// The longest a name may run in a letter, and an address or a description: what a sheet
    /// of A4 holds beside everything else (the print test checks it).
    static let nameLimit = 40
    static let longLimit = 60

    /// Trimmed, with line breaks and other control characters turned into spaces (a name with a
    /// newline must not break a letter's layout), bidirectional controls dropped (an override
    /// would reverse what the letter shows), towers of accents levelled, cut to `limit`
    /// characters with "…", nil when nothing is left.
    static func oneLine(_ text: String?, limit: Int = nameLimit) -> String? {
        guard let text else { return nil }
        var cleaned = ""
        if text.utf8.contains(where: {
            $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 || $0 == 0xCC || $0 == 0xCD || $0 == 0xD8
                || $0 == 0xE1 || $0 == 0xEF
        }) {
            // Only then can it hold a control (C0, DEL, C1 = C2 80…9F), a line or paragraph
            // separator (E2 80 A8/A9), a bidirectional control (E2 80/81, ALM D8 9C) or a
            // stacking accent (CC/CD: U+0300…036F; E1, E2, EF: the other blocks); the scalar
            // walk was two thirds of building a context.
            for scalar in CombiningMarks.levelled(text).unicodeScalars where !BidirectionalControls.contains(scalar) {
                if scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}" {
                    cleaned.unicodeScalars.append(" ")
                } else {
                    cleaned.unicodeScalars.append(scalar)
                }
            }
        } else {
            cleaned = text
        }
        let trimmed = cleaned.trimmingWhitespace()
        guard !trimmed.isEmpty else { return nil }
        return trimmed.count > limit ? String(trimmed.prefix(limit - 1)) + "…" : trimmed
    }
}
