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

    /// Summarises `region` in `layers`: a row per province it holds whole, then per district it
    /// holds besides (a region made of districts), and the total.
    public init(_ layers: LayerSet, region: Region) {
        self.region = region
        var rows: [Row] = []
        for province in layers.provinces where region.holdsWhole(province: province.pcode) {
            rows.append(Self.row(pcode: province.pcode, name: province.nameEN, layers: layers) { _, inProvince in inProvince == province.pcode })
        }
        for district in layers.districts where region.districtPcodes.contains(district.pcode) && !region.holdsWhole(province: district.provincePcode) {
            rows.append(Self.row(pcode: district.pcode, name: district.nameEN, layers: layers) { inDistrict, _ in inDistrict == district.pcode })
        }
        provinces = rows
        total = Self.row(pcode: region.id, name: region.name, layers: layers) { region.contains(districtPcode: $0, provincePcode: $1) }
        let villages = layers.villages.filter { region.contains(districtPcode: $0.districtPcode, provincePcode: $0.provincePcode) }
        populationEstimated = !villages.isEmpty && villages.allSatisfy(\.populationEstimated)
    }

    /// `includes(district P-code, province P-code)`: whether a record with these codes counts in the row.
    private static func row(pcode: String, name: String, layers: LayerSet, includes: (String?, String?) -> Bool) -> Row {
        let districts = layers.districts.filter { includes($0.pcode, $0.provincePcode) }
        let villages = layers.villages.filter { includes($0.districtPcode, $0.provincePcode) }
        let facilities = layers.facilities.filter { includes($0.districtPcode, $0.provincePcode) }
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
