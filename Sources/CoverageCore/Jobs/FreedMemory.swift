#if canImport(Glibc)
    import Glibc
#endif

/// Gives back to the system the memory the allocator holds freed. glibc keeps what a thread frees
/// in that thread's arena, in the middle of which it stays resident: after a village layer of
/// 200 MB is parsed on a thread of its own, or the Voronoi cells of its villages made on another,
/// hundreds of megabytes would stay resident, unused, for the rest of the run. glibc's
/// `malloc_trim` returns them (milliseconds); Swift's Glibc module does not declare it, so it is
/// looked up by name. Nothing to do elsewhere.
enum FreedMemory {
    static func release() {
        #if canImport(Glibc)
            _ = trim?(0)
        #endif
    }

    #if canImport(Glibc)
        private typealias Trim = @convention(c) (Int) -> Int32
        private static let trim: Trim? = dlsym(dlopen(nil, RTLD_NOW), "malloc_trim").map { unsafeBitCast($0, to: Trim.self) }
    #endif
}
