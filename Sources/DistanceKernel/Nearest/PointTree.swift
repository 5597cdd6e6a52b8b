/// A static k-d tree over 3-D points (facilities), for the few searches the kernel makes per grid
/// cell and for queries that fall outside a cell's plan. Leaves hold up to ``leafSize`` points;
/// each node keeps its bounding box, which prunes better than the split plane alone.
///
/// A final class over buffers it allocates and frees, read through raw pointers in the searches
/// (no reference counting, no bounds checks). `@unchecked Sendable`: nothing is written after
/// `init`, so concurrent searches are safe. Ties (equal squared distances) go to the lower
/// facility index: pruning keeps boxes at exactly the current worst distance.
final class PointTree: @unchecked Sendable {
    static let leafSize = 8

    struct Node {
        var lower: Int32  // first point position
        var upper: Int32  // one past the last
        var left: Int32  // child node, -1 for a leaf
        var right: Int32
        var minX, minY, minZ, maxX, maxY, maxZ: Double

        @inline(__always)
        func squaredDistance(to q: Vector3) -> Double {
            let dx = max(minX - q.x, 0, q.x - maxX)
            let dy = max(minY - q.y, 0, q.y - maxY)
            let dz = max(minZ - q.z, 0, q.z - maxZ)
            return dx * dx + dy * dy + dz * dz
        }
    }

    /// Points in tree order, with their facility index.
    let points: UnsafeMutableBufferPointer<Vector3>
    let ids: UnsafeMutableBufferPointer<Int32>
    let nodes: UnsafeMutableBufferPointer<Node>

    var isEmpty: Bool { nodeCount == 0 }

    init(_ source: [Vector3]) {
        var order = Array(0..<Int32(source.count))
        var built: [Node] = []
        built.reserveCapacity(max(1, 2 * source.count / Self.leafSize + 2))
        if !source.isEmpty {
            source.withUnsafeBufferPointer { sourceBuffer in
                order.withUnsafeMutableBufferPointer { orderBuffer in
                    _ = Self.build(sourceBuffer, orderBuffer, 0, source.count, &built)
                }
            }
        }
        points = .allocate(capacity: max(1, source.count))
        ids = .allocate(capacity: max(1, source.count))
        nodes = .allocate(capacity: max(1, built.count))
        for (position, id) in order.enumerated() {
            points[position] = source[Int(id)]
            ids[position] = id
        }
        for (position, node) in built.enumerated() { nodes[position] = node }
        nodeCount = built.count
    }

    private let nodeCount: Int

    deinit {
        points.deallocate()
        ids.deallocate()
        nodes.deallocate()
    }

    private static func build(
        _ source: UnsafeBufferPointer<Vector3>, _ order: UnsafeMutableBufferPointer<Int32>,
        _ lower: Int, _ upper: Int, _ nodes: inout [Node]
    ) -> Int32 {
        var node = Node(
            lower: Int32(lower), upper: Int32(upper), left: -1, right: -1,
            minX: .infinity, minY: .infinity, minZ: .infinity, maxX: -.infinity, maxY: -.infinity, maxZ: -.infinity)
        for position in lower..<upper {
            let p = source[Int(order[position])]
            node.minX = min(node.minX, p.x)
            node.maxX = max(node.maxX, p.x)
            node.minY = min(node.minY, p.y)
            node.maxY = max(node.maxY, p.y)
            node.minZ = min(node.minZ, p.z)
            node.maxZ = max(node.maxZ, p.z)
        }
        let index = Int32(nodes.count)
        nodes.append(node)
        guard upper - lower > leafSize else { return index }
        let spreadX = node.maxX - node.minX, spreadY = node.maxY - node.minY, spreadZ = node.maxZ - node.minZ
        let axis = spreadX >= spreadY && spreadX >= spreadZ ? 0 : spreadY >= spreadZ ? 1 : 2
        let middle = (lower + upper) / 2
        select(source, order, lower, upper, middle, axis)
        let left = build(source, order, lower, middle, &nodes)
        let right = build(source, order, middle, upper, &nodes)
        nodes[Int(index)].left = left
        nodes[Int(index)].right = right
        return index
    }

    /// Quickselect: afterwards order[k] holds the point with the k-th smallest coordinate on `axis`
    /// in [lower, upper), smaller ones before it and larger ones after it.
    private static func select(
        _ source: UnsafeBufferPointer<Vector3>, _ order: UnsafeMutableBufferPointer<Int32>,
        _ lower: Int, _ upper: Int, _ k: Int, _ axis: Int
    ) {
        @inline(__always) func key(_ position: Int) -> Double {
            let p = source[Int(order[position])]
            return axis == 0 ? p.x : axis == 1 ? p.y : p.z
        }
        var low = lower, high = upper - 1
        while low < high {
            let pivot = key((low + high) / 2)
            var i = low, j = high
            while i <= j {
                while key(i) < pivot { i += 1 }
                while key(j) > pivot { j -= 1 }
                if i <= j {
                    order.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j { high = j } else if k >= i { low = i } else { return }
        }
    }

    /// The `best.capacity` nearest points to `q`, merged into `best`.
    func nearest(to q: Vector3, into best: inout NearestList) {
        guard nodeCount > 0 else { return }
        search(0, q, &best)
    }

    private func search(_ nodeIndex: Int32, _ q: Vector3, _ best: inout NearestList) {
        let node = nodes[Int(nodeIndex)]
        if node.left < 0 {
            for position in Int(node.lower)..<Int(node.upper) {
                best.offer(points[position].squaredDistance(to: q), ids[position])
            }
            return
        }
        let left = nodes[Int(node.left)].squaredDistance(to: q)
        let right = nodes[Int(node.right)].squaredDistance(to: q)
        let (first, firstDistance, second, secondDistance) =
            left <= right
            ? (node.left, left, node.right, right) : (node.right, right, node.left, left)
        if firstDistance <= best.worstKey { search(first, q, &best) }
        if secondDistance <= best.worstKey { search(second, q, &best) }
    }

    /// Calls `body` with the facility index, point and squared distance of every point within
    /// `radiusSquared` of `q` (inclusive).
    func forEach(within radiusSquared: Double, of q: Vector3, _ body: (Int32, Vector3, Double) -> Void) {
        guard nodeCount > 0 else { return }
        forEach(0, radiusSquared, q, body)
    }

    private func forEach(_ nodeIndex: Int32, _ radiusSquared: Double, _ q: Vector3, _ body: (Int32, Vector3, Double) -> Void) {
        let node = nodes[Int(nodeIndex)]
        guard node.squaredDistance(to: q) <= radiusSquared else { return }
        if node.left < 0 {
            for position in Int(node.lower)..<Int(node.upper) {
                let d2 = points[position].squaredDistance(to: q)
                if d2 <= radiusSquared { body(ids[position], points[position], d2) }
            }
        } else {
            forEach(node.left, radiusSquared, q, body)
            forEach(node.right, radiusSquared, q, body)
        }
    }
}

/// The k best found so far, by (key, facility index) ascending; the key is a squared chord in
/// tree searches and a distance in metres where geodesics are ranked.
///
/// Non-copyable over storage it allocates once: a search reuses one list for every query of a
/// chunk, so the hot loops allocate nothing (k is small, so insertion shifts are cheap).
struct NearestList: ~Copyable {
    let capacity: Int
    private let keyStorage: UnsafeMutablePointer<Double>
    private let idStorage: UnsafeMutablePointer<Int32>
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = capacity
        keyStorage = .allocate(capacity: max(1, capacity))
        idStorage = .allocate(capacity: max(1, capacity))
    }

    deinit {
        keyStorage.deallocate()
        idStorage.deallocate()
    }

    /// The keys, best first.
    var keys: UnsafeBufferPointer<Double> { UnsafeBufferPointer(start: keyStorage, count: count) }
    /// The facility indices, best first.
    var ids: UnsafeBufferPointer<Int32> { UnsafeBufferPointer(start: idStorage, count: count) }

    mutating func removeAll() { count = 0 }

    /// The key a candidate must not exceed to enter (infinite until full).
    var worstKey: Double { count < capacity ? .infinity : keyStorage[count - 1] }

    @inline(__always)
    mutating func offer(_ key: Double, _ id: Int32) {
        if count == capacity {
            let worst = keyStorage[count - 1]
            guard key < worst || (key == worst && id < idStorage[count - 1]) else { return }
            count -= 1
        }
        var position = count
        while position > 0 && (keyStorage[position - 1] > key || (keyStorage[position - 1] == key && idStorage[position - 1] > id)) {
            keyStorage[position] = keyStorage[position - 1]
            idStorage[position] = idStorage[position - 1]
            position -= 1
        }
        keyStorage[position] = key
        idStorage[position] = id
        count += 1
    }
}
