import DistanceKernel
import Foundation
import GeometryKit

/// The Voronoi cells of a set of points (villages), clipped to the country — the union of the
/// district polygons — with what the catchment polygons need to know of each: made once per
/// assignment and shared by the catchments of every tier (``CatchmentPolygons``).
///
/// Points at identical coordinates share one site and one cell. The diagram is planar in degrees
/// of longitude and latitude (see ``CatchmentPolygons`` for what that means for the catchments).
public struct VoronoiTiling: Sendable {
    /// The union of the district polygons.
    public let country: Geometry
    /// The distinct point locations, in order of first appearance.
    public let sites: [Coordinate]
    /// Each point's site.
    public let siteOfPoint: [Int]
    /// Each site's cell, covering at least the country's envelope together.
    public let cells: [Geometry]
    /// Whether each site's cell lies properly inside the country (and needs no clipping).
    public let interior: [Bool]
    /// The positions of the points that lie outside the country, ascending.
    public let pointsOutsideCountry: [Int]

    /// The cells of `points` clipped to the union of `districts`.
    /// - Throws: ``GeometryError`` when GEOS fails (an invalid district polygon, for one), or
    ///   when a Voronoi cell cannot be matched to its site.
    /// - Note: Wraps GEOS `GEOSVoronoiDiagram_r`, `GEOSCoverageUnion_r` (or `GEOSUnaryUnion_r`) and `GEOSPreparedContainsProperly_r`.
    public init(points: [Coordinate], districts: [AdminUnit], threads: Int? = nil) throws {
        // Districts form a coverage: 0.05 s for the shipped districts, the general union 0.13 s.
        let country = try Geometry.dissolvedCoverage(districts.map(\.geometry))
        var siteIndex: [Coordinate: Int] = [:]
        var sites: [Coordinate] = []
        var siteOfPoint: [Int] = []
        siteOfPoint.reserveCapacity(points.count)
        for location in points {
            if let found = siteIndex[location] {
                siteOfPoint.append(found)
            } else {
                siteIndex[location] = sites.count
                siteOfPoint.append(sites.count)
                sites.append(location)
            }
        }
        let cells = try Self.cells(of: sites, frame: country)
        let outside = try PointInPolygonIndex([country.shape]).locate(points, threads: threads)
        let prepared = try PreparedGeometry(country)
        self.country = country
        self.sites = sites
        self.siteOfPoint = siteOfPoint
        self.cells = cells
        interior = try cells.map { try prepared.containsProperly($0) }
        pointsOutsideCountry = outside.indices.filter { outside[$0] == nil }
    }

    /// The Voronoi cell of each site, in site order, covering at least `frame`'s envelope.
    static func cells(of sites: [Coordinate], frame: Geometry) throws -> [Geometry] {
        switch sites.count {
        case 0: return []
        case 1:
            // GEOS gives no diagram for one site: its cell is everything, the frame's envelope.
            return [try frame.envelopeGeometry()]
        default: break
        }
        let diagram = try Geometry.multiPoint(sites).voronoiDiagram(clip: frame)
        let found = diagram.components
        guard found.count == sites.count else {
            throw GeometryError(
                source: .geos, operation: "GEOSVoronoiDiagram_r",
                message: "\(sites.count) distinct sites gave \(found.count) cells")
        }
        // GEOS 3.11 returns the cells in its own order: find each cell's site. A cell is convex
        // (a Voronoi cell cut by the frame's rectangle) and holds its site in its interior, and
        // no other site; candidates come from the sites sorted by longitude.
        let byX = sites.indices.sorted { (sites[$0].x, $0) < (sites[$1].x, $1) }
        let sortedX = byX.map { sites[$0].x }
        var cells: [Geometry?] = Array(repeating: nil, count: sites.count)
        for cell in found {
            let ring = cell.exteriorRing?.coordinates ?? []
            guard let box = Envelope(covering: ring) else { continue }
            var matched: Int?
            var position = lowerBound(sortedX, box.minX)
            while position < byX.count, sortedX[position] <= box.maxX {
                let site = byX[position]
                position += 1
                let point = sites[site]
                guard point.y >= box.minY, point.y <= box.maxY, convexRing(ring, strictlyContains: point) else { continue }
                guard matched == nil, cells[site] == nil else {
                    throw GeometryError(
                        source: .geos, operation: "GEOSVoronoiDiagram_r",
                        message: "a Voronoi cell holds more than one site, or a site lies in two cells (near \(point))")
                }
                matched = site
            }
            guard let matched else {
                throw GeometryError(source: .geos, operation: "GEOSVoronoiDiagram_r", message: "a Voronoi cell holds no site (near \(box))")
            }
            cells[matched] = cell
        }
        if let lost = cells.firstIndex(where: { $0 == nil }) {
            throw GeometryError(source: .geos, operation: "GEOSVoronoiDiagram_r", message: "site \(sites[lost]) lies in no cell")
        }
        return cells.map { $0! }
    }

    /// The first position in ascending `values` whose value is ≥ `value`.
    static func lowerBound(_ values: [Double], _ value: Double) -> Int {
        var low = 0, high = values.count
        while low < high {
            let middle = (low + high) / 2
            if values[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// True when `point` lies strictly inside the convex ring `ring` (closed, either
    /// orientation): on the same side of every edge, and on none.
    static func convexRing(_ ring: [Coordinate], strictlyContains point: Coordinate) -> Bool {
        guard ring.count >= 4 else { return false }
        var sign = 0.0
        for index in 1..<ring.count {
            let a = ring[index - 1], b = ring[index]
            if a == b { continue }
            let cross = (b.x - a.x) * (point.y - a.y) - (b.y - a.y) * (point.x - a.x)
            if cross == 0 { return false }
            if sign == 0 { sign = cross } else if (cross > 0) != (sign > 0) { return false }
        }
        return sign != 0
    }

}
