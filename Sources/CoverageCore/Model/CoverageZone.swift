/// An area coverage is reported for: the whole country, a region, a province or a district.
///
/// A zone's villages and facilities are those whose district (or province) code places them in
/// it, the codes the layers state, as LSB counts its population; not where their points lie.
public struct CoverageZone: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The kind of zone, broadest first (the order reports use).
    public enum Level: String, Sendable, CaseIterable, Codable, Comparable {
        case national
        case region
        case province
        case district

        private var rank: Int { Self.allCases.firstIndex(of: self)! }

        /// Broadest first.
        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rank < rhs.rank }
    }

    /// The kind of zone.
    public let level: Level
    /// The P-code of a province or district (`LA11`, `LA1101`), the id of a region
    /// (`bolikhamxay-khammouane`), `national` for the country.
    public let code: String
    /// The English name (of the admin unit, or the region's name).
    public let name: String
    /// The provinces the zone lies in: the zone's own for a province, its province for a district,
    /// every whole province of a region or the country.
    public let provincePcodes: [String]
    /// The districts a region holds besides those of its whole provinces (``Region/districtPcodes``);
    /// empty for the other levels.
    public let districtPcodes: [String]

    /// A zone of `level` with its code, name and provinces (and, for a region, its districts
    /// beyond those provinces).
    public init(level: Level, code: String, name: String, provincePcodes: [String], districtPcodes: [String] = []) {
        self.level = level
        self.code = code
        self.name = name
        self.provincePcodes = provincePcodes
        self.districtPcodes = districtPcodes
    }

    /// The zone of a province or district.
    public init(unit: AdminUnit) {
        self.init(
            level: unit.level == .province ? .province : .district, code: unit.pcode, name: unit.nameEN,
            provincePcodes: [unit.provincePcode])
    }

    /// The zone of a region; its level is `national` when the region is the country (id `national`).
    public init(region: Region) {
        self.init(
            level: region.id == "national" ? .national : .region, code: region.id, name: region.name,
            provincePcodes: region.provincePcodes, districtPcodes: region.districtPcodes)
    }

    /// True when a place with these codes lies in the zone.
    public func contains(districtPcode: String?, provincePcode: String?) -> Bool {
        switch level {
        case .district: districtPcode == code
        case .province: provincePcode == code
        case .region, .national:
            provincePcode.map(provincePcodes.contains) == true || districtPcode.map(districtPcodes.contains) == true
        }
    }

    /// `district LA1101 Pakxanh`.
    public var description: String { "\(level.rawValue) \(code) \(name)" }

    /// By level (broadest first), then code.
    public static func < (lhs: CoverageZone, rhs: CoverageZone) -> Bool {
        (lhs.level, lhs.code) < (rhs.level, rhs.code)
    }

    /// The zones of `region` in `layers`, in report order: the country (when `includingNational`,
    /// or when the region is the country), the region (unless it is the country), the provinces it
    /// holds whole and its districts (those of its whole provinces and the ones it names), each
    /// level by code.
    public static func zones(of region: Region, in layers: LayerSet, includingNational: Bool = false) -> [CoverageZone] {
        var zones: [CoverageZone] = [CoverageZone(region: region)]
        if includingNational && region.id != "national" {
            let country = layers.region("national") ?? Region(id: "national", name: "National", provincePcodes: layers.provinces.map(\.pcode))
            zones.append(CoverageZone(region: country))
        }
        zones += layers.provinces.filter { region.holdsWhole(province: $0.pcode) }.map(CoverageZone.init(unit:))
        zones += layers.districts.filter { region.contains(district: $0) }.map(CoverageZone.init(unit:))
        return zones.sorted()
    }

    /// For each point, the positions in `zones` of the zones it counts in (by its codes).
    public static func memberships(of points: [DemandPoint], in zones: [CoverageZone]) -> [[Int]] {
        var zoneByDistrict: [String: Int] = [:], zoneByProvince: [String: Int] = [:]
        var wideZones: [Int] = []
        for (index, zone) in zones.enumerated() {
            switch zone.level {
            case .district: zoneByDistrict[zone.code] = index
            case .province: zoneByProvince[zone.code] = index
            case .region, .national: wideZones.append(index)
            }
        }
        return points.map { point in
            var found: [Int] = []
            if let zone = zoneByDistrict[point.districtPcode] { found.append(zone) }
            if let zone = zoneByProvince[point.provincePcode] { found.append(zone) }
            for zone in wideZones where zones[zone].contains(districtPcode: point.districtPcode, provincePcode: point.provincePcode) {
                found.append(zone)
            }
            return found
        }
    }
}
