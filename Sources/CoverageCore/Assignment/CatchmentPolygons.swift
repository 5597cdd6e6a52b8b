import DistanceKernel
import Foundation
import GeometryKit
import Parallelism

/// A catchment polygon per facility: the union of the Voronoi cells of the points (villages) it
/// serves (or, for an allocation by travel time over a friction raster, the raster cells it is
/// reached from first: ``init(catchments:travel:districts:threads:)``), clipped to the country — the union of the district polygons — so that the polygons
/// tile the country without overlap and agree exactly with the point assignment of
/// ``Catchments``.
///
/// **How.** GEOS builds one Voronoi diagram of all the distinct point locations (points at
/// identical coordinates share one cell, which goes to the facility serving them: their nearest
/// facility is the same, since it depends only on the location). Each cell is matched to its site
/// (a cell is convex and holds its own site, and no other, in its interior); the cells of a
/// facility's points are dissolved, and the result is intersected with the country, unless every
/// cell lies inside it (most do, and the intersection with the country's whole outline is the
/// costly step). Facilities run in parallel, each on its thread's GEOS context; each polygon
/// depends only on its own cells, so the output is the same whatever the thread count.
///
/// **Planar cells, geodesic assignment.** The Voronoi diagram is planar in degrees of longitude
/// and latitude, while the assignment is by WGS 84 geodesic distance. A catchment's edge is thus
/// the planar bisector between neighbouring villages, and a place that is not a village (a point
/// near such an edge) can lie in one facility's polygon while its own nearest facility, measured
/// geodesically, is another. The villages themselves always lie in their own facility's polygon
/// (their cell contains them, whatever the metric of the assignment), except a village outside
/// every district: the clip to the country cuts it off, and it is listed in
/// ``pointsOutsideCountry`` (the shipped data has one, 808016, 7 m beyond the simplified border).
/// A catchment is also not "the area nearest the facility": it is the area nearest the facility's
/// villages. On the shipped data (health centres), of 11,970 random points in the country, 1 in
/// 5 lies in the polygon of a facility that is not its own nearest; for 0.9 % the cause is the
/// planar cell (the point's geodesically nearest village is another facility's), for the rest it
/// is that the nearest village's facility is not the nearest facility to the point itself.
///
/// **Areas** are geodesic, each polygon edge taken as a geodesic: with the shipped data's
/// short edges the catchments' areas add up to the districts' area to within 10⁻⁶, but where a
/// long straight edge (a degree, say) is split by cell edges, the pieces follow the straight line
/// in degrees more closely than one geodesic would, and the sum can differ by a few 10⁻⁴.
public struct CatchmentPolygons: Sendable {
    /// The area the polygons tile: the union of the district polygons.
    public let country: Geometry
    /// One per catchment, in the order of ``Catchments/catchments``: a MultiPolygon (of one
    /// polygon for most), or nil when the facility serves no point (or only points outside the
    /// country).
    public let polygons: [Geometry?]
    /// The geodesic (WGS 84) area of each polygon, m²; 0 for none.
    public let areasSquareMeters: [Double]
    /// The positions of the points that lie outside the country (so in no polygon), ascending.
    public let pointsOutsideCountry: [Int]

    /// Builds the polygons of `catchments`, clipped to the union of `districts`.
    ///
    /// - Parameters:
    ///   - catchments: the catchments (their assignment's points are the Voronoi sites).
    ///   - districts: the district units; their union is the clip and must be valid polygons.
    ///   - threads: worker threads (default: all cores); the result does not depend on it.
    /// - Throws: ``GeometryError`` when GEOS fails (an invalid district polygon, for one), or
    ///   when a Voronoi cell cannot be matched to its site.
    /// - Note: Wraps GEOS `GEOSVoronoiDiagram_r`, `GEOSUnaryUnion_r`, `GEOSPreparedContainsProperly_r`
    ///   and `GEOSIntersection_r`.
    public init(catchments: Catchments, districts: [AdminUnit], threads: Int? = nil) throws {
        let tiling = try VoronoiTiling(points: catchments.assignment.points.map(\.location), districts: districts, threads: threads)
        try self.init(catchments: catchments, tiling: tiling, threads: threads)
    }

    /// Builds the polygons of `catchments` from `tiling`, the cells of their assignment's points
    /// (made once and shared by the catchments of every tier of one assignment).
    public init(catchments: Catchments, tiling: VoronoiTiling, threads: Int? = nil) throws {
        let points = catchments.assignment.points
        guard tiling.siteOfPoint.count == points.count else {
            throw GeometryError(
                source: .invalidArgument, operation: "CatchmentPolygons",
                message: "the tiling has \(tiling.siteOfPoint.count) points, the catchments \(points.count)")
        }

        // Each site's owner: the catchment serving its points (the same for all of them).
        var catchmentOfPoint = Array(repeating: -1, count: points.count)
        for (index, catchment) in catchments.catchments.enumerated() {
            for point in catchment.points { catchmentOfPoint[point] = index }
        }
        var ownerOfSite = Array(repeating: -2, count: tiling.sites.count)  // -2: not yet seen, -1: unserved
        for (point, site) in tiling.siteOfPoint.enumerated() {
            let owner = catchmentOfPoint[point]
            if ownerOfSite[site] == -2 {
                ownerOfSite[site] = owner
            } else if ownerOfSite[site] != owner {
                throw GeometryError(
                    source: .invalidArgument, operation: "CatchmentPolygons",
                    message: "points \(points[point].id) and others at \(tiling.sites[site]) are served by different facilities")
            }
        }
        var grouped = Array(repeating: [Int](), count: catchments.catchments.count)
        for (site, owner) in ownerOfSite.enumerated() where owner >= 0 { grouped[owner].append(site) }
        let sitesOfCatchment = grouped

        // Dissolve and clip, facility by facility, in parallel. Most cells lie well inside the
        // country: only catchments with a cell that does not need the (costly) intersection with
        // the whole country's outline.
        let (cells, interior, country) = (tiling.cells, tiling.interior, tiling.country)
        let count = catchments.catchments.count
        let results = try Parallel.map(count: count, threads: threads) { index -> (Geometry?, Double) in
            let own = sitesOfCatchment[index].map { cells[$0] }
            guard !own.isEmpty else { return (nil, 0) }
            let dissolved = own.count == 1 ? own[0] : try Geometry.dissolvedCoverage(own)
            let inside = sitesOfCatchment[index].allSatisfy { interior[$0] }
            let clipped = try Self.polygonal(inside ? dissolved : dissolved.intersection(country))
            guard let clipped else { return (nil, 0) }
            return (clipped, try Geodesic.wgs84.areaPerimeter(of: clipped).areaSquareMeters)
        }
        self.country = country
        pointsOutsideCountry = tiling.pointsOutsideCountry
        polygons = results.map(\.0)
        areasSquareMeters = results.map(\.1)
    }

    /// The polygons of `catchments` allocated by travel time over a friction raster: each
    /// facility's polygon is the cells it is reached from first (`travel`, the allocation's
    /// ``TravelMinutes``), clipped to the union of `districts`. The villages lie in their own
    /// facility's polygon (the cell of a village is what allocated it), and unlike Voronoi cells
    /// so does any other place of the cell: the polygon is the area nearest the facility in
    /// minutes, at the raster's resolution, with its edges on the cells' edges.
    ///
    /// - Throws: ``GeometryError`` when GEOS fails; ``RasterError`` when the polygonizing does.
    public init(catchments: Catchments, travel: TravelMinutes, districts: [AdminUnit], threads: Int? = nil) throws {
        let country = try Geometry.dissolvedCoverage(districts.map(\.geometry))
        try self.init(catchments: catchments, travel: travel, country: country, threads: threads)
    }

    /// As above, clipped to `country` (a report's tiling made it already).
    public init(catchments: Catchments, travel: TravelMinutes, country: Geometry, threads: Int? = nil) throws {
        var partsOfFacility: [Int: [Geometry]] = [:]
        for (facility, part) in try travel.allocationAreas() { partsOfFacility[facility, default: []].append(part) }
        let parts = catchments.catchments.map { partsOfFacility[$0.facility] ?? [] }
        // A block of catchments a thread, each block preparing the country once: only the polygons
        // not properly inside it (those reaching the raster's margin beyond the border) are clipped.
        let blocks = Parallel.threadCount(threads)
        let blockSize = (parts.count + blocks - 1) / max(1, blocks)
        let results = try Parallel.map(count: blocks, threads: threads) { block -> [(Geometry?, Double)] in
            let prepared = try PreparedGeometry(country)
            return try (block * blockSize..<min(parts.count, (block + 1) * blockSize)).map { index -> (Geometry?, Double) in
                guard !parts[index].isEmpty else { return (nil, 0) }
                // Cells of a raster: the parts are disjoint, a multipolygon without a union.
                let whole = try Geometry.multiPolygon(parts[index])
                let clipped = try Self.polygonal(try prepared.containsProperly(whole) ? whole : whole.intersection(country))
                guard let clipped else { return (nil, 0) }
                return (clipped, try Geodesic.wgs84.areaPerimeter(of: clipped).areaSquareMeters)
            }
        }.flatMap { $0 }
        let outside = try PointInPolygonIndex([country.shape]).locate(catchments.assignment.points.map(\.location), threads: threads)
        self.country = country
        pointsOutsideCountry = outside.indices.filter { outside[$0] == nil }
        polygons = results.map(\.0)
        areasSquareMeters = results.map(\.1)
    }

    /// The polygonal part of an overlay result (an intersection may also give the lines and
    /// points where polygons merely touch) as a MultiPolygon, so that every catchment has the
    /// same geometry type (GIS formats such as GeoPackage and shapefiles want one); nil when there
    /// is none.
    static func polygonal(_ geometry: Geometry) throws -> Geometry? {
        if geometry.isEmpty { return nil }
        if geometry.kind == .multiPolygon { return geometry }
        let parts = geometry.polygons.filter { !$0.isEmpty }
        return parts.isEmpty ? nil : try Geometry.multiPolygon(parts)
    }
}
