/// Counts of a loaded ``LayerSet`` per province: what `coverage layers summary` prints.
public struct LayerSummary: Sendable, Encodable {
    /// One province (or the total) of the summary.
    public struct Row: Sendable, Encodable, Equatable {
        public let pcode: String
        public let name: String
        public let districts: Int
        public let villages: Int
        /// The sum of the villages' population.
        public let villagePopulation: Int
        /// The sum of the districts' own population figure (LSB for the shipped data), nil when
        /// a district has none.
        public let districtPopulation: Int?
        /// Facilities by tier raw value (`health_centre`, …); every tier is present, 0 when none.
        public let facilitiesByTier: [String: Int]
        public let facilities: Int
    }

    /// The region summarised.
    public let region: Region
    public let provinces: [Row]
    public let total: Row
    /// True when every village population is an estimate.
    public let populationEstimated: Bool

    /// Summarises the provinces of `region` in `layers`.
    public init(_ layers: LayerSet, region: Region) {
        self.region = region
        let included = Set(region.provincePcodes)
        var rows: [Row] = []
        for province in layers.provinces where included.contains(province.pcode) {
            rows.append(Self.row(pcode: province.pcode, name: province.nameEN, layers: layers) { $0 == province.pcode })
        }
        provinces = rows
        total = Self.row(pcode: region.id, name: region.name, layers: layers) { included.contains($0) }
        let villages = layers.villages.filter { included.contains($0.provincePcode) }
        populationEstimated = !villages.isEmpty && villages.allSatisfy(\.populationEstimated)
    }

    private static func row(pcode: String, name: String, layers: LayerSet, includes: (String) -> Bool) -> Row {
        let districts = layers.districts.filter { includes($0.provincePcode) }
        let villages = layers.villages.filter { includes($0.provincePcode) }
        let facilities = layers.facilities.filter { includes($0.provincePcode ?? "") }
        var byTier = Dictionary(uniqueKeysWithValues: FacilityTier.allCases.map { ($0.rawValue, 0) })
        for facility in facilities { byTier[facility.tier.rawValue, default: 0] += 1 }
        let districtFigures = districts.map { $0.figures?.population }
        return Row(
            pcode: pcode, name: name, districts: districts.count, villages: villages.count,
            villagePopulation: villages.reduce(0) { $0 + $1.figures.population },
            districtPopulation: districtFigures.contains(nil) ? nil : districtFigures.reduce(0) { $0 + $1! },
            facilitiesByTier: byTier, facilities: facilities.count)
    }
}
