import DistanceKernel
import GeoIO
import GeometryKit

extension CoverageStandards {
    /// For each of `points`, the `sites` where a facility of `target` would cover it within
    /// `threshold`, nearest first (ties by lower site), with its cost: the geodesic distance in
    /// metres, or for a time limit measured over a friction raster, the minutes.
    ///
    /// Decided as coverage decides it, so that a site listed here covers the point exactly when a
    /// facility there would make it covered: by the kernel's geodesics within the threshold's
    /// radius (a millimetre generous), kept by ``CoverageThreshold/covers(distanceMeters:minutes:)``;
    /// over a raster by a search from each site bounded by the limit (``RasterReach``).
    /// - Throws: ``InputError`` when `target` has no standard or its raster was not loaded; kernel
    ///   errors for bad coordinates.
    func sitesCovering(
        _ points: [Coordinate], from sites: [Coordinate], target: CareTarget, threshold: CoverageThreshold,
        threads: Int?
    ) throws -> [[(facility: Int, cost: Double)]] {
        let standard = try standard(for: target)
        guard !sites.isEmpty, !points.isEmpty else { return Array(repeating: [], count: points.count) }
        if case .minutes(let limit) = threshold, standard.travel == .raster {
            let kind = standard.mode.frictionKind
            let reach = try RasterReach(minutes: limit, sites: sites, points: points, surface: frictionSurface(kind), threads: threads)
            var covering = Array(repeating: [(facility: Int, cost: Double)](), count: points.count)
            for (site, found) in reach.reached.enumerated() {
                for (point, minutes) in found { covering[point].append((site, minutes)) }
            }
            return covering.map { $0.sorted { ($0.cost, $0.facility) < ($1.cost, $1.facility) } }
        }
        let radius = GapAreas.radiusMeters(threshold, mode: standard.mode, travelModel: travelModel) + 0.001
        let within = try FacilityIndex(sites).withinRadius(
            radius, points, listFacilities: true,
            options: QueryOptions(metric: .geodesic, threads: threads))
        return points.indices.map { point in
            within.facilities(of: point).filter {
                threshold.covers(distanceMeters: $0.distanceMeters, minutes: minutes(distanceMeters: $0.distanceMeters, to: target))
            }.map { (facility: $0.facility, cost: $0.distanceMeters) }
        }
    }
}
