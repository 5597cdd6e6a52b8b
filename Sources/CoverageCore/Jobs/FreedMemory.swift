import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Keeps the memory glibc's allocator holds freed small. glibc gives each thread an arena of its
/// own (up to eight per core), and memory freed in one arena is reused only by that arena's
/// threads; what a thread frees stays resident in the middle of its arena. Both functions are
/// glibc's (`mallopt`, `malloc_trim`), which Swift's Glibc module does not declare: they are looked
/// up by name. Nothing to do elsewhere.
package enum FreedMemory {
    /// Gives back to the system what the arenas hold freed: after a village layer of 200 MB is
    /// parsed on a thread of its own, or the Voronoi cells of its villages made on another,
    /// hundreds of megabytes would stay resident, unused, for the rest of the run (milliseconds).
    package static func release() {
        #if canImport(Glibc)
            _ = trim?(0)
        #endif
    }

    /// Limits the arenas to one per core, the number of worker threads by default. Measured with
    /// `coverage report` on a layer of 637,425 villages (Benchmarks/README.md, memory) on 2 cores:
    /// peak 1.9 GB with glibc's default, 1.55 GB with two arenas, at the same speed; one arena
    /// gave 1.34 GB but made the shipped report 40 % slower (the threads wait for its lock).
    /// Call it first thing in `main`.
    package static func limitArenas(to count: Int = ProcessInfo.processInfo.activeProcessorCount) {
        #if canImport(Glibc)
            // M_ARENA_MAX in malloc.h.
            _ = option?(-8, Int32(clamping: max(1, count)))
        #endif
    }

    #if canImport(Glibc)
        private typealias Trim = @convention(c) (Int) -> Int32
        /// Not under a sanitizer: the heap is then the sanitizer's, and glibc's arenas, unused and
        /// perhaps never set up, crash `malloc_trim` when two threads trim them at once (seen under
        /// ThreadSanitizer).
        private static let trim: Trim? =
            ["__tsan_init", "__asan_init"].contains { (name: String) in dlsym(dlopen(nil, RTLD_NOW), name) != nil }
            ? nil : dlsym(dlopen(nil, RTLD_NOW), "malloc_trim").map { unsafeBitCast($0, to: Trim.self) }
        private typealias Option = @convention(c) (Int32, Int32) -> Int32
        private static let option: Option? = dlsym(dlopen(nil, RTLD_NOW), "mallopt").map { unsafeBitCast($0, to: Option.self) }
    #endif
}
