import TestSupport
import Testing

@testable import DistanceKernel

@Suite("PointTree")
struct PointTreeTests {
    /// `count` points with about a third duplicated (exact copies), on a scale like the kernel's
    /// (ECEF metres), plus queries of which some sit exactly on points.
    static func pointSet(count: Int, seed: UInt64) -> (points: [Vector3], queries: [Vector3]) {
        var random = SplitMix64(seed: seed)
        var points: [Vector3] = []
        for _ in 0..<count {
            if !points.isEmpty && random.index(3) == 0 {
                points.append(points[random.index(points.count)])
            } else {
                points.append(Vector3(x: random.uniform(-7e6, 7e6), y: random.uniform(-7e6, 7e6), z: random.uniform(-1e5, 1e5)))
            }
        }
        var queries: [Vector3] = []
        for index in 0..<150 {
            if index % 5 == 0 && !points.isEmpty {
                queries.append(points[random.index(points.count)])
            } else {
                queries.append(Vector3(x: random.uniform(-8e6, 8e6), y: random.uniform(-8e6, 8e6), z: random.uniform(-2e5, 2e5)))
            }
        }
        return (points, queries)
    }

    static func squaredDistance(_ a: Vector3, _ b: Vector3) -> Double {
        let dx = a.x - b.x, dy = a.y - b.y, dz = a.z - b.z
        return dx * dx + dy * dy + dz * dz
    }

    /// Brute force: every point by (squared distance, index).
    static func ranked(_ points: [Vector3], _ q: Vector3) -> [(id: Int32, d2: Double)] {
        points.indices.map { (Int32($0), squaredDistance(points[$0], q)) }
            .sorted { $0.d2 < $1.d2 || ($0.d2 == $1.d2 && $0.id < $1.id) }
    }

    @Test("k nearest equal brute force, ties by index", arguments: [0, 1, 7, 8, 9, 17, 100, 1_000])
    func nearestEqualsBruteForce(count: Int) {
        let (points, queries) = Self.pointSet(count: count, seed: UInt64(count) + 1)
        let tree = PointTree(points)
        #expect(tree.isEmpty == points.isEmpty)
        let capacities = count <= 100 ? [1, 4, 25, count + 3] : [1, 4, 25]
        var failures = Failures()
        for q in queries {
            let ranked = Self.ranked(points, q)
            for capacity in capacities {
                var list = NearestList(capacity: capacity)
                tree.nearest(to: q, into: &list)
                let expected = ranked.prefix(capacity)
                failures.check(
                    Array(list.ids) == expected.map(\.id) && Array(list.keys) == expected.map(\.d2),
                    "capacity \(capacity) at \(q): tree \(Array(list.ids)), brute force \(expected.map(\.id))")
            }
        }
        failures.expectNone("searches differing from brute force (\(count) points)")
    }

    @Test("range search equals brute force, inclusive", arguments: [0, 1, 9, 100, 1_000])
    func rangeEqualsBruteForce(count: Int) {
        let (points, queries) = Self.pointSet(count: count, seed: UInt64(count) + 100)
        let tree = PointTree(points)
        var random = SplitMix64(seed: 5)
        var failures = Failures()
        for q in queries {
            let ranked = Self.ranked(points, q)
            // A squared radius exactly at some point's squared distance (it must be included), and a random one.
            var radiiSquared = [random.uniform(0, 3e6) * random.uniform(0, 3e6)]
            if !ranked.isEmpty { radiiSquared.append(ranked[random.index(ranked.count)].d2) }
            for radiusSquared in radiiSquared {
                var found: [Int32] = []
                tree.forEach(within: radiusSquared, of: q) { id, point, d2 in
                    found.append(id)
                    failures.check(d2 == Self.squaredDistance(point, q) && d2 <= radiusSquared, "d2 of \(id) reported as \(d2)")
                    failures.check(Self.squaredDistance(points[Int(id)], point) == 0, "the point reported is not facility \(id)'s")
                }
                let expected = ranked.filter { $0.d2 <= radiusSquared }.map(\.id).sorted()
                failures.check(found.sorted() == expected, "r² \(radiusSquared) at \(q): tree \(found.sorted()), brute force \(expected)")
            }
        }
        failures.expectNone("range searches differing from brute force (\(count) points)")
    }

    @Test("all points equal: the lowest indices win")
    func allEqual() {
        let point = Vector3(x: 1, y: 2, z: 3)
        let tree = PointTree([Vector3](repeating: point, count: 50))
        var list = NearestList(capacity: 5)
        tree.nearest(to: Vector3(x: 10, y: 10, z: 10), into: &list)
        #expect(Array(list.ids) == [0, 1, 2, 3, 4])
        var count = 0
        tree.forEach(within: 0, of: point) { _, _, _ in count += 1 }
        #expect(count == 50)
    }

    @Test("an empty tree finds nothing")
    func emptyTree() {
        let tree = PointTree([])
        #expect(tree.isEmpty)
        var list = NearestList(capacity: 3)
        tree.nearest(to: Vector3(x: 0, y: 0, z: 0), into: &list)
        #expect(list.count == 0)
        tree.forEach(within: .infinity, of: Vector3(x: 0, y: 0, z: 0)) { _, _, _ in Issue.record("an empty tree reported a point") }
    }

    @Test("NearestList keeps the best by (key, index)")
    func nearestList() {
        var list = NearestList(capacity: 3)
        #expect(list.worstKey == .infinity)
        list.offer(5, 7)
        list.offer(5, 2)
        #expect(list.worstKey == .infinity)
        list.offer(9, 1)
        #expect(Array(list.ids) == [2, 7, 1] && list.worstKey == 9)
        list.offer(9, 0)  // ties the worst with a lower index: replaces it
        #expect(Array(list.ids) == [2, 7, 0])
        list.offer(9, 4)  // ties the worst with a higher index: stays out
        #expect(Array(list.ids) == [2, 7, 0])
        list.offer(1, 9)
        #expect(Array(list.ids) == [9, 2, 7] && Array(list.keys) == [1, 5, 5])
        list.removeAll()
        #expect(list.count == 0 && list.worstKey == .infinity)
    }
}
