internal import CGEOS

/// One thread's GEOS context (`GEOS_init_r`), with the error and notice handlers that capture
/// GEOS's messages for the call in progress.
///
/// Obtain it with `ThreadResources.current.geos`; never share it between threads. Every GEOS call
/// in GeometryKit goes through one of the helpers below, which clear the message buffer before
/// the call and turn GEOS's return convention into a ``GeometryError``.
final class GEOSContext {
    let handle: GEOSContextHandle_t
    /// The last error message GEOS reported on this context since the buffer was cleared.
    private(set) var lastError: String?
    /// The last notice GEOS reported (warnings such as "Self-intersection at …").
    private(set) var lastNotice: String?

    init() {
        guard let handle = GEOS_init_r() else { fatalError("GEOS_init_r returned NULL (out of memory)") }
        self.handle = handle
        let me = Unmanaged.passUnretained(self).toOpaque()
        GEOSContext_setErrorMessageHandler_r(
            handle,
            { message, userData in
                guard let message, let userData else { return }
                Unmanaged<GEOSContext>.fromOpaque(userData).takeUnretainedValue().lastError = String(cString: message)
            }, me)
        GEOSContext_setNoticeMessageHandler_r(
            handle,
            { message, userData in
                guard let message, let userData else { return }
                Unmanaged<GEOSContext>.fromOpaque(userData).takeUnretainedValue().lastNotice = String(cString: message)
            }, me)
    }

    deinit { GEOS_finish_r(handle) }

    func clearMessages() {
        lastError = nil
        lastNotice = nil
    }

    func error(_ operation: String) -> GeometryError {
        GeometryError(source: .geos, operation: operation, message: lastError ?? "GEOS reported a failure without a message")
    }

    /// Calls the GEOS constructor of an owned handle (a reader, a writer; NULL on exception) and
    /// counts it live as `kind`; the owner frees it with ``freeHandle(_:_:)``.
    func newHandle(_ operation: String, _ kind: HandleKind, _ create: (GEOSContextHandle_t) -> OpaquePointer?) throws -> OpaquePointer {
        clearMessages()
        guard let pointer = create(handle) else { throw error(operation) }
        LiveHandles.created(kind)
        return pointer
    }

    /// Frees an owned handle of `kind` on the calling thread's context (from a `deinit`).
    static func freeHandle(_ kind: HandleKind, _ destroy: (GEOSContextHandle_t) -> Void) {
        destroy(ThreadResources.current.geos.handle)
        LiveHandles.freed(kind)
    }

    /// Calls a GEOS function that returns a new geometry, or NULL on exception, and takes ownership.
    func newGeometry(_ operation: String, _ call: (GEOSContextHandle_t) -> OpaquePointer?) throws -> Geometry {
        clearMessages()
        guard let pointer = call(handle) else { throw error(operation) }
        return Geometry(GeometryHandle(owning: pointer, context: self))
    }

    /// Calls a GEOS predicate: 1 true, 0 false, 2 on exception.
    func predicate(_ operation: String, _ call: (GEOSContextHandle_t) -> CChar) throws -> Bool {
        clearMessages()
        switch call(handle) {
        case 1: return true
        case 0: return false
        default: throw error(operation)
        }
    }

    /// Calls a GEOS function that returns a status: 0 on exception, anything else on success.
    func status(_ operation: String, _ call: (GEOSContextHandle_t) -> Int32) throws {
        clearMessages()
        if call(handle) == 0 { throw error(operation) }
    }

    /// Calls a GEOS function that writes a double through a pointer and returns 0 on exception.
    func double(_ operation: String, _ call: (GEOSContextHandle_t, UnsafeMutablePointer<Double>) -> Int32) throws -> Double {
        var value = 0.0
        try status(operation) { call($0, &value) }
        return value
    }

    /// Calls a GEOS function that returns a string GEOS allocated (NULL on exception) and frees it
    /// with `GEOSFree_r`.
    func string(_ operation: String, _ call: (GEOSContextHandle_t) -> UnsafeMutablePointer<CChar>?) throws -> String {
        clearMessages()
        guard let raw = call(handle) else { throw error(operation) }
        defer { GEOSFree_r(handle, raw) }
        return String(cString: raw)
    }
}
