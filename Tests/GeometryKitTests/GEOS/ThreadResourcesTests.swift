import Foundation
import TestSupport
import Testing

@testable import GeometryKit

/// The thread rules: one GEOS and one PROJ context per thread, and values that many tasks share
/// at once (one polygon, one STRtree, one transform) giving the single-threaded answers.
/// Run under `swift test --sanitize=thread` and `--sanitize=address` as well.
@Suite struct ThreadResourcesTests {
    @Test func eachThreadHasItsOwnContexts() throws {
        let here = (ObjectIdentifier(ThreadResources.current.geos), ObjectIdentifier(ThreadResources.current.proj))
        let there = try onNewThread {
            (
                ObjectIdentifier(ThreadResources.current.geos), ObjectIdentifier(ThreadResources.current.proj),
                ThreadResources.current.geos === ThreadResources.current.geos
            )
        }
        #expect(here.0 != there.0)
        #expect(here.1 != there.1)
        #expect(there.2)
    }

    /// What the tasks share: built once, before any task starts, then only read.
    struct Shared: Sendable {
        let district: Geometry  // one real polygon (LA1204 Hinboon, 71 vertices)
        let emptyPolygon: Geometry
        let tree: STRtree  // 600 points, segments and squares over the district's box
        let toUTM: CoordinateTransform
        let envelope: Envelope

        init() throws {
            district = try GoldenFixtures.geometries("districts.geojson")[3]
            emptyPolygon = try Geometry.empty(.polygon)
            envelope = try #require(district.envelope)
            var random = SplitMix64(seed: 0x7EA5)
            var items: [Geometry] = []
            for index in 0..<600 {
                let x = random.uniform(envelope.minX, envelope.maxX), y = random.uniform(envelope.minY, envelope.maxY)
                switch index % 3 {
                case 0: items.append(try Geometry.point(x: x, y: y))
                case 1: items.append(try Geometry.lineString(coords([(x, y), (x + 0.01, y + 0.02)])))
                default: items.append(try Geometry.polygon(exterior: squareRing(x, y, 0.005)))
                }
            }
            tree = try STRtree(items)
            toUTM = try CoordinateTransform.fromWGS84(to: "EPSG:32648")
        }
    }

    /// Everything one task computes; compared with `==` to the single-threaded answers, since the
    /// same inputs through the same code must give the same bits whatever the thread.
    struct Answers: Equatable, Sendable {
        var predicates: [Bool] = []
        var nearest: [Int] = []
        var nearestDistances: [Double] = []
        var candidates: [[Int]] = []
        var overlayAreas: [Double] = []
        var geodesic: [Double] = []
        var utm: [Coordinate] = []
        var text: [String] = []
    }

    /// Task `task`'s work: seeded by its number, on the shared values and on values of its own,
    /// yielding between steps so that the task may resume on another thread (its own reader,
    /// writer and prepared geometry must follow it there).
    static func work(_ task: Int, _ shared: Shared, yielding: Bool) async throws -> Answers {
        var random = SplitMix64(seed: UInt64(task) &* 0x9E37_79B9 &+ 1)
        var answers = Answers()
        let prepared = try PreparedGeometry(shared.district)
        let reader = try WKTReader(), writer = try WKTWriter(decimals: 9)
        let box = shared.envelope
        for _ in 0..<12 {
            let point = try Geometry.point(x: random.uniform(box.minX - 0.05, box.maxX + 0.05), y: random.uniform(box.minY - 0.05, box.maxY + 0.05))
            answers.predicates += [
                try shared.district.contains(point), try point.within(shared.district), try shared.district.intersects(point),
                try prepared.contains(point), try prepared.covers(point), try shared.emptyPolygon.intersects(point),
                try shared.district.isWithinDistance(0.01, of: point),
            ]
            if yielding { await Task.yield() }
            let found = try #require(try shared.tree.nearestWithDistance(to: point))
            answers.nearest.append(found.index)
            answers.nearestDistances.append(found.distance)
            let c = point.coordinates[0]
            answers.candidates.append(try shared.tree.query(Envelope(minX: c.x - 0.02, minY: c.y - 0.02, maxX: c.x + 0.02, maxY: c.y + 0.02)))
            if yielding { await Task.yield() }
            let disc = try point.buffer(distance: 0.03)
            answers.overlayAreas += [try shared.district.intersection(disc).planarArea(), try disc.difference(shared.district).planarArea()]
            answers.geodesic.append(try Geodesic.wgs84.distanceMeters(from: c, to: Coordinate(lon: 104.5, lat: 17.8)))
            answers.utm.append(try shared.toUTM.apply(c))
            if yielding { await Task.yield() }
            answers.text.append(try writer.write(try reader.read(try writer.write(disc.envelopeGeometry()))))
        }
        return answers
    }

    @Test func sixtyFourTasksAgreeWithOneThread() async throws {
        let shared = try Shared()
        var expected: [Answers] = []
        for task in 0..<64 { expected.append(try await Self.work(task, shared, yielding: false)) }
        let results = try await withThrowingTaskGroup(of: (Int, Answers).self) { group in
            for task in 0..<64 {
                group.addTask { (task, try await Self.work(task, shared, yielding: true)) }
            }
            var results = [Answers?](repeating: nil, count: 64)
            for try await (task, answers) in group { results[task] = answers }
            return results
        }
        for task in 0..<64 {
            #expect(results[task] == expected[task], "task \(task)")
        }
        // The work was not trivial: some points inside, some outside, some overlay area.
        #expect(expected.flatMap(\.predicates).contains(true) && expected.flatMap(\.predicates).contains(false))
        #expect(expected.flatMap(\.overlayAreas).contains { $0 > 0 })
    }

    @Test func tasksReadingOneFreshGeometryAtOnce() async throws {
        // Geometries made just before the tasks start and never read by this thread first:
        // their envelopes must already be computed (GEOS 3.11 fills them lazily otherwise).
        let fresh = try Geometry(wkt: "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 4 2, 4 4, 2 2))")
        let freshEmpty = try Geometry.empty(.multiPolygon)
        let freshTree = try STRtree(try (0..<200).map { try Geometry.point(x: Double($0 % 20), y: Double($0 / 20)) })
        @Sendable func insideCount(_ task: Int) throws -> Int {
            var inside = 0
            for step in 0..<50 {
                let point = try Geometry.point(x: Double((task + step) % 12) - 0.5, y: Double(step % 11) + 0.5)
                if try fresh.contains(point) { inside += 1 }
                if try freshEmpty.intersects(point) { inside += 1000 }  // never
                if try freshTree.nearest(to: point) == nil { inside += 1000 }  // never
            }
            return inside
        }
        let counts = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
            for task in 0..<64 { group.addTask { (task, try insideCount(task)) } }
            var counts = [Int](repeating: -1, count: 64)
            for try await (task, count) in group { counts[task] = count }
            return counts
        }
        // Afterwards, on this thread: the same answers. Points with x in (0, 10) and y in (0, 10)
        // outside the hole's triangle are inside: plenty, but not all.
        for task in 0..<64 { #expect(counts[task] == (try insideCount(task)), "task \(task)") }
        #expect(counts.allSatisfy { $0 > 0 && $0 < 50 })
    }
}
