import Mustache

/// A value templates read by name through a table of its key paths.
///
/// Without it swift-mustache finds a name with `Mirror`: on every lookup it reflects every
/// stored property of each object on the context stack. That was three quarters of the time
/// to render a letter. `TemplateFieldsTests` holds each table to its type's stored properties,
/// so a field added to a context cannot be forgotten here.
protocol TemplateFields: MustacheParent {
    /// Every stored property, by the name templates use for it.
    static var fields: [String: PartialKeyPath<Self> & Sendable] { get }
}

extension TemplateFields {
    func child(named name: String) -> Any? {
        guard let path = Self.fields[name] else { return nil }
        let value = self[keyPath: path]
        // An absent value must reach Mustache as nil, not as an `Optional.none` inside `Any`:
        // only nil skips a section and prints nothing.
        if let optional = value as? any TemplateOptional { return optional.templateValue }
        return value
    }
}

/// An optional seen through `Any`.
protocol TemplateOptional {
    var templateValue: Any? { get }
}

extension Optional: TemplateOptional {
    var templateValue: Any? { map { $0 } }
}

extension LetterContext: TemplateFields {
    static let fields: [String: PartialKeyPath<Self> & Sendable] = [
        "template": \.template, "lang": \.lang, "kind": \.kind, "referenceNumber": \.referenceNumber, "date": \.date,
        "student": \.student, "program": \.program, "school": \.school, "counsellor": \.counsellor,
        "placement": \.placement, "subsidies": \.subsidies, "hasSubsidies": \.hasSubsidies, "distanceKm": \.distanceKm,
        "reasons": \.reasons, "hasReasons": \.hasReasons, "keyGrades": \.keyGrades, "hasKeyGrades": \.hasKeyGrades,
        "totalScore": \.totalScore,
    ]
}

extension LetterContext.StudentFields: TemplateFields {
    static let fields: [String: PartialKeyPath<Self> & Sendable] = [
        "id": \.id, "statusNumber": \.statusNumber, "name": \.name, "gender": \.gender, "birthDate": \.birthDate,
        "juniorSchool": \.juniorSchool, "township": \.township, "guardianName": \.guardianName,
        "guardianPhone": \.guardianPhone,
    ]
}

extension LetterContext.ProgramFields: TemplateFields {
    static let fields: [String: PartialKeyPath<Self> & Sendable] = [
        "id": \.id, "name": \.name, "summary": \.summary, "boarding": \.boarding, "startDate": \.startDate,
        "registrationDate": \.registrationDate, "registrationPlace": \.registrationPlace,
        "registrationItems": \.registrationItems, "hasRegistration": \.hasRegistration,
    ]
}

extension LetterContext.SchoolFields: TemplateFields {
    static let fields: [String: PartialKeyPath<Self> & Sendable] = [
        "name": \.name, "address": \.address, "contactName": \.contactName, "contactPhone": \.contactPhone,
        "contactEmail": \.contactEmail,
    ]
}

extension LetterContext.CounsellorFields: TemplateFields {
    static let fields: [String: PartialKeyPath<Self> & Sendable] = [
        "name": \.name, "phone": \.phone, "organisation": \.organisation, "signatory": \.signatory,
    ]
}

extension LetterContext.PlacementFields: TemplateFields {
    static let fields: [String: PartialKeyPath<Self> & Sendable] = [
        "onWish": \.onWish, "outsideWishes": \.outsideWishes, "unmetWishes": \.unmetWishes, "moreUnmet": \.moreUnmet,
        "noWishes": \.noWishes,
    ]
}

extension LetterContext.PlacementFields.OnWish: TemplateFields {
    static let fields: [String: PartialKeyPath<Self> & Sendable] = ["wishPosition": \.wishPosition, "wishCategory": \.wishCategory]
}

extension LetterContext.PlacementFields.Unmet: TemplateFields {
    static let fields: [String: PartialKeyPath<Self> & Sendable] = [
        "unmetPosition": \.unmetPosition, "unmetName": \.unmetName, "unmetReasons": \.unmetReasons,
    ]
}

extension LetterContext.SubsidyLine: TemplateFields {
    static let fields: [String: PartialKeyPath<Self> & Sendable] = ["subsidyText": \.subsidyText]
}

extension LetterContext.GradeLine: TemplateFields {
    static let fields: [String: PartialKeyPath<Self> & Sendable] = ["subjectName": \.subjectName, "mark": \.mark]
}

extension LetterContext.Reason: TemplateFields {
    static let fields: [String: PartialKeyPath<Self> & Sendable] = ["sentence": \.sentence]
}

extension CoverContext: TemplateFields {
    static let fields: [String: PartialKeyPath<Self> & Sendable] = [
        "template": \.template, "lang": \.lang, "date": \.date, "recipient": \.recipient, "heading": \.heading,
        "names": \.names, "hasNames": \.hasNames,
    ]
}

extension CoverContext.Name: TemplateFields {
    static let fields: [String: PartialKeyPath<Self> & Sendable] = ["coverName": \.coverName]
}

extension DocumentContext: TemplateFields {
    static let fields: [String: PartialKeyPath<Self> & Sendable] = [
        "lang": \.lang, "title": \.title, "pages": \.pages, "pageCount": \.pageCount,
    ]
}
