import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Removing a folder and everything in it, the way a staging folder and an interrupted run need
/// it: symbolic links are removed, never followed; names are handled as bytes (no decoding); and
/// a part that is already gone counts as removed, so that two removers racing (the run and its
/// signal handler) both succeed.
package enum FileTree {
    /// Removes `path` (a file, a link or a folder with its contents).
    /// - Returns: whether nothing is left at `path`.
    @discardableResult
    package static func remove(_ path: String) -> Bool {
        if unlink(path) == 0 || errno == ENOENT { return true }
        guard errno == EISDIR || errno == EPERM else { return false }
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return errno == ENOENT }
        let emptied = removeContents(of: descriptor)
        return (rmdir(path) == 0 || errno == ENOENT) && emptied
    }

    /// Removes everything in the open folder `descriptor` (which it closes).
    private static func removeContents(of descriptor: Int32) -> Bool {
        guard let directory = fdopendir(descriptor) else {
            close(descriptor)
            return false
        }
        defer { closedir(directory) }
        var emptied = true
        while let entry = readdir(directory) {
            let removed = withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                let name = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
                if strcmp(name, ".") == 0 || strcmp(name, "..") == 0 { return true }
                if unlinkat(descriptor, name, 0) == 0 || errno == ENOENT { return true }
                guard errno == EISDIR || errno == EPERM else { return false }
                let child = openat(descriptor, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                guard child >= 0 else { return errno == ENOENT }
                let inner = removeContents(of: child)
                return (unlinkat(descriptor, name, AT_REMOVEDIR) == 0 || errno == ENOENT) && inner
            }
            emptied = emptied && removed
        }
        return emptied
    }
}
