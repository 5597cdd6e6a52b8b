import Foundation
import GeoIO
import GeometryKit

/// The rows of the capacity files: per zone, per facility, and the unserved villages.
extension CapacityCoverage {
    /// One row per analysis × zone, in the analyses' order then zone order.
    public static func zoneRows(_ analyses: [CapacityCoverage]) -> [JSONObject] {
        analyses.flatMap { analysis in
            analysis.rows.map { row in
                JSONObject(
                    ZoneKeyColumns.members(
                        level: row.zone.level.rawValue, code: row.zone.code, name: row.zone.name,
                        target: analysis.target.name, threshold: analysis.threshold.label) + [
                            ("capacity_ignored", .bool(analysis.capacityIgnored)),
                            ("villages", .count(row.villages)),
                            ("population", .count(row.population)),
                            ("population_within_reach", .count(row.withinReach)),
                            ("population_served", .count(row.served)),
                            ("population_unserved", .count(row.unserved)),
                            ("unserved_beyond_reach", .count(row.unservedBeyondReach)),
                            ("unserved_over_capacity", .count(row.unservedOverCapacity)),
                            ("pct_served", .percent(row.population > 0 ? Double(row.served) / Double(row.population) * 100 : nil)),
                            ("facilities", .count(row.facilities)),
                            ("capacity_total", .count(row.capacity)),
                            ("facilities_full", .count(row.facilitiesFull)),
                        ])
            }
        }
    }

    /// One row per analysis × facility of the region (by its province code), in layer order.
    public static func facilityRows(_ analyses: [CapacityCoverage], layers: LayerSet) -> [(properties: JSONObject, location: Coordinate)] {
        analyses.flatMap { analysis in
            analysis.loads.compactMap { load -> (properties: JSONObject, location: Coordinate)? in
                let facility = layers.facilities[load.facility]
                guard analysis.region.contains(districtPcode: facility.districtPcode, provincePcode: facility.provincePcode) else { return nil }
                return (
                    JSONObject([
                        ("facility_id", .string(facility.id)),
                        ("name", .string(facility.name)),
                        ("tier", .string(facility.tier.rawValue)),
                        ("district_pcode", .text(facility.districtPcode)),
                        ("province_pcode", .text(facility.provincePcode)),
                        ("target", .string(analysis.target.name)),
                        ("threshold", .string(analysis.threshold.label)),
                        ("capacity", .count(load.capacity)),
                        ("capacity_source", .string(load.source.rawValue)),
                        ("population_served", .count(load.served)),
                        ("residual_capacity", .count(load.residual)),
                        ("pct_capacity_used", .percent(load.capacity.map { Double(load.served) / Double($0) * 100 })),
                        ("villages_served", .count(load.villagesServed)),
                    ]), facility.location
                )
            }
        }
    }

    /// The region's villages with people unserved in at least one analysis, in layer order.
    public static func unservedVillageFeatures(_ analyses: [CapacityCoverage]) -> [GeoJSONWriter.Feature] {
        guard let first = analyses.first else { return [] }
        return first.regionVillages.compactMap { position in
            let point = first.points[position]
            guard analyses.contains(where: { $0.served[position] < point.figures.population }) else { return nil }
            var members: [(key: String, value: JSONValue)] = [
                ("village_code", .string(point.id)),
                ("name", .string(point.name)),
                ("district_pcode", .string(point.districtPcode)),
                ("province_pcode", .string(point.provincePcode)),
                ("population", .count(point.figures.population)),
            ]
            for analysis in analyses {
                let prefix = "\(analysis.target.name)_\(analysis.threshold.columnName)"
                members.append(("\(prefix)_within_reach", .bool(analysis.withinReach[position])))
                members.append(("\(prefix)_served", .count(analysis.served[position])))
                members.append(("\(prefix)_unserved", .count(point.figures.population - analysis.served[position])))
            }
            return GeoJSONWriter.Feature(properties: JSONObject(members), geometry: .point(point.location))
        }
    }
}
