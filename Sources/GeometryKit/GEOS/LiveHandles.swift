/// The kinds of C handle GeometryKit owns; each has one owning class that frees it in `deinit`.
public enum HandleKind: Int, CaseIterable, Sendable {
    /// An owned `GEOSGeometry*` (borrowed sub-geometries do not count).
    case geometry
    /// A `GEOSPreparedGeometry*` (``PreparedGeometry``).
    case preparedGeometry
    /// A `GEOSSTRtree*` (``STRtree``).
    case strTree
    /// A `GEOSWKTReader*` (``WKTReader``).
    case wktReader
    /// A `GEOSWKTWriter*` (``WKTWriter``).
    case wktWriter
    /// A `GEOSWKBReader*` (``WKBReader``).
    case wkbReader
    /// A `GEOSWKBWriter*` (``WKBWriter``).
    case wkbWriter
    /// A PROJ `PJ*` transformation, cached per thread for ``CoordinateTransform``.
    case projTransform
}

/// Counts the C handles that are alive, so that tests can prove every handle is freed.
///
/// Counts are kept per thread (in the thread's ``ThreadResources``): a handle counts +1 on the
/// thread that creates it and −1 on the thread that frees it. A synchronous piece of work that
/// keeps its values on one thread therefore sees its count return to where it started, whatever
/// other threads (other tests running in parallel) are doing. Per-thread PROJ transforms that are
/// cached for reuse stay alive until their thread ends, and count while they do.
public enum LiveHandles {
    /// Handles of `kind` created minus handles of `kind` freed on the calling thread (negative
    /// when this thread freed handles another thread created).
    ///
    /// - Note: Thread-safe: reads the calling thread's own counters.
    public static func onCurrentThread(_ kind: HandleKind) -> Int {
        ThreadResources.current.liveHandles[kind.rawValue]
    }

    /// All handles created minus all handles freed on the calling thread: zero on a fresh thread,
    /// and zero again when its work is done, but for its cached PROJ transformations.
    ///
    /// - Note: Thread-safe: reads the calling thread's own counters.
    public static var totalOnCurrentThread: Int {
        ThreadResources.current.liveHandles.reduce(0, +)
    }

    static func created(_ kind: HandleKind) {
        ThreadResources.current.liveHandles[kind.rawValue] += 1
    }

    static func freed(_ kind: HandleKind) {
        // While a thread ends its resources are already detached; nothing is left to count on.
        ThreadResources.existing?.liveHandles[kind.rawValue] -= 1
    }
}
