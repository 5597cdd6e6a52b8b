#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What each thread keeps for itself: its GEOS context, its PROJ context and its live-handle
/// counts. Created on a thread's first GeometryKit call, reused by every later call on that
/// thread, and released when the thread ends (a pthread key destructor).
///
/// Never shared between threads: GEOS and PROJ contexts are not thread-safe, but one context
/// per thread is (the discipline shapely and pyproj follow).
final class ThreadResources {
    var liveHandles = [Int](repeating: 0, count: HandleKind.allCases.count)
    private var geosContext: GEOSContext?
    private var projContext: PROJContext?

    /// The calling thread's GEOS context, created on first use.
    var geos: GEOSContext {
        if let geosContext { return geosContext }
        let created = GEOSContext()
        geosContext = created
        return created
    }

    /// The calling thread's PROJ context, created on first use.
    var proj: PROJContext {
        if let projContext { return projContext }
        let created = PROJContext()
        projContext = created
        return created
    }

    /// The calling thread's resources, if it has any yet (none while the thread is ending).
    static var existing: ThreadResources? {
        guard let raw = pthread_getspecific(threadResourcesKey) else { return nil }
        return Unmanaged<ThreadResources>.fromOpaque(raw).takeUnretainedValue()
    }

    /// The calling thread's resources, created on first use.
    static var current: ThreadResources {
        if let existing { return existing }
        let resources = ThreadResources()
        pthread_setspecific(threadResourcesKey, Unmanaged.passRetained(resources).toOpaque())
        return resources
    }
}

private let threadResourcesKey: pthread_key_t = {
    var key = pthread_key_t()
    let status = pthread_key_create(&key) { raw in
        guard let raw else { return }
        Unmanaged<ThreadResources>.fromOpaque(raw).release()
    }
    precondition(status == 0, "pthread_key_create failed: \(status)")
    return key
}()
