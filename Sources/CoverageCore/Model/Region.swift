/// An area that reports are grouped by: whole provinces (`north`, `bolikhamxay-khammouane`,
/// `national`, `LA11`) and, for a region a planner makes of districts, single districts
/// (`LA1101+LA1102`, or `LA11+LA1201`: a province and a district of another).
///
/// A village or facility lies in the region when the province or district code it states is one
/// of the region's (the codes LSB counts population by, as ``CoverageZone`` counts them).
public struct Region: Sendable, Equatable, Codable {
    public let id: String
    public let name: String
    /// The provinces the region holds whole.
    public let provincePcodes: [String]
    /// The districts the region holds besides those of its whole provinces (none for the regions
    /// of `regions.json` that name only provinces).
    public let districtPcodes: [String]
    private let provinceSet: Set<String>
    private let districtSet: Set<String>

    public init(id: String, name: String, provincePcodes: [String], districtPcodes: [String] = []) {
        self.id = id
        self.name = name
        self.provincePcodes = provincePcodes
        self.districtPcodes = districtPcodes
        provinceSet = Set(provincePcodes)
        districtSet = Set(districtPcodes)
    }

    /// True when a place with these codes lies in the region: its province is one of the
    /// region's whole provinces, or its district one of the region's districts.
    public func contains(districtPcode: String?, provincePcode: String?) -> Bool {
        provincePcode.map(provinceSet.contains) == true || districtPcode.map(districtSet.contains) == true
    }

    /// True when `district` lies in the region (by its P-code and its province's).
    public func contains(district: AdminUnit) -> Bool {
        contains(districtPcode: district.pcode, provincePcode: district.provincePcode)
    }

    /// True when the region holds the province with `pcode` whole.
    public func holdsWhole(province pcode: String) -> Bool { provinceSet.contains(pcode) }

    /// The provinces the region lies in, whole or in part, in P-code order: its whole provinces
    /// and those of its districts (`districts` gives each district's province).
    public func provincesTouched(districts: [AdminUnit]) -> [String] {
        let partly = districts.filter { districtSet.contains($0.pcode) }.map(\.provincePcode)
        return Set(provincePcodes + partly).sorted()
    }

    enum CodingKeys: String, CodingKey {
        case id, name
        case provincePcodes = "provinces"
        case districtPcodes = "districts"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try container.decode(String.self, forKey: .id), name: try container.decode(String.self, forKey: .name),
            provincePcodes: try container.decode([String].self, forKey: .provincePcodes),
            districtPcodes: try container.decodeIfPresent([String].self, forKey: .districtPcodes) ?? [])
    }

    /// `districts` only when the region has some, so that a region of provinces encodes as before.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(provincePcodes, forKey: .provincePcodes)
        if !districtPcodes.isEmpty { try container.encode(districtPcodes, forKey: .districtPcodes) }
    }

    public static func == (lhs: Region, rhs: Region) -> Bool {
        lhs.id == rhs.id && lhs.name == rhs.name && lhs.provincePcodes == rhs.provincePcodes && lhs.districtPcodes == rhs.districtPcodes
    }
}
