import DistanceKernel
import Foundation
import GeoIO
import GeometryKit
import Parallelism

/// The holes on the map: for every district of a region, every care target and every threshold
/// of its standard, the part of the district beyond the threshold — the district polygon minus
/// the union of geodesic circles of the threshold's radius around the facilities providing the
/// target (any facility, also across district and province borders). Districts with no gap are
/// left out; a target no facility provides leaves every district whole.
///
/// For a time limit of a target measured over a friction raster, the reach is the isochrone
/// instead of circles: the raster cells within the limit (``TravelMinutes/reach(within:)``), their
/// outlines in lon/lat; so the gap follows the raster's cells (500 m for the shipped surfaces).
///
/// The radius is the km threshold, or for a minutes threshold the straight-line distance the
/// travel model covers in that time by the standard's mode
/// (``TravelModel/distanceMeters(minutes:mode:)``).
///
/// **Accuracy.** The circles are geodesic polygons (``Geodesic/circle(center:radiusMeters:vertices:)``,
/// 72 vertices by default, each exactly at the radius), but GEOS unions and subtracts them in the
/// plane of lon/lat degrees, where an edge between two vertices is a straight line in degrees, not
/// an arc of the circle. That is an approximation. Measured once for 72 vertices at Lao latitudes
/// (13.9°–22.5° N, radii 1–343 km, with pyproj): each polygon lies inside its geodesic circle,
/// reaching in by at most 0.0956 % of the radius up to 60 km (4.8 m at 5 km, 20 m at 21 km, 57 m at
/// 60 km) and 0.0977 % up to 343 km (242 m at 250 km), and its area is 0.1269 % smaller than the
/// circle's.
/// So a gap is never too small: it may include a strip at most that wide inside the covered
/// circles, and its area is too large by at most 0.127 % of the covered area of the district (the
/// union of the circles within it). District edges are also straight in degrees for GEOS, but
/// their vertices are dense and the same edges are measured as geodesics by the area; the error of
/// that is negligible next to the circles'. Village coverage in ``CoverageGaps`` uses exact
/// geodesic distances, so a village within 0.1 % of the radius inside a circle's edge may be
/// counted covered and still lie in a gap polygon.
///
/// Areas are geodesic on WGS 84 (``Geodesic/areaPerimeter(of:)``, Karney). Deterministic:
/// identical whatever the thread count.
public struct GapAreas: Sendable {
    /// The gaps, ordered by district code, target and threshold.
    public let areas: [GapArea]
    /// The districts examined (those of the region), by code.
    public let districtPcodes: [String]
    /// Vertices per circle.
    public let circleVertices: Int

    /// Computes the gaps of every district of `region` for `targets` (each with its standard's
    /// thresholds).
    ///
    /// - Parameters:
    ///   - layers: the districts and facilities.
    ///   - region: whose districts (by province) are examined.
    ///   - standards: thresholds, modes and the travel model.
    ///   - targets: the care targets.
    ///   - travelMinutes: for targets measured over a raster, the minutes to their nearest provider
    ///     (``CoverageAssignment/travelMinutes``; a target missing has no provider on the raster).
    ///     Needed when such a target has a time limit.
    ///   - circleVertices: vertices per geodesic circle (default 72; the accuracy above is for 72).
    ///   - threads: worker threads (default: every core); the result does not depend on it.
    /// - Throws: ``InputError`` when a target has no standard; ``GeometryError`` when GEOS fails
    ///   (an invalid district polygon: load the layers with repair).
    public init(
        layers: LayerSet, region: Region, standards: CoverageStandards, targets: [CareTarget],
        travelMinutes: [CareTarget: TravelMinutes]? = nil, circleVertices: Int = Geodesic.defaultCircleVertices, threads: Int? = nil
    ) throws {
        self.circleVertices = circleVertices
        let districts = layers.districts.filter { region.contains(district: $0) }.sorted { $0.pcode < $1.pcode }
        districtPcodes = districts.map(\.pcode)
        let workers = Parallel.threadCount(threads)

        // Every target × threshold: the shapes of its reach (circles of its radius around its
        // facilities, or the isochrone of a raster time limit), indexed.
        var planned: [(target: CareTarget, threshold: CoverageThreshold, radius: Double?, facilities: [Int])] = []
        for target in Array(Set(targets)).sorted() {
            let standard = try standards.standard(for: target)
            let providers = layers.facilities.indices.filter { target.isProvided(by: layers.facilities[$0]) }
            for threshold in standard.thresholds {
                if case .minutes = threshold, standard.travel == .raster {
                    guard travelMinutes != nil else {
                        throw ParameterError(name: "travelMinutes", reason: "\(target.label) is measured over a raster: its gap areas need its travel minutes")
                    }
                    planned.append((target, threshold, nil, providers))
                } else {
                    planned.append((target, threshold, Self.radiusMeters(threshold, mode: standard.mode, travelModel: standards.travelModel), providers))
                }
            }
        }
        let plans = planned
        let locations = layers.facilities.map(\.location)
        let circleSets: [CircleSet] = try Parallel.map(count: plans.count, threads: workers) { index in
            let plan = plans[index]
            let circles: [Geometry]
            if let radius = plan.radius {
                circles = try plan.facilities.map {
                    try Geodesic.wgs84.circle(center: locations[$0], radiusMeters: radius, vertices: circleVertices)
                }
            } else if case .minutes(let limit) = plan.threshold {
                circles = try travelMinutes?[plan.target]?.reach(within: limit) ?? []
            } else {
                circles = []
            }
            return CircleSet(circles: circles, boxes: circles.map { $0.envelope }, tree: try STRtree(circles))
        }
        let districtBoxes = districts.map { $0.geometry.envelope }
        let districtAreas = try Parallel.map(count: districts.count, threads: workers) {
            try Geodesic.wgs84.areaPerimeter(of: districts[$0].geometry).areaSquareMeters
        }

        // Every district × target × threshold, in output order: a task per district, which
        // prepares the district once for all its targets and thresholds.
        let found: [[GapArea?]] = try Parallel.map(count: districts.count, threads: workers) { index in
            let district = districts[index]
            let prepared = try PreparedGeometry(district.geometry)
            return try plans.indices.map { planIndex -> GapArea? in
                let (plan, set) = (plans[planIndex], circleSets[planIndex])
                // The circles that reach the district: their boxes meet its box, and they meet it.
                let near = try set.tree.query(intersecting: district.geometry).filter { try prepared.intersects(set.circles[$0]) }
                // A district inside one circle has no gap: testing that (a prepared predicate, tried
                // where the circle's box holds the district's) is far cheaper than the overlay.
                if let box = districtBoxes[index],
                    try near.contains(where: { circle in
                        guard set.boxes[circle]?.holds(box) == true else { return false }
                        return try PreparedGeometry(set.circles[circle]).contains(district.geometry)
                    })
                {
                    return nil
                }
                let reaching = near.map { set.circles[$0] }
                // An isochrone's parts are disjoint already (cells of a raster): no union needed.
                let reach = plan.radius == nil ? try Geometry.multiPolygon(reaching) : try Geometry.unaryUnion(of: reaching)
                let rest = reaching.isEmpty ? district.geometry : try district.geometry.difference(reach)
                let parts = rest.polygons.filter { !$0.isEmpty }
                guard !parts.isEmpty else { return nil }
                let gap = parts.count == 1 && rest.kind == .polygon ? rest : try Geometry.multiPolygon(parts)
                let area = try Geodesic.wgs84.areaPerimeter(of: gap).areaSquareMeters
                guard area > 0 else { return nil }
                return GapArea(
                    districtPcode: district.pcode, districtName: district.nameEN, provincePcode: district.provincePcode,
                    target: plan.target, threshold: plan.threshold, radiusMeters: plan.radius, geometry: gap,
                    areaSquareMeters: area, districtAreaSquareMeters: districtAreas[index])
            }
        }
        areas = found.flatMap { $0 }.compactMap { $0 }
    }

    /// The gaps of the districts of `region` only: the same as computing them for `region` (a
    /// district's gaps depend only on the district and the facilities), when its districts are
    /// among those examined here. How a report shares one computation among its sections.
    public func restricted(to region: Region, districts: [AdminUnit]) -> GapAreas {
        let kept = Set(districts.filter { region.contains(district: $0) }.map(\.pcode))
        return GapAreas(
            areas: areas.filter { kept.contains($0.districtPcode) },
            districtPcodes: districtPcodes.filter(kept.contains), circleVertices: circleVertices)
    }

    private init(areas: [GapArea], districtPcodes: [String], circleVertices: Int) {
        self.areas = areas
        self.districtPcodes = districtPcodes
        self.circleVertices = circleVertices
    }

    /// The radius of a threshold's circles, metres: the km limit × 1,000, or the straight-line
    /// distance covered in the minutes limit by `mode` under `travelModel`.
    public static func radiusMeters(_ threshold: CoverageThreshold, mode: TravelMode, travelModel: TravelModel) -> Double {
        switch threshold {
        case .kilometers(let limit): limit * 1_000
        case .minutes(let limit): travelModel.distanceMeters(minutes: limit, mode: mode)
        }
    }

    /// The gaps of one district.
    public func areas(ofDistrict pcode: String) -> [GapArea] { areas.filter { $0.districtPcode == pcode } }

    private struct CircleSet: Sendable {
        let circles: [Geometry]
        let boxes: [Envelope?]
        let tree: STRtree
    }
}

extension Envelope {
    /// True when `other` lies within this box (edges included).
    fileprivate func holds(_ other: Envelope) -> Bool {
        minX <= other.minX && other.maxX <= maxX && minY <= other.minY && other.maxY <= maxY
    }
}
