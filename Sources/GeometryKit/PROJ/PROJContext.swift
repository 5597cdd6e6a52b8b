internal import CPROJ

/// One thread's PROJ context (`proj_context_create`) and the transformations created on it,
/// cached by source and target CRS so that a thread builds each transformation once.
/// Obtain it with `ThreadResources.current.proj`; never share it between threads.
///
/// PROJ's error messages ("crs not found", "Invalid latitude", …) go to its log, not to
/// `proj_context_errno` (which only gives a code such as 4096, "Unknown error"). The context
/// therefore installs a log function (`proj_log_func`) at level `PJ_LOG_ERROR` that keeps the
/// messages of the call in progress, and ``error(_:)`` puts them into the ``GeometryError``.
final class PROJContext {
    let handle: OpaquePointer
    private var transforms: [String: TransformHandle] = [:]
    /// The error messages PROJ logged on this context since ``clearMessages()``.
    private(set) var messages: [String] = []

    init() {
        guard let handle = proj_context_create() else { fatalError("proj_context_create returned NULL (out of memory)") }
        self.handle = handle
        proj_log_func(handle, Unmanaged.passUnretained(self).toOpaque()) { userData, level, message in
            guard let userData, let message, level <= PJ_LOG_ERROR.rawValue else { return }
            Unmanaged<PROJContext>.fromOpaque(userData).takeUnretainedValue().messages.append(String(cString: message))
        }
        proj_log_level(handle, PJ_LOG_ERROR)
    }

    deinit {
        transforms.removeAll()  // destroy the transformations before their context
        proj_context_destroy(handle)
    }

    func clearMessages() {
        messages.removeAll(keepingCapacity: true)
    }

    /// The error of the call in progress: PROJ's logged messages, else its error code's text.
    func error(_ operation: String) -> GeometryError {
        if !messages.isEmpty {
            return GeometryError(source: .proj, operation: operation, message: messages.joined(separator: "; "))
        }
        let code = proj_context_errno(handle)
        let message = proj_context_errno_string(handle, code).map { String(cString: $0) } ?? "PROJ error \(code)"
        return GeometryError(source: .proj, operation: operation, message: message)
    }

    /// The text PROJ gives for an error code (`proj_context_errno_string`).
    func describe(errorCode code: Int32) -> String {
        proj_context_errno_string(handle, code).map { String(cString: $0) } ?? "PROJ error \(code)"
    }

    /// The transformation from `source` to `target` on this thread, with axes in
    /// longitude/easting-first order whatever the CRS definitions say.
    func transform(from source: String, to target: String) throws -> TransformHandle {
        clearMessages()
        let key = source + "\u{0}" + target
        if let cached = transforms[key] { return cached }
        guard let raw = proj_create_crs_to_crs(handle, source, target, nil) else {  // NULL on error
            throw error("proj_create_crs_to_crs(\(source) → \(target))")
        }
        defer { proj_destroy(raw) }
        guard let normalized = proj_normalize_for_visualization(handle, raw) else {  // NULL on error
            throw error("proj_normalize_for_visualization(\(source) → \(target))")
        }
        let created = TransformHandle(normalized)
        transforms[key] = created
        return created
    }
}

/// Owns one PROJ transformation object (`PJ*`) and destroys it in `deinit`. Lives in its
/// thread's ``PROJContext`` cache, which destroys it before the context.
final class TransformHandle {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
        LiveHandles.created(.projTransform)
    }

    deinit {
        proj_destroy(pointer)
        LiveHandles.freed(.projTransform)
    }
}
