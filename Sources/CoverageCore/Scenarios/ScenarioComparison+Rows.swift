import Foundation
import GeoIO
import GeometryKit

/// The rows of the comparison's files.
extension ScenarioComparison {
    /// One row per zone × target × threshold, in the runs' order.
    public func tableRows() -> [JSONObject] {
        rows.map { row in
            JSONObject(
                ZoneKeyColumns.members(
                    level: row.zoneLevel, code: row.zoneCode, name: row.zoneName,
                    target: row.analysis.target, threshold: row.analysis.threshold) + [
                        ("population_total", .count(row.population)),
                        ("population_covered_a", .count(row.coveredA)),
                        ("population_covered_b", .count(row.coveredB)),
                        ("population_newly_covered", .count(row.newlyCovered)),
                        ("population_lost", .count(row.lost)),
                        ("population_net_change", .count(row.netChange)),
                        ("villages_newly_covered", .count(row.villagesNewlyCovered)),
                        ("villages_lost", .count(row.villagesLost)),
                        ("pct_covered_a", .percent(row.population > 0 ? Double(row.coveredA) / Double(row.population) * 100 : nil)),
                        ("pct_covered_b", .percent(row.population > 0 ? Double(row.coveredB) / Double(row.population) * 100 : nil)),
                    ])
        }
    }

    /// The district polygons with, per target and threshold, `<target>_<threshold>_newly_covered`,
    /// `…_lost` and `…_net_change` (population).
    public func districtFeatures() -> [GeoJSONWriter.Feature] {
        var byDistrict: [(code: String, name: String, rows: [Row])] = []
        for row in rows where row.zoneLevel == "district" {
            if byDistrict.last?.code == row.zoneCode {
                byDistrict[byDistrict.count - 1].rows.append(row)
            } else {
                byDistrict.append((row.zoneCode, row.zoneName, [row]))
            }
        }
        return byDistrict.map { district in
            var members: [(key: String, value: JSONValue)] = [
                ("pcode", .string(district.code)),
                ("name_en", .string(district.name)),
                ("population", .count(district.rows.first?.population)),
            ]
            for row in district.rows {
                members.append(("\(row.analysis.prefix)_newly_covered", .count(row.newlyCovered)))
                members.append(("\(row.analysis.prefix)_lost", .count(row.lost)))
                members.append(("\(row.analysis.prefix)_net_change", .count(row.netChange)))
            }
            return GeoJSONWriter.Feature(properties: JSONObject(members), geometry: districtGeometries[district.code])
        }
    }

    /// The villages whose coverage changed, with per target and threshold `<target>_<threshold>`:
    /// `newly_covered`, `lost`, or null.
    public func villageFeatures() -> [GeoJSONWriter.Feature] {
        changedVillages.map { village in
            var members: [(key: String, value: JSONValue)] = [
                ("village_code", .string(village.code)),
                ("name", .string(village.name)),
                ("district_pcode", .string(village.districtPcode)),
                ("province_pcode", .string(village.provincePcode)),
                ("population", .count(village.population)),
            ]
            for analysis in analyses {
                members.append((analysis.prefix, .text(village.changes[analysis].map { $0 ? "newly_covered" : "lost" })))
            }
            return GeoJSONWriter.Feature(properties: JSONObject(members), geometry: .point(village.location))
        }
    }
}
