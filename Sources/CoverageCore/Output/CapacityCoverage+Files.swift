import Foundation
import GeoIO
import GeometryKit

/// The files of a capacity-limited coverage run, one or more analyses (target × threshold) of
/// one region, written into one folder:
///
/// - `capacity_zones.csv`: per analysis and zone, population within reach, served within
///   capacity and unserved (beyond reach, or within reach of full facilities), and the zone's
///   facilities, their capacity and how many are full;
/// - `capacity_facilities.csv` and `.geojson`: per analysis, each of the region's facilities
///   with its capacity (and where it comes from), population served and residual capacity;
/// - `capacity_unserved_villages.geojson`: the region's villages with people unserved in some
///   analysis, with per analysis the people served and unserved.
///
/// Every file's bytes are made before the first is written, each atomically.
public enum CapacityFiles {
    public static let zonesFile = "capacity_zones.csv"
    public static let facilitiesTable = "capacity_facilities.csv"
    public static let facilitiesLayer = "capacity_facilities.geojson"
    public static let unservedVillagesFile = "capacity_unserved_villages.geojson"

    /// Writes the files for `analyses` (all of one region) into `folder`; returns their names.
    @discardableResult
    public static func write(_ analyses: [CapacityCoverage], layers: LayerSet, to folder: URL) throws -> [String] {
        let facilities = facilityRows(analyses, layers: layers)
        let contents: [(String, [UInt8])] = [
            (zonesFile, Array(CSVWriter.text(rows: zoneRows(analyses)).utf8)),
            (facilitiesTable, Array(CSVWriter.text(rows: facilities.map(\.properties)).utf8)),
            (facilitiesLayer, try GeoJSONWriter.featureCollection(
                facilities.map { GeoJSONWriter.Feature(properties: $0.properties, geometry: try .point($0.location)) })),
            (unservedVillagesFile, try GeoJSONWriter.featureCollection(unservedVillageFeatures(analyses))),
        ]
        for (name, bytes) in contents { try AtomicFile.write(bytes, to: folder.appendingPathComponent(name).path) }
        return contents.map(\.0)
    }

    /// One row per analysis × zone, in the analyses' order then zone order.
    public static func zoneRows(_ analyses: [CapacityCoverage]) -> [JSONObject] {
        analyses.flatMap { analysis in
            analysis.rows.map { row in
                JSONObject([
                    ("zone_level", .string(row.zone.level.rawValue)),
                    ("zone_pcode", .string(row.zone.code)),
                    ("zone_name", .string(row.zone.name)),
                    ("target", .string(analysis.target.name)),
                    ("threshold", .string(analysis.threshold.label)),
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
            let provinces = Set(analysis.region.provincePcodes)
            return analysis.loads.compactMap { load -> (properties: JSONObject, location: Coordinate)? in
                let facility = layers.facilities[load.facility]
                guard let province = facility.provincePcode, provinces.contains(province) else { return nil }
                return (JSONObject([
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
                ]), facility.location)
            }
        }
    }

    /// The region's villages with people unserved in at least one analysis, in layer order.
    public static func unservedVillageFeatures(_ analyses: [CapacityCoverage]) throws -> [GeoJSONWriter.Feature] {
        guard let first = analyses.first else { return [] }
        return try first.regionVillages.compactMap { position in
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
            return GeoJSONWriter.Feature(properties: JSONObject(members), geometry: try .point(point.location))
        }
    }
}
