/// A top-level category (专业大类) of the 2021 national catalogue of secondary vocational
/// programmes (职业教育专业目录(2021年)), identified by its two-digit code.
///
/// Programmes name their category and students may wish for a whole category ("anything in
/// 72 医药卫生"), so both importers need the same closed list to tell a valid code from a typo.
public struct CatalogueCategory: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Two digits, `61` to `79`.
    public let code: String
    /// The category's Chinese name without the trailing 大类 (`电子与信息`).
    public let name: String

    /// The nineteen categories, in code order.
    public static let all: [CatalogueCategory] = [
        ("61", "农林牧渔"), ("62", "资源环境与安全"), ("63", "能源动力与材料"), ("64", "土木建筑"),
        ("65", "水利"), ("66", "装备制造"), ("67", "生物与化工"), ("68", "轻工纺织"),
        ("69", "食品药品与粮食"), ("70", "交通运输"), ("71", "电子与信息"), ("72", "医药卫生"),
        ("73", "财经商贸"), ("74", "旅游"), ("75", "文化艺术"), ("76", "新闻传播"),
        ("77", "教育与体育"), ("78", "公安与司法"), ("79", "公共管理与服务"),
    ].map { CatalogueCategory(code: $0.0, name: $0.1) }

    private init(code: String, name: String) {
        self.code = code
        self.name = name
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
