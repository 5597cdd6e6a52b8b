import ArgumentParser
import CoverageCore
import Foundation
import GeoIO

/// `coverage traveltime --friction FILE --sources FILE --out DIR`: per cell of a raster, the
/// minutes to the nearest facility over a friction surface, which facility that is, isochrones and
/// catchments.
struct TravelTimeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "traveltime",
        abstract: "Per cell of a raster, the least travel time to the nearest facility over a friction surface.",
        discussion: """
            The ground is one raster: --friction (seconds per metre), --speed (km/h) or --land-cover (classes, with \
            --speed-table giving each class's walking speed or making it a barrier). --roads lays road lines over it \
            (the speed table's roads section gives each class's speed; the fastest road of a cell wins, and a road \
            crosses barrier classes: bridges); --barriers closes the cells its lines and polygons touch; --dem prices \
            each walk by its slope with Tobler's hiking function, walking towards the facility. Nodata is impassable. \
            Moving between two neighbouring cells costs the mean of their frictions times the distance between their \
            centres (GRASS r.cost, scikit-image MCP_Geometric); 8 neighbours, or 16 with knight's moves. Cell sizes \
            are the projection's metres, or for a geographic raster each row's metres on WGS 84. The search is exact \
            and gives the same answer at any thread count; ties go to the facility listed first. Writes \
            travel_minutes.tif (float32, nodata -9999 where unreachable), nearest_source.tif (int32 source_index, \
            nodata -1), travel_sources.csv, isochrones.geojson and travel_catchments.geojson (unless --no-polygons) \
            and manifest.json to --out; with --villages, villages_minutes.csv (each village's minutes, read at the cell \
            its point lies in, and its nearest facility) and population_within.csv (the people within each --isochrones \
            threshold).
            """
    )

    @Option(help: ArgumentHelp("Friction raster, seconds per metre (nodata or infinity: impassable).", valueName: "file"))
    var friction: String?

    @Option(help: ArgumentHelp("Speed raster, km/h, instead of --friction.", valueName: "file"))
    var speed: String?

    @Option(
        name: .customLong("land-cover"), help: ArgumentHelp("Land-cover raster of classes, instead of --friction (needs --speed-table).", valueName: "file"))
    var landCover: String?

    @Option(
        name: .customLong("speed-table"), help: ArgumentHelp("YAML table of walking speeds by land-cover class and speeds by road class.", valueName: "file"))
    var speedTable: String?

    @Option(help: ArgumentHelp("Road lines (GeoJSON) laid over the ground at their class's speed (needs --speed-table).", valueName: "file"))
    var roads: String?

    @Option(help: ArgumentHelp("Barrier lines or polygons (GeoJSON): the cells they touch cannot be crossed.", valueName: "file"))
    var barriers: String?

    @Option(help: ArgumentHelp("Elevation raster (metres) on the same grid: walking time follows Tobler's hiking function.", valueName: "file"))
    var dem: String?

    @Option(help: ArgumentHelp("Facilities to travel to (GeoJSON or CSV point layer, the facility schema).", valueName: "file"))
    var sources: String

    @Option(
        help: ArgumentHelp("Villages (a point layer, the village schema) to read the minutes at, with the population within each isochrone.", valueName: "file")
    )
    var villages: String?

    @Option(help: ArgumentHelp("Only the facilities providing this tier's care.", valueName: "tier"))
    var tier: String?

    @Option(help: ArgumentHelp("Only the facilities offering this service.", valueName: "service"))
    var service: String?

    @Flag(name: .customLong("drop-unusable-sources"), help: "Leave out facilities outside the raster or on a barrier (listed) instead of stopping.")
    var dropUnusableSources = false

    @Option(name: .customLong("max-minutes"), help: ArgumentHelp("Stop the search at this many minutes; beyond is nodata.", valueName: "minutes"))
    var maxMinutesText: String?

    @Option(help: ArgumentHelp("8 (sides and corners) or 16 (and knight's moves).", valueName: "8|16"))
    var neighbours = 8

    @Option(help: ArgumentHelp("Isochrone thresholds in minutes, comma-separated (default: 30,60,120).", valueName: "minutes"))
    var isochrones = "30,60,120"

    @Flag(name: .customLong("no-polygons"), help: "Write the rasters and the table only, no isochrone or catchment polygons (for very large rasters).")
    var noPolygons = false

    @OptionGroup var output: OutputOptions
    @OptionGroup var workers: ThreadsOption

    func validate() throws {
        let grounds = [friction, speed, landCover].compactMap { $0 }
        guard grounds.count == 1 else {
            throw ValidationError("give one of --friction, --speed or --land-cover (found \(grounds.isEmpty ? "none" : "\(grounds.count)"))")
        }
        if landCover != nil && speedTable == nil { throw ValidationError("--land-cover needs --speed-table (each class's walking speed)") }
        if roads != nil && speedTable == nil { throw ValidationError("--roads needs --speed-table (each road class's speed)") }
        _ = try target()
        _ = try maxMinutes()
        guard [8, 16].contains(neighbours) else { throw ValidationError("--neighbours \(neighbours): expected 8 or 16") }
        _ = try NumberArgument.positiveList(isochrones, option: "--isochrones")
    }

    /// The target named by `--tier` or `--service`; nil for every facility.
    func target() throws -> CareTarget? {
        try TargetOptions.single(tier: tier, service: service)
    }

    func maxMinutes() throws -> Double? {
        try maxMinutesText.map {
            try NumberArgument.number($0, option: "--max-minutes", expected: "a number of minutes > 0") { $0 > 0 && $0.isFinite }
        }
    }

    var inputs: TravelSurfaceInputs {
        let ground: TravelSurfaceInputs.Ground =
            if let friction { .friction(path: friction) } else if let speed { .speed(path: speed) } else { .landCover(path: landCover ?? "") }
        return TravelSurfaceInputs(ground: ground, speedTablePath: speedTable, roadsPath: roads, barriersPath: barriers, demPath: dem)
    }

    func run() throws {
        try reportingErrors {
            let folder = try output.folder()
            var run = RunRecorder()
            let thresholds = try NumberArgument.positiveList(isochrones, option: "--isochrones")
            let target = try target()
            // Optional, so that the search can take the surface over (`take()`) and its frictions
            // are not held twice.
            var surface: TravelSurface? = try run.time("load") { try TravelSurface.load(inputs) }
            for input in surface?.inputs ?? [] { run.record(role: input.role, input.checksum) }
            let (facilities, layer) = try run.time("load") { try LayerSet.loadFacilities(LayerSources(paths: [.facilities: sources])) }
            run.record(role: "sources", layer.checksum)
            let progress = ProgressLine(label: "traveltime")
            let analysis = try run.time("search") {
                try TravelTimeAnalysis(
                    surface: surface.take()!, facilities: facilities, sourcesFile: sources, target: target, neighbours: neighbours,
                    maxMinutes: try maxMinutes(), dropUnusableSources: dropUnusableSources, threads: workers.threads, progress: progress.update)
            }
            progress.finish()
            let sampled = try villages.map { path in
                let (layer, input) = try run.time("villages") { try LayerSet.loadVillages(LayerSources(paths: [.villages: path])) }
                run.record(role: "villages", input.checksum)
                return try VillageTravelTimes(layer, analysis: analysis, thresholds: thresholds)
            }
            var counts = analysis.counts
            if let sampled { counts.merge(sampled.counts) { mine, _ in mine } }
            let parameters = analysis.parameters(isochroneMinutes: noPolygons ? [] : thresholds).merging([
                "threads": workers.recorded, "target": target?.name ?? "every facility", "csv_bom": output.csv.recorded,
            ]) { mine, _ in mine }
            try run.finish(format: output.format, in: folder, parameters: parameters, counts: counts) {
                let files =
                    try analysis.files(isochroneMinutes: thresholds, polygons: !noPolygons, threads: workers.threads)
                    + (sampled?.files(sources: analysis.sources) ?? [])
                return try files.write(to: $0, csvByteOrderMark: output.csv.byteOrderMark)
            }
            print(analysis.summary(wrote: folder.url.path))
            if let sampled { print(sampled.summary) }
        }
    }
}
