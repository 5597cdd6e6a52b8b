import DistanceKernel
import GeoIO
import GeometryKit

extension CoverageStandards {
    /// For each of `points`, the `sites` where a facility of `target` would cover it within
    /// `threshold`, nearest first (ties by lower site), with the geodesic distance in metres.
    ///
    /// Decided as coverage decides it: the kernel lists the sites within the threshold's radius
    /// (a millimetre generous), and ``CoverageThreshold/covers(distanceMeters:minutes:)`` keeps
    /// those the limit takes in, so a site listed here covers the point exactly when a facility
    /// there would make it covered.
    /// - Throws: ``InputError`` when `target` has no standard; kernel errors for bad coordinates.
    func sitesCovering(
        _ points: [Coordinate], from sites: [Coordinate], target: CareTarget, threshold: CoverageThreshold,
        threads: Int?
    ) throws -> [[(facility: Int, distanceMeters: Double)]] {
        let standard = try standard(for: target)
        if case .minutes = threshold, standard.travel == .raster {
            throw ParameterError(
                name: "--travel",
                reason: "\(target.label) within \(threshold.label) is measured over a friction raster, and planning by raster "
                    + "travel time is not built yet: give --travel straight (or --max-km) for this command")
        }
        guard !sites.isEmpty, !points.isEmpty else { return Array(repeating: [], count: points.count) }
        let radius = GapAreas.radiusMeters(threshold, mode: standard.mode, travelModel: travelModel) + 0.001
        let within = try FacilityIndex(sites).withinRadius(
            radius, points, listFacilities: true,
            options: QueryOptions(metric: .geodesic, threads: threads))
        return points.indices.map { point in
            within.facilities(of: point).filter {
                threshold.covers(distanceMeters: $0.distanceMeters, minutes: minutes(distanceMeters: $0.distanceMeters, to: target))
            }
        }
    }
}
