/// A named set of provinces that reports are grouped by (`north`, `bolikhamxay-khammouane`, `national`).
public struct Region: Sendable, Equatable, Codable {
    public let id: String
    public let name: String
    public let provincePcodes: [String]

    public init(id: String, name: String, provincePcodes: [String]) {
        self.id = id
        self.name = name
        self.provincePcodes = provincePcodes
    }

    enum CodingKeys: String, CodingKey {
        case id, name
        case provincePcodes = "provinces"
    }
}
