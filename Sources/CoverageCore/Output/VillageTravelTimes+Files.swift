import GeoIO

/// The files of the villages' travel times (`coverage traveltime --villages FILE`):
///
/// - `villages_minutes.csv`: per village, in the layer's order, its population, the cell its point
///   lies in, the minutes to the nearest facility (to 0.01) and which facility, or why none
///   (`outside the raster`, `not reached`);
/// - `population_within.csv`: per threshold, the villages and people within it, and their share
///   of the layer's population (%).
extension VillageTravelTimes {
    static let villageColumns = [
        "village_code", "name", "district_pcode", "province_pcode", "population", "population_estimated", "lon", "lat", "row", "column",
        "minutes", "nearest_facility_id", "status",
    ]
    static let withinColumns = ["max_minutes", "villages", "population", "population_percent"]

    public func files(sources: [TravelTimeAnalysis.Source]) -> [OutputFile] {
        let rows = entries.map { entry in
            let village = entry.village
            let status = entry.cell == nil ? "outside the raster" : entry.minutes == nil ? "not reached" : ""
            return JSONObject([
                ("village_code", .string(village.code)), ("name", .string(village.name)), ("district_pcode", .string(village.districtPcode)),
                ("province_pcode", .string(village.provincePcode)), ("population", .number(Double(village.figures.population))),
                ("population_estimated", .bool(village.populationEstimated)), ("lon", .number(village.location.x)), ("lat", .number(village.location.y)),
                ("row", entry.cell.map { .number(Double($0.row)) } ?? .null), ("column", entry.cell.map { .number(Double($0.column)) } ?? .null),
                ("minutes", entry.minutes.map { .number(($0 * 100).rounded() / 100) } ?? .null),
                ("nearest_facility_id", entry.source.map { .string(sources[$0].facility.id) } ?? .null), ("status", .string(status)),
            ])
        }
        let within = within.map { limit in
            JSONObject([
                ("max_minutes", .number(limit.minutes)), ("villages", .number(Double(limit.villages))), ("population", .number(Double(limit.population))),
                ("population_percent", .number(totalPopulation == 0 ? 0 : (Double(limit.population) / Double(totalPopulation) * 10_000).rounded() / 100)),
            ])
        }
        return [
            .csv("villages_minutes.csv", header: Self.villageColumns, rows: rows),
            .csv("population_within.csv", header: Self.withinColumns, rows: within),
        ]
    }
}
