import ArgumentParser
import CoverageCore
import Foundation
import GeoIO

/// `coverage catchments [--tier T | --service S]`: per facility, the villages it is nearest to,
/// their population and target groups, and a catchment polygon.
struct CatchmentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catchments",
        abstract: "Per facility, the villages it serves (it is their nearest), their population and a catchment polygon.",
        discussion: """
            For one tier or service (default: health_centre), every facility providing it with the villages whose \
            nearest such facility it is (geodesic distance, as in `coverage assign`), their number, population, \
            under-5s, live births and women 15–49. Facilities serving no village are listed with zeros. Writes \
            catchments_<target>.geojson (a polygon per facility: the union of its villages' Voronoi cells, clipped \
            to the union of the districts, so that the polygons tile the country; area_km2 is geodesic), \
            catchments_<target>.csv (the same without geometry) and manifest.json to --out. A polygon is the area \
            nearest its facility's villages (planar, in degrees), not the area nearest the facility: every village \
            lies in its own facility's polygon, but a place between villages may have another nearest facility \
            (ask `coverage query point`).
            """
    )

    @OptionGroup var layers: LayerOptions
    @OptionGroup var standards: StandardsOptions
    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("The tier whose catchments to make (default: health_centre).", valueName: "tier"))
    var tier: String?

    @Option(help: ArgumentHelp("A service whose catchments to make instead of a tier, e.g. rehabilitation.", valueName: "service"))
    var service: String?

    @OptionGroup var workers: ThreadsOption

    func validate() throws {
        _ = try target()
    }

    /// The target named by `--tier` or `--service`, health centres by default.
    func target() throws -> CareTarget {
        try TargetOptions.single(tier: tier, service: service) ?? .tier(.healthCentre)
    }

    func run() throws {
        try reportingErrors {
            let folder = try output.folder()
            var run = RunRecorder()
            let target = try target()
            let (set, applied) = try run.load(layers, standards)
            let catchments = try run.time("assign") {
                try Catchments(layers: set, standards: applied, target: target, threads: workers.threads)
            }
            let travel = TravelNotes(catchments.assignment, facilities: set.facilities)
            run.record(travel)
            let polygons = try run.time("polygons") {
                if let travel = catchments.assignment.travelMinutes[target] {
                    return try CatchmentPolygons(catchments: catchments, travel: travel, districts: set.districts, threads: workers.threads)
                }
                return try CatchmentPolygons(catchments: catchments, districts: set.districts, threads: workers.threads)
            }
            let counts = [
                "facilities": catchments.catchments.count,
                "facilities_serving_none": catchments.catchments.filter(\.isEmpty).count,
                "villages": catchments.assignment.points.count,
                "villages_served": catchments.servedPointCount,
                "villages_outside_country": polygons.pointsOutsideCountry.count,
            ]
            try run.finish(
                format: output.format, in: folder, parameters: ["target": target.name, "threads": workers.recorded, "csv_bom": output.csv.recorded],
                counts: counts
            ) {
                try catchments.files(polygons: polygons, facilities: set.facilities).write(to: $0, csvByteOrderMark: output.csv.byteOrderMark)
            }
            print(
                Self.summary(
                    catchments, polygons: polygons, layers: set,
                    wrote: folder.url.appendingPathComponent("catchments_\(target.name)").path))
            // Membership changes with raster travel: say so; straight-line catchments print no minutes.
            if catchments.assignment.nearestByDistance[target] != nil { for line in travel.lines { print("Note: " + line) } }
        }
    }

    /// The summary printed after a run: totals, the largest and smallest catchments by
    /// population, the facilities serving none, and the villages outside every polygon.
    static func summary(_ catchments: Catchments, polygons: CatchmentPolygons, layers: LayerSet, wrote base: String) -> String {
        let facilities = layers.facilities
        let label = catchments.target.label
        let all = catchments.catchments
        guard !all.isEmpty else {
            return "No facility provides \(label): no catchments (wrote \(base).geojson and .csv, both empty)."
        }
        let served = catchments.servedFigures
        var lines = [
            "\(label.prefix(1).uppercased() + label.dropFirst()) catchments: \(TextFormatting.counted(all.count, "facility", plural: "facilities")) "
                + "serve \(TextFormatting.counted(catchments.servedPointCount, "village")) and "
                + "\(served.population.grouped) people; wrote \(base).geojson and .csv."
        ]
        let nonEmpty = all.indices.filter { !all[$0].isEmpty }
        // By population, ties by layer order (stable sort).
        let ranked = nonEmpty.sorted { all[$0].figures.population > all[$1].figures.population }
        func row(_ index: Int) -> [String] {
            let catchment = all[index], facility = facilities[catchment.facility]
            return [
                facility.id, facility.name, catchment.pointCount.grouped,
                catchment.figures.population.grouped,
                TextFormatting.grouped(polygons.areasSquareMeters[index] / 1_000_000, places: 1),
            ]
        }
        let shown = min(5, ranked.count)
        if shown > 0 {
            let header = ["facility", "name", "villages", "population", "km²"]
            lines.append("")
            lines.append("Largest catchments (population served):")
            lines.append(TextFormatting.columns([header] + ranked.prefix(shown).map(row), rightAligned: [2, 3, 4]))
            lines.append("")
            lines.append("Smallest catchments (serving at least one village):")
            lines.append(TextFormatting.columns([header] + ranked.suffix(shown).reversed().map(row), rightAligned: [2, 3, 4]))
        }
        let empty = all.filter(\.isEmpty).map { facilities[$0.facility].id }
        lines.append("")
        if empty.isEmpty {
            lines.append("Every facility serves at least one village.")
        } else {
            lines.append(
                "\(TextFormatting.counted(empty.count, "facility", plural: "facilities")) \(empty.count == 1 ? "serves" : "serve") no village "
                    + "(another facility is nearer to each village): \(Self.list(empty)).")
        }
        if !catchments.unserved.isEmpty {
            lines.append(
                "\(TextFormatting.counted(catchments.unserved.count, "village")) \(catchments.unserved.count == 1 ? "has" : "have") no facility providing \(label)."
            )
        }
        if !polygons.pointsOutsideCountry.isEmpty {
            let codes = polygons.pointsOutsideCountry.map { catchments.assignment.points[$0].id }
            lines.append(
                "\(TextFormatting.counted(codes.count, "village")) \(codes.count == 1 ? "lies" : "lie") outside every district, so in no polygon "
                    + "(counted in \(codes.count == 1 ? "its" : "their") facility's figures): \(Self.list(codes)).")
        }
        return lines.joined(separator: "\n")
    }

    /// Up to 10 items, then "and N more".
    static func list(_ items: [String]) -> String {
        items.count <= 10 ? items.joined(separator: ", ") : items.prefix(10).joined(separator: ", ") + " and \(items.count - 10) more"
    }
}
