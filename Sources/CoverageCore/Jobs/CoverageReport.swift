import DistanceKernel
import Foundation
import GeoIO
import GeometryKit
import Parallelism

/// The main job, `coverage report`: every village assigned to every level of care and the
/// rehabilitation service; coverage gaps, gap areas and maps for the region asked for and each
/// focus region; catchments of every tier. What the planner reads, computed once.
public struct CoverageReport: Sendable {
    /// One region's part of the report.
    public struct Section: Sendable {
        public let gaps: CoverageGaps
        public let gapAreas: GapAreas
        public var region: Region { gaps.region }
    }

    public let assignment: CoverageAssignment
    /// The region asked for first, then the focus regions inside it.
    public let sections: [Section]
    /// Per tier, who each facility serves and its catchment polygon.
    public let catchments: [(catchments: Catchments, polygons: CatchmentPolygons)]

    /// The care a report covers by default: every tier and the rehabilitation service.
    public static let defaultTargets: [CareTarget] = FacilityTier.allCases.map(CareTarget.tier) + [.service(.rehabilitation)]

    /// Computes the report for `region` and, when it is national, every other region of the layer
    /// set (the focus regions: Bolikhamxay–Khammouane and the north for the shipped data).
    public init(
        layers: LayerSet, standards: CoverageStandards, region: Region, targets: [CareTarget] = defaultTargets,
        threads: Int? = nil, timing: (String, () throws -> Void) throws -> Void = { try $1() }
    ) throws {
        // The catchments and the gaps do not depend on each other, and the Voronoi tiling of the
        // villages that the catchment polygons need does not depend on the assignment: the tiling
        // starts first, then the catchments, each on a thread of its own (unless one thread is
        // asked for), so that their serial parts overlap the assignment and the gaps.
        let points = DemandPoint.all(.villages, in: layers)
        let tilingStage = BackgroundTask(inline: threads == 1) {
            try VoronoiTiling(points: points.map(\.location), districts: layers.districts, threads: threads)
        }
        var assignment: CoverageAssignment?
        try timing("assign") {
            assignment = try CoverageAssignment(
                points: points, facilities: layers.facilities, standards: standards,
                targets: targets, threads: threads)
        }
        let assigned = assignment!
        let regions = [region] + (region.id == "national" ? layers.regions.filter { $0.id != "national" } : [])
        let catchmentsStage = BackgroundTask(inline: threads == 1) {
            let tiling = try tilingStage.result()
            return try assigned.targets.compactMap { target -> (catchments: Catchments, polygons: CatchmentPolygons)? in
                guard case .tier = target else { return nil }
                let served = try Catchments(assignment: assigned, target: target, facilities: layers.facilities)
                if let travel = assigned.travelMinutes[target] {
                    return (served, try CatchmentPolygons(catchments: served, travel: travel, country: tiling.country, threads: threads))
                }
                return (served, try CatchmentPolygons(catchments: served, tiling: tiling, threads: threads))
            }
        }
        var sections: [Section] = []
        var catchments: [(catchments: Catchments, polygons: CatchmentPolygons)] = []
        try timing("gaps and catchments") {
            // The first region holds the others: its gap areas serve every section.
            let areas = try GapAreas(
                layers: layers, region: region, standards: standards, targets: assigned.targets, travelMinutes: assigned.travelMinutes,
                threads: threads)
            sections = try regions.map { section in
                Section(
                    gaps: try CoverageGaps(assignment: assigned, layers: layers, region: section),
                    gapAreas: section.id == region.id ? areas : areas.restricted(to: section, districts: layers.districts))
            }
            catchments = try catchmentsStage.result()
        }
        self.assignment = assigned
        self.sections = sections
        self.catchments = catchments
        // The Voronoi tiling and the stages' working arrays are gone.
        FreedMemory.release()
    }

    /// Writes every output into `folder`: the assignment and the catchments at the top, and a
    /// folder per region with its gaps, gap areas and maps. The files are written in parallel
    /// (each on its own, atomically); returns the paths written, relative to `folder`, in a fixed
    /// order. With `csvByteOrderMark`, every CSV table starts with the UTF-8 byte-order mark.
    public func write(to folder: URL, layers: LayerSet, threads: Int? = nil, csvByteOrderMark: Bool = false) throws -> [String] {
        for section in sections {
            let sub = folder.appendingPathComponent(section.region.id)
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: sub.path, isDirectory: &isFolder) && isFolder.boolValue { continue }
            // Not `mkdir -p`: in a staging folder removed by an interruption, that would make it again.
            do {
                try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: false)
            } catch {
                throw OutputError(file: sub.path, reason: "the folder cannot be created: \((error as NSError).localizedDescription)")
            }
        }
        // The two assignment files are the largest: each is a task of its own, and each makes its
        // rows as it writes them.
        var tasks: [@Sendable () throws -> [String]] = [
            { try [assignment.layerFile(facilities: layers.facilities)].write(to: folder) },
            { try [assignment.tableFile(facilities: layers.facilities)].write(to: folder, csvByteOrderMark: csvByteOrderMark) },
        ]
        for (served, polygons) in catchments {
            tasks.append { try served.files(polygons: polygons, facilities: layers.facilities).write(to: folder, csvByteOrderMark: csvByteOrderMark) }
        }
        for section in sections {
            let sub = folder.appendingPathComponent(section.region.id)
            tasks.append {
                try section.gaps.files(gapAreas: section.gapAreas, layers: layers).write(to: sub, csvByteOrderMark: csvByteOrderMark)
                    .map { "\(section.region.id)/\($0)" }
            }
            for map in maps(section, layers: layers) {
                tasks.append {
                    let name = "coverage_map_\(map.target.name)_\(map.threshold.columnName).svg"
                    try map.write(to: sub.appendingPathComponent(name).path)
                    return ["\(section.region.id)/\(name)"]
                }
            }
            for target in travelTimeTargets(section) {
                tasks.append {
                    let map = try travelTimeMap(section, target: target, layers: layers)
                    let name = "travel_time_map_\(target.name)_\(map.threshold.columnName).svg"
                    try map.write(to: sub.appendingPathComponent(name).path)
                    return ["\(section.region.id)/\(name)"]
                }
            }
        }
        let jobs = tasks
        return try Parallel.map(count: jobs.count, threads: threads) { try jobs[$0]() }.flatMap { $0 }
    }

    /// The maps of a section: one per target, at its standard's first threshold.
    public func maps(_ section: Section, layers: LayerSet) -> [CoverageMap] {
        section.gaps.targets.compactMap { target in
            section.gaps.thresholds[target]?.first.map { map(section, target: target, threshold: $0, layers: layers) }
        }
    }

    /// The targets of a section that get a travel-time map: those measured over a raster with a
    /// minutes threshold.
    public func travelTimeTargets(_ section: Section) -> [CareTarget] {
        section.gaps.targets.filter { assignment.travelMinutes[$0] != nil && firstMinutes(section, $0) != nil }
    }

    /// The travel-time map of `target` (one of ``travelTimeTargets(_:)``) in a section: the classes
    /// of minutes to its nearest provider around its first minutes threshold, the villages beyond
    /// that threshold as dots.
    /// - Throws: ``InputError`` when the target has no standard.
    public func travelTimeMap(_ section: Section, target: CareTarget, layers: LayerSet) throws -> CoverageMap {
        guard let minutes = assignment.travelMinutes[target], let threshold = firstMinutes(section, target), case .minutes(let limit) = threshold
        else { preconditionFailure("\(target.name) has no travel-time map") }
        var map = map(section, target: target, threshold: threshold, layers: layers)
        let standard = try assignment.standards.standard(for: target)
        let raster = assignment.standards.friction.paths[standard.mode.frictionKind].map { URL(fileURLWithPath: $0).lastPathComponent } ?? "a friction raster"
        map.travelTime = TravelTimeBackground(
            minutes: minutes, limits: TravelTimeBackground.limits(around: limit), measure: "\(standard.mode.rawValue) over \(raster)")
        return map
    }

    private func firstMinutes(_ section: Section, _ target: CareTarget) -> CoverageThreshold? {
        section.gaps.thresholds[target]?.first { if case .minutes = $0 { true } else { false } }
    }

    /// The map of one target and threshold in a section: its districts, the province borders of
    /// the provinces it touches, the other provinces as context, every facility and the villages
    /// beyond the threshold.
    private func map(_ section: Section, target: CareTarget, threshold: CoverageThreshold, layers: LayerSet) -> CoverageMap {
        let region = section.region
        // Province borders of every province the region lies in, whole or in part (a region of
        // districts shows its districts' provinces' borders); the others are context.
        let provinces = Set(region.provincesTouched(districts: layers.districts))
        let notes = DataNotes(layers: layers)
        let zones = layers.districts.filter { region.contains(district: $0) }.map { district -> CoverageMap.Zone in
            let row = section.gaps.row(zone: district.pcode, level: .district, target: target, threshold: threshold)
            let population = row?.coverage(of: .population)
            return CoverageMap.Zone(
                pcode: district.pcode, name: district.nameEN, geometry: district.geometry,
                percentUncovered: population?.percentCovered.map { 100 - $0 },
                populationUncovered: population?.uncoveredCount, populationTotal: population?.totalCount)
        }
        let uncovered = section.gaps.regionVillages.filter { !section.gaps.isCovered($0, target: target, threshold: threshold) }
            .map { position in
                let point = assignment.points[position]
                return CoverageMap.VillageMark(name: point.name, location: point.location, population: point.figures.population)
            }
        return CoverageMap(
            target: target, threshold: threshold, regionName: section.region.name,
            populationYear: layers.districts.first?.populationYear, zones: zones,
            borders: layers.provinces.filter { provinces.contains($0.pcode) }.map { CoverageMap.Border(name: $0.nameEN, geometry: $0.geometry) },
            context: layers.provinces.filter { !provinces.contains($0.pcode) }.map(\.geometry),
            facilities: layers.facilities.map {
                CoverageMap.FacilityMark(
                    id: $0.id, name: $0.name, tier: $0.tier, location: $0.location,
                    isInRegion: region.contains(districtPcode: $0.districtPcode, provincePcode: $0.provincePcode), isProxy: $0.isProxy,
                    providesService: !target.isTier && target.isProvided(by: $0))
            },
            uncoveredVillages: uncovered, dataNote: notes.mapNote, credits: notes.credits)
    }
}
