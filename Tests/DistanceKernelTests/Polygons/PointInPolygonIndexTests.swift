import Foundation
import GeometryKit
import TestSupport
import Testing

@testable import DistanceKernel

/// The index over GEOS geometries (built from their shapes): the tests build their polygons with
/// GEOS, whose `covers` is the oracle.
extension PointInPolygonIndex {
    fileprivate init(_ geometries: [Geometry], targetCellCount: Int? = nil) throws {
        try self.init(geometries.map(\.shape), targetCellCount: targetCellCount)
    }
}

private func ring(_ points: [(Double, Double)]) -> [Coordinate] {
    let coordinates = points.map { Coordinate(x: $0.0, y: $0.1) }
    return coordinates + [coordinates[0]]
}

private func box(_ minX: Double, _ minY: Double, _ maxX: Double, _ maxY: Double) throws -> Geometry {
    try Geometry.polygon(exterior: ring([(minX, minY), (maxX, minY), (maxX, maxY), (minX, maxY)]))
}

/// GEOS's answer: the lowest index whose prepared geometry covers the point.
private func geosAnswer(_ prepared: [PreparedGeometry], _ point: Coordinate) throws -> Int? {
    let geometry = try Geometry.point(point)
    for (index, candidate) in prepared.enumerated() where try candidate.covers(geometry) { return index }
    return nil
}

/// A star-shaped ring around (cx, cy): `count` vertices at sorted random angles and random radii,
/// optionally snapped to a lattice of step `snap` (which makes collinear edges, repeated vertices
/// and points exactly on edges common).
private func starRing(
    _ cx: Double, _ cy: Double, radius: ClosedRange<Double>, count: Int, snap: Double?,
    clockwise: Bool = false, using generator: inout SplitMix64
) -> [Coordinate] {
    var angles = (0..<count).map { _ in Double.random(in: 0..<(2 * .pi), using: &generator) }
    angles.sort()
    if clockwise { angles.reverse() }
    var vertices = angles.map { angle -> Coordinate in
        let r = Double.random(in: radius, using: &generator)
        var x = cx + r * cos(angle), y = cy + r * sin(angle)
        if let snap {
            x = (x / snap).rounded() * snap
            y = (y / snap).rounded() * snap
        }
        return Coordinate(x: x, y: y)
    }
    vertices.append(vertices[0])
    return vertices
}

/// Points that probe every case: random ones over the extent, lattice points, every vertex,
/// edge midpoints and points one ulp beside them.
private func probePoints(
    for geometries: [Geometry], extent: Envelope, lattice: Double?, count: Int,
    using generator: inout SplitMix64
) -> [Coordinate] {
    var points: [Coordinate] = []
    for _ in 0..<count {
        var x = Double.random(in: extent.minX...extent.maxX, using: &generator)
        var y = Double.random(in: extent.minY...extent.maxY, using: &generator)
        if let lattice, Bool.random(using: &generator) {
            x = (x / lattice).rounded() * lattice
            y = (y / lattice).rounded() * lattice
        }
        points.append(Coordinate(x: x, y: y))
    }
    for geometry in geometries {
        for polygon in geometry.polygons {
            for ring in [polygon.exteriorRing].compactMap({ $0 }) + polygon.interiorRings {
                let vertices = ring.coordinates
                for k in 1..<vertices.count {
                    let a = vertices[k - 1], b = vertices[k]
                    let middle = Coordinate(x: (a.x + b.x) / 2, y: (a.y + b.y) / 2)
                    let t = Double.random(in: 0...1, using: &generator)
                    points += [
                        a, middle, Coordinate(x: middle.x, y: middle.y.nextUp), Coordinate(x: middle.x.nextDown, y: middle.y),
                        Coordinate(x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y)),
                    ]
                }
            }
        }
    }
    return points
}

@Suite struct PointInPolygonIndexTests {
    @Test(arguments: [nil, 1, 4, 100, 10_000] as [Int?])
    func squareInteriorBoundaryAndExterior(targetCellCount: Int?) throws {
        let square = try box(0, 0, 10, 10)
        let index = try PointInPolygonIndex([square], targetCellCount: targetCellCount)
        #expect(try index.locate(Coordinate(x: 5, y: 5)) == 0)
        #expect(try index.locate(Coordinate(x: 0, y: 0)) == 0, "a vertex is covered")
        #expect(try index.locate(Coordinate(x: 10, y: 10)) == 0, "the vertex at the envelope's maximum is covered")
        #expect(try index.locate(Coordinate(x: 10, y: 3.7)) == 0, "a point on the right edge is covered")
        #expect(try index.locate(Coordinate(x: 4.2, y: 10)) == 0, "a point on the top edge is covered")
        #expect(try index.locate(Coordinate(x: 10.0.nextUp, y: 5)) == nil)
        #expect(try index.locate(Coordinate(x: 5, y: (0.0).nextDown)) == nil)
        #expect(try index.locate(Coordinate(x: -3, y: 5)) == nil)
        #expect(try index.locate(Coordinate(x: 1e300, y: -1e300)) == nil)
        #expect(index.geometryCount == 1)
        #expect(index.envelope == Envelope(minX: 0, minY: 0, maxX: 10, maxY: 10))
    }

    @Test func boundarySemanticsAreGEOSCoversNotContains() throws {
        let square = try box(0, 0, 10, 10)
        let prepared = try PreparedGeometry(square)
        let index = try PointInPolygonIndex([square])
        for point in [Coordinate(x: 10, y: 5), Coordinate(x: 0, y: 0), Coordinate(x: 3, y: 0)] {
            let geometry = try Geometry.point(point)
            #expect(try prepared.covers(geometry))
            #expect(try !prepared.contains(geometry), "GEOS contains excludes the boundary")
            #expect(try index.locate(point) == 0, "the index follows covers")
        }
    }

    @Test func holesAreOutsideAndTheirRingsAreBoundary() throws {
        let holed = try Geometry.polygon(
            exterior: ring([(0, 0), (10, 0), (10, 10), (0, 10)]),
            holes: [ring([(3, 3), (3, 7), (7, 7), (7, 3)])])
        for cells in [1, 9, 400] {
            let index = try PointInPolygonIndex([holed], targetCellCount: cells)
            #expect(try index.locate(Coordinate(x: 5, y: 5)) == nil, "inside the hole")
            #expect(try index.locate(Coordinate(x: 3, y: 5)) == 0, "on the hole's ring")
            #expect(try index.locate(Coordinate(x: 7, y: 7)) == 0, "on the hole's vertex")
            #expect(try index.locate(Coordinate(x: 1, y: 1)) == 0)
            #expect(try index.locate(Coordinate(x: 2.999, y: 5)) == 0)
            #expect(try index.locate(Coordinate(x: 3.001, y: 5)) == nil)
        }
    }

    @Test func multiPolygonsAndOverlapsTakeTheLowestIndex() throws {
        let parts = try Geometry.multiPolygon([try box(0, 0, 1, 1), try box(5, 5, 6, 6)])
        let big = try box(-10, -10, 10, 10)
        let neighbour = try box(1, 0, 2, 1)  // shares the edge x = 1 with the first part
        let index = try PointInPolygonIndex([parts, big, neighbour], targetCellCount: 64)
        #expect(try index.locate(Coordinate(x: 0.5, y: 0.5)) == 0)
        #expect(try index.locate(Coordinate(x: 5.5, y: 5.5)) == 0)
        #expect(try index.locate(Coordinate(x: 3, y: 3)) == 1, "between the parts: only the big box")
        #expect(try index.locate(Coordinate(x: 1.5, y: 0.5)) == 1, "inside both the big box and the neighbour: the lower index")
        let reordered = try PointInPolygonIndex([neighbour, parts], targetCellCount: 64)
        #expect(try reordered.locate(Coordinate(x: 1, y: 0.5)) == 0, "on the shared edge: the lower index")
        #expect(try reordered.locate(Coordinate(x: 0.99, y: 0.5)) == 1)
        #expect(try reordered.locate(Coordinate(x: 3, y: 3)) == nil)
    }

    @Test func concaveCombAcrossManyCells() throws {
        // A comb: teeth 1 wide, gaps 1 wide, its edges on and between grid lines.
        var outline: [(Double, Double)] = [(0, 0), (9, 0)]
        for tooth in stride(from: 8, through: 0, by: -2) {
            let x = Double(tooth)
            outline += [(x + 1, 10), (x, 10), (x, 1)]
        }
        outline.removeLast()  // the last tooth's foot is the start
        let comb = try Geometry.polygon(exterior: ring(outline))
        #expect(try comb.validity().isValid)
        let prepared = try PreparedGeometry(comb)
        var generator = SplitMix64(seed: 7)
        let points = probePoints(
            for: [comb], extent: Envelope(minX: -1, minY: -1, maxX: 10, maxY: 11), lattice: 0.5,
            count: 2_000, using: &generator)
        for cells in [1, 10, 99, 100, 2_500] {
            let index = try PointInPolygonIndex([comb], targetCellCount: cells)
            let answers = try index.locate(points, threads: 1)
            for (point, answer) in zip(points, answers) {
                #expect(answer == (try geosAnswer([prepared], point)), "\(point) with \(cells) cells")
            }
        }
    }

    @Test func emptyListAndEmptyGeometries() throws {
        let none = try PointInPolygonIndex([] as [Shape])
        #expect(none.geometryCount == 0)
        #expect(none.envelope == nil)
        #expect(try none.locate(Coordinate(x: 0, y: 0)) == nil)
        #expect(try none.locate([Coordinate(x: 1, y: 2), Coordinate(x: -1, y: 0)]) == [nil, nil])
        #expect(try none.locate([]) == [])

        let onlyEmpty = try PointInPolygonIndex([try Geometry.empty(.polygon), try Geometry.empty(.multiPolygon)])
        #expect(onlyEmpty.envelope == nil)
        #expect(try onlyEmpty.locate(Coordinate(x: 0, y: 0)) == nil)

        let mixed = try PointInPolygonIndex([try Geometry.empty(.polygon), try box(0, 0, 1, 1), try Geometry.empty(.multiPolygon)])
        #expect(try mixed.locate(Coordinate(x: 0.5, y: 0.5)) == 1)
        #expect(try mixed.locate(Coordinate(x: 2, y: 2)) == nil)
    }

    @Test func degeneratePolygonsAgreeWithGEOS() throws {
        // Zero-area rings: a flat one (no height) and a vertical one (no width); both only have a
        // boundary, which GEOS's point locator treats as covering the points on it.
        let flat = try Geometry.polygon(exterior: ring([(0, 0), (2, 0), (4, 0)]))
        let upright = try Geometry.polygon(exterior: ring([(7, 1), (7, 3), (7, 5)]))
        let points = [
            Coordinate(x: 1, y: 0), Coordinate(x: 4, y: 0), Coordinate(x: 1, y: 1e-9), Coordinate(x: 7, y: 2),
            Coordinate(x: 7, y: 5.5), Coordinate(x: 7.1, y: 2), Coordinate(x: -1, y: 0),
        ]
        for geometries in [[flat], [upright], [flat, upright]] {
            let prepared = try geometries.map(PreparedGeometry.init)
            let index = try PointInPolygonIndex(geometries)
            for point in points {
                #expect(try index.locate(point) == (try geosAnswer(prepared, point)), "\(point)")
            }
        }
    }

    @Test func nonPolygonalGeometriesAreRefused() throws {
        let line = try Geometry.lineString([Coordinate(x: 0, y: 0), Coordinate(x: 1, y: 1)])
        #expect {
            try PointInPolygonIndex([try box(0, 0, 1, 1), line])
        } throws: { error in
            guard let error = error as? KernelError else { return false }
            return error.index == 1 && error.reason.contains("is a LineString")
        }
        #expect(throws: KernelError.self) { try PointInPolygonIndex([try Geometry.point(x: 0, y: 0)]) }
    }

    @Test func nonFinitePointsAreRefused() throws {
        let index = try PointInPolygonIndex([try box(0, 0, 1, 1)])
        #expect(throws: KernelError.self) { try index.locate(Coordinate(x: .nan, y: 0)) }
        #expect(throws: KernelError.self) { try index.locate(Coordinate(x: 0, y: .infinity)) }
        var points = (0..<5_000).map { Coordinate(x: Double($0) / 5_000, y: 0.5) }
        points[3] = Coordinate(x: 0.5, y: .nan)
        points[4_000] = Coordinate(x: -.infinity, y: 0.5)
        for threads in [1, 2, 8] {
            #expect {
                try index.locate(points, threads: threads)
            } throws: { error in
                (error as? KernelError)?.index == 3
            }
        }
        #expect(throws: KernelError.self) { try index.locate(longitudes: [0.5, 0.25], latitudes: [0.5]) }
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func agreesWithGEOSCoversOnRandomPolygons(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        let snap: Double? = seed % 2 == 1 ? 0.25 : nil
        // A star with a hole, a two-part multipolygon overlapping it, and a small star inside the
        // first one's hole (so the hole's points go to a higher index).
        let outer = starRing(0, 0, radius: 6...10, count: 40, snap: snap, using: &generator)
        let hole = starRing(0, 0, radius: 1.5...2.5, count: 12, snap: snap, clockwise: true, using: &generator)
        let holed = try Geometry.polygon(exterior: outer, holes: [hole])
        let parts = try Geometry.multiPolygon([
            try Geometry.polygon(exterior: starRing(9, 3, radius: 2...5, count: 25, snap: snap, using: &generator)),
            try Geometry.polygon(exterior: starRing(-12, -6, radius: 1...4, count: 9, snap: snap, using: &generator)),
        ])
        let island = try Geometry.polygon(exterior: starRing(0, 0, radius: 0.5...1.2, count: 7, snap: snap, using: &generator))
        let geometries = [holed, parts, island]
        let prepared = try geometries.map(PreparedGeometry.init)
        let points = probePoints(
            for: geometries, extent: Envelope(minX: -17, minY: -11, maxX: 15, maxY: 11),
            lattice: snap, count: 3_000, using: &generator)
        // The probes must reach the hard cases: points on a boundary (covered, not contained).
        var onBoundary = 0
        for point in points {
            let geometry = try Geometry.point(point)
            if try prepared.contains(where: { try $0.covers(geometry) && !$0.contains(geometry) }) { onBoundary += 1 }
        }
        #expect(onBoundary > 80, "only \(onBoundary) probes on a boundary")
        for cells in [nil, 1, 37, 5_000] as [Int?] {
            let index = try PointInPolygonIndex(geometries, targetCellCount: cells)
            let answers = try index.locate(points)
            var mismatches: [String] = []
            for (point, answer) in zip(points, answers) {
                let expected = try geosAnswer(prepared, point)
                if answer != expected { mismatches.append("\(point): index \(String(describing: answer)), GEOS \(String(describing: expected))") }
            }
            #expect(mismatches.isEmpty, "\(cells.map(String.init) ?? "automatic") cells: \(mismatches.prefix(5))")
        }
    }

    @Test func answersDoNotDependOnTheThreadCount() throws {
        var generator = SplitMix64(seed: 42)
        let geometries = try (0..<12).map { k -> Geometry in
            let cx = Double(k % 4) * 7, cy = Double(k / 4) * 7
            return try Geometry.polygon(exterior: starRing(cx, cy, radius: 2...5, count: 30, snap: nil, using: &generator))
        }
        let points = (0..<40_000).map { _ in
            Coordinate(x: Double.random(in: -6...27, using: &generator), y: Double.random(in: -6...20, using: &generator))
        }
        let index = try PointInPolygonIndex(geometries)
        let one = try index.locate(points, threads: 1)
        #expect(try index.locate(points, threads: 2) == one)
        #expect(try index.locate(points, threads: 8) == one)
        #expect(try index.locate(points) == one)
        #expect(one.compactMap { $0 }.count > 10_000, "the polygons cover a fair share of the points")
        for position in stride(from: 0, to: points.count, by: 997) {
            #expect(try index.locate(points[position]) == one[position])
        }
    }

    @Test func concurrentQueriesOnOneIndex() async throws {
        var generator = SplitMix64(seed: 9)
        let index = try PointInPolygonIndex([try Geometry.polygon(exterior: starRing(0, 0, radius: 3...6, count: 50, snap: nil, using: &generator))])
        let points = (0..<5_000).map { _ in
            Coordinate(x: Double.random(in: -7...7, using: &generator), y: Double.random(in: -7...7, using: &generator))
        }
        let expected = try index.locate(points, threads: 1)
        try await withThrowingTaskGroup(of: [Int?].self) { group in
            for _ in 0..<4 { group.addTask { try index.locate(points, threads: 2) } }
            for try await answers in group { #expect(answers == expected) }
        }
    }

    @Test func orientationIsExactNearTheLine() {
        // Collinear in exact arithmetic, though the naive determinant need not be zero.
        #expect(PointInPolygonIndex.orientation(0.5, 0.5, 12, 12, 24, 24) == 0)
        #expect(PointInPolygonIndex.orientation(0.1, 0.1, 0.3, 0.3, 0.7, 0.7) == 0)
        // One ulp above and below the line y = x, far along it.
        #expect(PointInPolygonIndex.orientation(0.5, 0.5, 12, 12, 24, 24.0.nextUp) == 1)
        #expect(PointInPolygonIndex.orientation(0.5, 0.5, 12, 12, 24, 24.0.nextDown) == -1)
        #expect(PointInPolygonIndex.orientation(0, 0, 1, 0, 0.5, 1) == 1)
        #expect(PointInPolygonIndex.orientation(0, 0, 1, 0, 0.5, -1) == -1)
        // The exact fallback agrees with the filter wherever the filter decides.
        var generator = SplitMix64(seed: 3)
        for _ in 0..<2_000 {
            let values = (0..<6).map { _ in Double.random(in: -100...100, using: &generator) }
            #expect(
                PointInPolygonIndex.exactOrientation(values[0], values[1], values[2], values[3], values[4], values[5])
                    == PointInPolygonIndex.orientation(values[0], values[1], values[2], values[3], values[4], values[5]))
        }
    }

    @Test func noHandlesLeakWhileBuilding() throws {
        let before = LiveHandles.totalOnCurrentThread
        do {
            let geometries = [try box(0, 0, 1, 1), try box(2, 2, 3, 3)]
            let index = try PointInPolygonIndex(geometries)
            #expect(try index.locate(Coordinate(x: 2.5, y: 2.5)) == 1)
        }
        #expect(LiveHandles.totalOnCurrentThread == before)
    }
}
