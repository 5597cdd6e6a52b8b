internal import CGEOS

/// A packed R-tree (Sort-Tile-Recursive) over a fixed list of geometries, answering envelope
/// queries and nearest-neighbour queries with item indices into that list.
///
/// `Sendable` because it is complete when the initializer returns: GEOS 3.11 builds the tree on
/// its first query, which would race when two threads query a fresh tree, so the initializer
/// makes that first query itself. After that GEOS only reads the tree. A tree with no non-empty
/// geometry is never handed to GEOS for a query (nothing to build, nothing to find). Each call
/// runs on the GEOS context of the calling thread.
public final class STRtree: @unchecked Sendable {
    /// The indexed geometries; query results are indices into this array. Empty geometries keep
    /// their index but are never found.
    public let geometries: [Geometry]
    private let tree: OpaquePointer
    private let insertedCount: Int

    /// Builds the tree over `geometries` with `nodeCapacity` children per node (at least 2).
    ///
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS cannot create the tree or insert an item.
    /// - Note: Wraps `GEOSSTRtree_create_r` and `GEOSSTRtree_insert_r`, and builds the tree with a
    ///   first `GEOSSTRtree_query_r`; freed with `GEOSSTRtree_destroy_r`.
    public init(_ geometries: [Geometry], nodeCapacity: Int = 10) throws {
        self.geometries = geometries
        let context = ThreadResources.current.geos
        context.clearMessages()
        guard let tree = GEOSSTRtree_create_r(context.handle, max(2, nodeCapacity)) else { throw context.error("GEOSSTRtree_create_r") }  // NULL on exception
        self.tree = tree
        LiveHandles.created(.strTree)
        var inserted = 0
        for (index, geometry) in geometries.enumerated() where !geometry.isEmpty {
            GEOSSTRtree_insert_r(context.handle, tree, geometry.handle.pointer, Self.item(index))  // no status; errors go to the handler
            inserted += 1
        }
        insertedCount = inserted
        if let message = context.lastError { throw GeometryError(source: .geos, operation: "GEOSSTRtree_insert_r", message: message) }
        // Force the lazy build now, before anyone can share the tree.
        if inserted > 0 {
            let probe = try Geometry.point(x: 0, y: 0)
            GEOSSTRtree_query_r(context.handle, tree, probe.handle.pointer, { _, _ in }, nil)  // no status
            if let message = context.lastError { throw GeometryError(source: .geos, operation: "GEOSSTRtree_query_r", message: message) }
        }
    }

    deinit {
        GEOSSTRtree_destroy_r(ThreadResources.current.geos.handle, tree)
        LiveHandles.freed(.strTree)
    }

    /// Indices of the geometries whose envelopes intersect `envelope` (boundaries included), in
    /// ascending order; none for an envelope whose minimum exceeds its maximum.
    ///
    /// - Throws: ``GeometryError``: `.invalidArgument` for a NaN or infinite bound, `.geos` when
    ///   GEOS raises an exception.
    /// - Note: Thread-safe. Wraps `GEOSSTRtree_query_r`.
    public func query(_ envelope: Envelope) throws -> [Int] {
        let corners = [Coordinate(x: envelope.minX, y: envelope.minY), Coordinate(x: envelope.maxX, y: envelope.maxY)]
        guard corners.allSatisfy(\.isFinite) else {
            throw GeometryError(
                source: .invalidArgument, operation: "GEOSSTRtree_query_r",
                message: "the query envelope \(envelope) has a bound that is not finite")
        }
        guard envelope.minX <= envelope.maxX, envelope.minY <= envelope.maxY else { return [] }
        // A two-point line string's envelope is the query box, also when the box is degenerate.
        return try query(intersecting: Geometry.lineString(corners))
    }

    /// Indices of the geometries whose envelopes intersect the envelope of `geometry`, ascending
    /// (a candidate list: test the exact predicate on each); none for an empty geometry.
    ///
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS raises an exception.
    /// - Note: Thread-safe. Wraps `GEOSSTRtree_query_r`.
    public func query(intersecting geometry: Geometry) throws -> [Int] {
        guard insertedCount > 0 else { return [] }
        var found: [Int] = []
        let context = ThreadResources.current.geos
        context.clearMessages()
        withUnsafeMutablePointer(to: &found) { results in
            GEOSSTRtree_query_r(
                context.handle, tree, geometry.handle.pointer,
                { item, userData in  // no status
                    guard let userData else { return }
                    userData.assumingMemoryBound(to: [Int].self).pointee.append(STRtree.index(item))
                }, results)
        }
        if let message = context.lastError { throw GeometryError(source: .geos, operation: "GEOSSTRtree_query_r", message: message) }
        return found.sorted()
    }

    /// The index of the geometry nearest to `geometry` by planar distance, ties broken by the
    /// lowest index; nil when the tree holds no non-empty geometry or `geometry` is empty.
    ///
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS raises an exception.
    /// - Note: Thread-safe. Wraps `GEOSSTRtree_nearest_generic_r` (with `GEOSDistance_r` as the
    ///   distance), then `GEOSSTRtree_query_r` and `GEOSDistance_r` over the candidates at that
    ///   distance so that the answer does not depend on the tree's traversal order.
    public func nearest(to geometry: Geometry) throws -> Int? {
        try nearestWithDistance(to: geometry)?.index
    }

    /// The index of the nearest geometry (ties: lowest index) and its planar distance, in the
    /// units of the coordinates; nil when the tree holds no non-empty geometry or `geometry` is empty.
    ///
    /// - Throws: ``GeometryError`` (`.geos`) when GEOS raises an exception.
    /// - Note: Thread-safe. Wraps `GEOSSTRtree_nearest_generic_r`, `GEOSSTRtree_query_r` and `GEOSDistance_r`.
    public func nearestWithDistance(to geometry: Geometry) throws -> (index: Int, distance: Double)? {
        guard insertedCount > 0, !geometry.isEmpty, let queryEnvelope = geometry.envelope else { return nil }
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
        guard let item else { return nil }
        let found = STRtree.index(UnsafeMutableRawPointer(mutating: item))
        var best = (index: found, distance: try geometries[found].planarDistance(to: geometry))
        // Every geometry at the same distance has its envelope within that distance of the query's.
        let reach = Envelope(
            minX: queryEnvelope.minX - best.distance, minY: queryEnvelope.minY - best.distance,
            maxX: queryEnvelope.maxX + best.distance, maxY: queryEnvelope.maxY + best.distance)
        for candidate in try query(reach) where candidate != found {
            let distance = try geometries[candidate].planarDistance(to: geometry)
            if distance < best.distance || (distance == best.distance && candidate < best.index) {
                best = (candidate, distance)
            }
        }
        return best
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
