/// A column that an imported file may have: its canonical English name, whether the file is
/// refused without it, and the Chinese (or other) headers accepted for it.
///
/// Each file kind is an enum conforming to this protocol (`StudentColumn`, ...) so that
/// importers read values by case (`record.text(.totalScore)`) and a misspelt column name is a
/// compile error rather than a silently empty value. The raw value is the case's position in
/// `allCases` (0, 1, 2, ...): `HeaderMapping` looks columns up in an array by it, once per cell,
/// which hashing the canonical name would make several times slower.
public protocol CSVColumn: RawRepresentable, CaseIterable, Hashable, Sendable
where RawValue == Int, AllCases == [Self] {
    /// The canonical header name (`student_id`), as `docs/data-formats.md` lists it.
    var canonicalName: String { get }
    /// The file is refused when no header maps to this column.
    var isRequired: Bool { get }
    /// Other header texts accepted for this column, e.g. `学籍号` for `student_id`. Matched
    /// the same way as the canonical name (trimmed, case-insensitive).
    var aliases: [String] { get }
    /// Columns that stand in for this required one when it is absent: `学籍号` for `student_id`,
    /// a township (placed by the gazetteer) for `latitude`. Empty for most.
    var alternatives: [Self] { get }
}

extension CSVColumn {
    public var alternatives: [Self] { [] }
}

extension CSVColumn {
    /// The column whose canonical name or alias is `header`, matched as a file's header is.
    public init?(header: String) {
        let key = HeaderMapping<Self>.normalised(header)
        guard let column = Self.allCases.first(where: { column in
            ([column.canonicalName] + column.aliases).contains { HeaderMapping<Self>.normalised($0) == key }
        }) else { return nil }
        self = column
    }
}
