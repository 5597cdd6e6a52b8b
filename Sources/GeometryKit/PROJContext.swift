import CPROJ

/// One thread's PROJ context (`proj_context_create`) and the transformations created on it,
/// cached by source and target CRS so that a thread builds each transformation once.
/// Obtain it with `ThreadResources.current.proj`; never share it between threads.
final class PROJContext {
    let handle: OpaquePointer
    private var transforms: [String: TransformHandle] = [:]

    init() {
        guard let handle = proj_context_create() else { fatalError("proj_context_create returned NULL (out of memory)") }
        self.handle = handle
        proj_log_level(handle, PJ_LOG_NONE)  // errors are read back with proj_context_errno instead
    }

    deinit {
        transforms.removeAll()  // destroy the transformations before their context
        proj_context_destroy(handle)
    }

    func error(_ operation: String) -> GeometryError {
        let code = proj_context_errno(handle)
        let message = proj_context_errno_string(handle, code).map { String(cString: $0) } ?? "PROJ error \(code)"
        return GeometryError(source: .proj, operation: operation, message: message)
    }

    /// The transformation from `source` to `target` on this thread, with axes in
    /// longitude/easting-first order whatever the CRS definitions say.
    func transform(from source: String, to target: String) throws -> TransformHandle {
        let key = source + "\u{0}" + target
        if let cached = transforms[key] { return cached }
        guard let raw = proj_create_crs_to_crs(handle, source, target, nil) else {  // NULL on error
            throw error("proj_create_crs_to_crs(\(source) → \(target))")
        }
        defer { proj_destroy(raw) }
        guard let normalized = proj_normalize_for_visualization(handle, raw) else {  // NULL on error
            throw error("proj_normalize_for_visualization")
        }
        let created = TransformHandle(normalized, context: self)
        transforms[key] = created
        return created
    }
}

/// Owns one PROJ transformation object (`PJ*`) and destroys it in `deinit`.
final class TransformHandle {
    let pointer: OpaquePointer
    private unowned let context: PROJContext

    init(_ pointer: OpaquePointer, context: PROJContext) {
        self.pointer = pointer
        self.context = context
        LiveHandles.created(.projTransform)
    }

    deinit {
        proj_destroy(pointer)
        LiveHandles.freed(.projTransform)
    }
}
