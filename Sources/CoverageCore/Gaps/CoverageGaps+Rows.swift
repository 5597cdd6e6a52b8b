import GeoIO
import GeometryKit

extension CoverageGaps {
    /// The rows of `gaps.csv`, long format: one per zone × target × threshold, with `zone_level`,
    /// `zone_pcode`, `zone_name`, `target`, `threshold` (its label: `5km`, `60min`), `has_facility`,
    /// `villages_total`, `villages_uncovered`, then for the population and each target group
    /// `<group>_total`, `<group>_covered`, `<group>_uncovered`, `<group>_pct_covered`. Unknown figures
    /// and percentages of an empty zone are null; percentages to the hundredth.
    public func tableRows() -> [JSONObject] {
        rows.map { row in
            var members =
                ZoneKeyColumns.members(
                    level: row.zone.level.rawValue, code: row.zone.code, name: row.zone.name,
                    target: row.target.name, threshold: row.threshold.label) + [
                    ("has_facility", .bool(row.hasFacility)),
                    ("facilities", .count(row.facilitiesInZone)),
                    ("facilities_proxy", .count(row.proxiesInZone)),
                    ("villages_total", .count(row.villagesTotal)),
                    ("villages_uncovered", .count(row.villagesUncovered)),
                ]
            for group in row.groups {
                members.append(("\(group.group.rawValue)_total", .count(group.totalCount)))
                members.append(("\(group.group.rawValue)_covered", .count(group.coveredCount)))
                members.append(("\(group.group.rawValue)_uncovered", .count(group.uncoveredCount)))
                members.append(("\(group.group.rawValue)_pct_covered", .percent(group.percentCovered)))
            }
            return JSONObject(members)
        }
    }

    /// The zone polygons of one level (`district` or `province`) with wide properties: `pcode`,
    /// `name_en`, `province_pcode`, `villages`, `population`, and per target `has_<target>` and per
    /// threshold `<target>_<threshold>_pct_covered`, `…_uncovered` (population) and
    /// `…_villages_uncovered`; in zone order.
    public func zoneFeatures(level: AdminLevel, layers: LayerSet) -> [GeoJSONWriter.Feature] {
        let units = Dictionary((level == .district ? layers.districts : layers.provinces).map { ($0.pcode, $0) }, uniquingKeysWith: { a, _ in a })
        let zoneLevel: CoverageZone.Level = level == .district ? .district : .province
        var byZone: [String: [CoverageGapRow]] = [:]
        for row in rows where row.zone.level == zoneLevel { byZone[row.zone.code, default: []].append(row) }
        return zones.filter { $0.level == zoneLevel }.map { zone in
            let zoneRows = byZone[zone.code] ?? []
            var members: [(key: String, value: JSONValue)] = [
                ("pcode", .string(zone.code)),
                ("name_en", .string(zone.name)),
                ("province_pcode", .text(zone.provincePcodes.first)),
                ("villages", .count(zoneRows.first?.villagesTotal ?? 0)),
                ("population", .count(zoneRows.first?.totalFigures.population ?? 0)),
            ]
            for target in targets {
                let targetRows = zoneRows.filter { $0.target == target }
                members.append(("has_\(target.name)", .bool(targetRows.first?.hasFacility ?? false)))
                members.append(("\(target.name)_facilities", .count(targetRows.first?.facilitiesInZone ?? 0)))
                members.append(("\(target.name)_facilities_proxy", .count(targetRows.first?.proxiesInZone ?? 0)))
                for row in targetRows {
                    let prefix = "\(target.name)_\(row.threshold.columnName)"
                    let population = row.coverage(of: .population)
                    members.append(("\(prefix)_pct_covered", .percent(population.percentCovered)))
                    members.append(("\(prefix)_uncovered", .count(population.uncoveredCount)))
                    members.append(("\(prefix)_villages_uncovered", .count(row.villagesUncovered)))
                }
            }
            return GeoJSONWriter.Feature(properties: JSONObject(members), geometry: units[zone.code]?.geometry.shape)
        }
    }

    /// The positions (in the assignment's points) of the region's villages that are uncovered for
    /// at least one target at one of its thresholds, in layer order.
    public func uncoveredVillagePositions() -> [Int] {
        let flags = targets.flatMap { target in thresholds[target]!.map { coveredFlags(target: target, threshold: $0) } }
        return regionVillages.filter { position in flags.contains { !$0[position] } }
    }

    /// The property names of ``uncoveredVillageFeatures(facilities:)``, in order (the header of a
    /// table that may have no row).
    public func uncoveredVillageColumns() -> [String] {
        ["village_code", "name", "district_pcode", "province_pcode"] + TargetGroup.allCases.map(\.rawValue)
            + targets.flatMap { target in
                ["\(target.name)_id", "\(target.name)_distance_m", "\(target.name)_minutes"]
                    + thresholds[target]!.map { "uncovered_\(target.name)_\($0.columnName)" }
            }
    }

    /// The villages of the region that are uncovered for at least one target at one of its
    /// thresholds, in layer order: identity and figures, per target its nearest facility
    /// (`<target>_id`, `<target>_distance_m`, `<target>_minutes`, null when none) and per threshold
    /// `uncovered_<target>_<threshold>`.
    public func uncoveredVillageFeatures(facilities: [Facility]) -> [GeoJSONWriter.Feature] {
        let rows = UncoveredVillageRows(self, facilities: facilities)
        return rows.positions.indices.map { rows.feature(at: $0) }
    }

    /// The features of ``uncoveredVillageFeatures(facilities:)``, their columns named and looked
    /// up once for all villages, making one feature at a time: the file of a large layer writes
    /// each as it is made instead of holding them all.
    struct UncoveredVillageRows: Sendable {
        let gaps: CoverageGaps
        let facilities: [Facility]
        /// The positions in the assignment of the villages uncovered for something, in layer order.
        let positions: [Int]
        private let columns: [UncoveredVillageColumns]
        private let width: Int

        init(_ gaps: CoverageGaps, facilities: [Facility]) {
            self.gaps = gaps
            self.facilities = facilities
            positions = gaps.uncoveredVillagePositions()
            columns = gaps.targets.map { UncoveredVillageColumns(target: $0, of: gaps) }
            width = 4 + TargetGroup.allCases.count + columns.reduce(0) { $0 + 3 + $1.thresholds.count }
        }

        /// The feature of the `index`th uncovered village.
        func feature(at index: Int) -> GeoJSONWriter.Feature {
            let position = positions[index]
            let point = gaps.assignment.points[position]
            var members: [(key: String, value: JSONValue)] = [
                ("village_code", .string(point.id)),
                ("name", .string(point.name)),
                ("district_pcode", .string(point.districtPcode)),
                ("province_pcode", .string(point.provincePcode)),
            ]
            members.reserveCapacity(width)
            members += TargetGroup.allCases.map { ($0.rawValue, JSONValue.count(point.figures[$0])) }
            for column in columns {
                let care = column.nearest[position]
                members.append((column.id, .text(care.facility.map { facilities[$0].id })))
                members.append((column.distance, .meters(care.distanceMeters)))
                members.append((column.minutes, .minutes(care.minutes)))
                for threshold in column.thresholds {
                    members.append((threshold.name, .bool(!threshold.covered[position])))
                }
            }
            return GeoJSONWriter.Feature(properties: JSONObject(members), geometry: .point(point.location))
        }
    }
}

/// One target's columns in `uncovered_villages.geojson`, named and looked up once for all
/// villages (structs rather than tuples: they are copied per village, and tuple copies are slow).
private struct UncoveredVillageColumns: Sendable {
    struct Threshold: Sendable {
        /// `uncovered_<target>_<threshold>`.
        let name: String
        /// Per point of the assignment: covered within the threshold.
        let covered: [Bool]
    }

    /// Per point: its nearest facility providing the target.
    let nearest: [CareAssignment]
    let id: String
    let distance: String
    let minutes: String
    let thresholds: [Threshold]

    init(target: CareTarget, of gaps: CoverageGaps) {
        nearest = gaps.assignment.nearest(target)
        id = "\(target.name)_id"
        distance = "\(target.name)_distance_m"
        minutes = "\(target.name)_minutes"
        thresholds = gaps.thresholds[target]!.map { threshold in
            Threshold(name: "uncovered_\(target.name)_\(threshold.columnName)", covered: gaps.coveredFlags(target: target, threshold: threshold))
        }
    }
}
