/// A top-level category (专业大类) of the 2021 national catalogue of secondary vocational
/// programmes (职业教育专业目录(2021年)), identified by its two-digit code.
///
/// Programmes name their category and students may wish for a whole category ("anything in
/// 72 医药卫生"), so both importers need the same closed list to tell a valid code from a typo, and a letter
/// names a wished category in words.
public struct CatalogueCategory: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Two digits, `61` to `79`.
    public let code: String
    /// The category's Chinese name without the trailing 大类 (`电子与信息`).
    public let name: String
    /// The category's English name (`Electronics and Information`).
    public let englishName: String

    /// The nineteen categories, in code order.
    public static let all: [CatalogueCategory] = [
        ("61", "农林牧渔", "Agriculture, Forestry, Animal Husbandry and Fishery"),
        ("62", "资源环境与安全", "Resources, Environment and Safety"),
        ("63", "能源动力与材料", "Energy, Power and Materials"), ("64", "土木建筑", "Civil Engineering and Architecture"),
        ("65", "水利", "Water Conservancy"), ("66", "装备制造", "Equipment Manufacturing"),
        ("67", "生物与化工", "Biology and Chemical Engineering"), ("68", "轻工纺织", "Light Industry and Textiles"),
        ("69", "食品药品与粮食", "Food, Pharmaceuticals and Grain"), ("70", "交通运输", "Transport"),
        ("71", "电子与信息", "Electronics and Information"), ("72", "医药卫生", "Medicine and Health"),
        ("73", "财经商贸", "Finance, Economics and Trade"), ("74", "旅游", "Tourism"),
        ("75", "文化艺术", "Culture and Arts"), ("76", "新闻传播", "Journalism and Communication"),
        ("77", "教育与体育", "Education and Sports"), ("78", "公安与司法", "Public Security and Justice"),
        ("79", "公共管理与服务", "Public Administration and Services"),
    ].map { CatalogueCategory(code: $0.0, name: $0.1, englishName: $0.2) }

    private init(code: String, name: String, englishName: String) {
        self.code = code
        self.name = name
        self.englishName = englishName
    }

    /// The name in `language`: `电子与信息类`, `Electronics and Information`.
    public func name(in language: Language) -> String {
        language == .chinese ? name + "类" : englishName
    }

    /// The category with this two-digit code, or `nil`.
    public init?(code: some StringProtocol) {
        guard let found = Self.all.first(where: { $0.code == code }) else { return nil }
        self = found
    }

    /// The category with this name, with or without 大类/类 (`交通运输`, `交通运输大类`).
    public init?(name: some StringProtocol) {
        var text = String(name)
        for suffix in ["大类", "类"] where text.hasSuffix(suffix) {
            text.removeLast(suffix.count)
        }
        guard let found = Self.all.first(where: { $0.name == text }) else { return nil }
        self = found
    }

    /// `71 电子与信息`.
    public var description: String { "\(code) \(name)" }
}
