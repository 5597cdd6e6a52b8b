import CGEOS

/// A packed R-tree (Sort-Tile-Recursive) over a fixed list of geometries, answering envelope
/// queries and nearest-neighbour queries with item indices into that list.
///
/// `Sendable` because it is complete when the initializer returns: GEOS 3.11 builds the tree on
/// its first query, which would race when two threads query a fresh tree, so the initializer
/// makes that first query itself. After that GEOS only reads the tree.
public final class STRtree: @unchecked Sendable {
    /// The indexed geometries; query results are indices into this array.
    public let geometries: [Geometry]
    private let tree: OpaquePointer

    /// Builds the tree over `geometries` with `nodeCapacity` children per node (at least 2).
    /// Wraps `GEOSSTRtree_create_r` and `GEOSSTRtree_insert_r`.
    public init(_ geometries: [Geometry], nodeCapacity: Int = 10) throws {
        self.geometries = geometries
        let context = ThreadResources.current.geos
        context.clearMessages()
        guard let tree = GEOSSTRtree_create_r(context.handle, max(2, nodeCapacity)) else { throw context.error("GEOSSTRtree_create_r") }  // NULL on exception
        self.tree = tree
        LiveHandles.created(.strTree)
        for (index, geometry) in geometries.enumerated() where !geometry.isEmpty {
            GEOSSTRtree_insert_r(context.handle, tree, geometry.handle.pointer, Self.item(index))  // no status; errors go to the handler
        }
        if let message = context.lastError { throw GeometryError(source: .geos, operation: "GEOSSTRtree_insert_r", message: message) }
        // Force the lazy build now, before anyone can share the tree.
        let probe = try Geometry.point(x: 0, y: 0)
        GEOSSTRtree_query_r(context.handle, tree, probe.handle.pointer, { _, _ in }, nil)
    }

    deinit {
        GEOSSTRtree_destroy_r(ThreadResources.current.geos.handle, tree)
        LiveHandles.freed(.strTree)
    }

    /// Indices of the geometries whose envelopes intersect `envelope`, in ascending order.
    /// Wraps `GEOSSTRtree_query_r`.
    public func query(_ envelope: Envelope) throws -> [Int] {
        let box: Geometry
        if envelope.width == 0 && envelope.height == 0 {
            box = try Geometry.point(x: envelope.minX, y: envelope.minY)
        } else {
            box = try Geometry.polygon(exterior: [
                Coordinate(x: envelope.minX, y: envelope.minY), Coordinate(x: envelope.maxX, y: envelope.minY),
                Coordinate(x: envelope.maxX, y: envelope.maxY), Coordinate(x: envelope.minX, y: envelope.maxY),
                Coordinate(x: envelope.minX, y: envelope.minY),
            ])
        }
        return try query(intersecting: box)
    }

    /// Indices of the geometries whose envelopes intersect the envelope of `geometry`, ascending.
    /// (A candidate list: test the exact predicate on each.) Wraps `GEOSSTRtree_query_r`.
    public func query(intersecting geometry: Geometry) throws -> [Int] {
        var found: [Int] = []
        let context = ThreadResources.current.geos
        context.clearMessages()
        withUnsafeMutablePointer(to: &found) { results in
            GEOSSTRtree_query_r(context.handle, tree, geometry.handle.pointer, { item, userData in
                guard let userData else { return }
                userData.assumingMemoryBound(to: [Int].self).pointee.append(STRtree.index(item))
            }, results)
        }
        if let message = context.lastError { throw GeometryError(source: .geos, operation: "GEOSSTRtree_query_r", message: message) }
        return found.sorted()
    }

    /// The index of the geometry nearest to `geometry` by planar distance (ties: any of the
    /// nearest), or nil when the tree is empty. Wraps `GEOSSTRtree_nearest_generic_r`.
    public func nearest(to geometry: Geometry) throws -> Int? {
        guard geometries.contains(where: { !$0.isEmpty }), !geometry.isEmpty else { return nil }
        let context = ThreadResources.current.geos
        context.clearMessages()
        var search = NearestSearch(geometries: geometries, query: geometry, context: context.handle)
        let item = withUnsafeMutablePointer(to: &search) { searchPointer in
            GEOSSTRtree_nearest_generic_r(
                context.handle, tree, UnsafeRawPointer(bitPattern: -1), geometry.handle.pointer,
                { item1, item2, distance, userData in
                    guard let userData, let distance else { return 0 }
                    let search = userData.assumingMemoryBound(to: NearestSearch.self).pointee
                    // One of the two items is the query (marked -1); the other an indexed geometry.
                    let other = Int(bitPattern: item1) == -1 ? item2 : item1
                    let geometry = search.geometries[STRtree.index(UnsafeMutableRawPointer(mutating: other))]
                    return GEOSDistance_r(search.context, geometry.handle.pointer, search.query.handle.pointer, distance)  // 0 on exception
                }, searchPointer)  // NULL on exception or empty tree
        }
        if let message = context.lastError { throw GeometryError(source: .geos, operation: "GEOSSTRtree_nearest_generic_r", message: message) }
        return item.map { STRtree.index(UnsafeMutableRawPointer(mutating: $0)) }
    }

    private struct NearestSearch {
        let geometries: [Geometry]
        let query: Geometry
        let context: GEOSContextHandle_t
    }

    // Items are stored as index + 1 so that index 0 is not a null pointer.
    private static func item(_ index: Int) -> UnsafeMutableRawPointer? {
        UnsafeMutableRawPointer(bitPattern: index + 1)
    }

    private static func index(_ item: UnsafeMutableRawPointer?) -> Int {
        Int(bitPattern: item) - 1
    }
}
