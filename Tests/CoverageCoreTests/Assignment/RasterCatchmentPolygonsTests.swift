import CoverageCore
import Foundation
import GeoIO
import GeometryKit
import TestSupport
import Testing

/// Catchments allocated by walking time over the shipped friction surface, in Bolikhamxay and
/// Khammouane: each facility's polygon is the raster cells it is reached from first, so every
/// village lies in its own facility's polygon (GEOS's predicate on the polygonized cells, against
/// the allocation read from the search), and the polygons tile the country's part they reach.
@Suite("CatchmentPolygons over a friction raster")
struct RasterCatchmentPolygonsTests {
    @Test func everyVillageLiesInItsFacilitysCellsAndThePolygonsDoNotOverlap() throws {
        let set = try ShippedLayerSet.set()
        let standards = try ShippedStandards.straight().overriding(travel: .raster, friction: nil)
        let assignment = try CoverageAssignment(layers: set, standards: standards, targets: [.tier(.healthCentre)])
        let catchments = try Catchments(assignment: assignment, target: .tier(.healthCentre), facilities: set.facilities)
        let travel = try #require(assignment.travelMinutes[.tier(.healthCentre)])
        let polygons = try CatchmentPolygons(catchments: catchments, travel: travel, districts: set.districts)
        let region = Set(["LA11", "LA12"])
        var checked = 0
        for (index, catchment) in catchments.catchments.enumerated() where region.contains(set.facilities[catchment.facility].provincePcode ?? "") {
            for point in catchment.points where !polygons.pointsOutsideCountry.contains(point) {
                let polygon = try #require(polygons.polygons[index], "\(set.facilities[catchment.facility].id) serves villages but has no polygon")
                #expect(
                    try polygon.covers(Geometry.point(set.villages[point].location)),
                    "village \(set.villages[point].code) is not in the cells of \(set.facilities[catchment.facility].id)")
                checked += 1
            }
        }
        #expect(checked > 800)
        // No two polygons share area; together they stay inside the country.
        let present = polygons.polygons.compactMap { $0 }
        let union = try Geometry.unaryUnion(of: present)
        let summed = polygons.areasSquareMeters.reduce(0, +)
        #expect(abs(try Geodesic.wgs84.areaPerimeter(of: union).areaSquareMeters - summed) < 1e-6 * summed)
        #expect(try union.difference(polygons.country).planarArea() < 1e-9)
        #expect(present.allSatisfy { (try? $0.isValid()) == true })
    }
}
