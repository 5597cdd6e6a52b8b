import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An output folder replaced as a whole or not at all: a run's files are made in a hidden staging
/// folder beside it (`.NAME.coverage-staging-PID`, in the same parent, so on the same file
/// system), and the staging folder takes the folder's place only once it is complete, by one
/// atomic exchange of the two (Linux's `renameat2(RENAME_EXCHANGE)`; elsewhere three renames
/// with no interruption handled between them). The previous contents are removed after that.
/// Until the exchange the folder is exactly as it was; after it, it holds exactly the new files.
/// A failure, SIGINT, SIGTERM or SIGHUP removes the staging folder (see ``Interruption``).
///
/// Whether an existing folder may be replaced is the caller's rule (``init(_:refusal:)``): a
/// folder is never emptied without it.
public struct StagedFolder: Sendable {
    /// The folder as the user named it (for messages).
    public let path: String
    /// The folder as named, made absolute (what summaries print).
    public let url: URL
    /// The real folder: symbolic links resolved, so that a link to a folder is followed, not
    /// replaced by a folder.
    let target: String
    /// The real folder's parent, where the staging folder goes.
    let parent: String
    /// The folders that must be made before the staging folder can be, outermost first.
    let missingFolders: [String]
    /// The permissions of the existing folder, given to its replacement; nil when there is none.
    let existingMode: mode_t?
    /// The caller's rule: why an existing folder must not be replaced, or nil.
    let refusal: @Sendable (URL) -> String?

    /// Checks, before any work, that the folder at `path` can be written and replaced, so that a
    /// run fails at once rather than after its computation: the folder or its nearest existing
    /// ancestor must be a folder (not a file), writable (a folder is made and removed there to
    /// find out, so that a read-only file system and missing rights are both caught, whoever
    /// runs it), not a mount point, and `refusal` must return nil for an existing folder (it
    /// returns why its contents must not be replaced; it is asked again just before the swap).
    /// - Throws: ``OutputError`` saying why not.
    public init(_ path: String, refusal: @escaping @Sendable (URL) -> String?) throws {
        self.path = path
        self.refusal = refusal
        url = URL(fileURLWithPath: path)
        let absolute = url.standardizedFileURL.path
        guard absolute != "/" else { throw OutputError(file: path, reason: "the root folder cannot be an output folder") }

        var status = stat()
        if lstat(absolute, &status) == 0 {
            guard let resolved = Self.realPath(absolute) else {
                throw OutputError(file: path, reason: "it is a symbolic link to a folder that does not exist")
            }
            guard stat(resolved, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
                throw OutputError(file: path, reason: "it is a file, not a folder: give a folder for the outputs")
            }
            guard resolved != "/" else { throw OutputError(file: path, reason: "the root folder cannot be an output folder") }
            target = resolved
            parent = (resolved as NSString).deletingLastPathComponent
            missingFolders = []
            existingMode = status.st_mode & 0o7777
            var parentStatus = stat()
            if stat(parent, &parentStatus) == 0, parentStatus.st_dev != status.st_dev {
                throw OutputError(
                    file: path, reason: "it is a mount point, which cannot be replaced by another folder: give a folder inside it")
            }
            if let unwritable = Self.firstUnwritableFolder(in: resolved) {
                throw OutputError(file: path, reason: "\(unwritable) is read-only, so the previous outputs could not be replaced")
            }
            if let refused = refusal(URL(fileURLWithPath: resolved, isDirectory: true)) {
                throw OutputError(file: path, reason: refused)
            }
        } else {
            // Not there yet: the nearest existing ancestor must be a folder it can be made in.
            var components = (absolute as NSString).pathComponents
            var missing: [String] = []
            while components.count > 1 && lstat(NSString.path(withComponents: components), &status) != 0 {
                missing.insert(components.removeLast(), at: 0)
            }
            let ancestor = NSString.path(withComponents: components)
            guard let resolved = Self.realPath(ancestor), stat(resolved, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
                throw OutputError(file: path, reason: "\(ancestor) is a file, not a folder")
            }
            // The missing folders, under the real ancestor.
            let folders = missing.indices.map { index in NSString.path(withComponents: [resolved] + missing[...index]) }
            target = folders.last!
            parent = (target as NSString).deletingLastPathComponent
            missingFolders = Array(folders.dropLast())
            existingMode = nil
        }
        try probe()
    }

    /// The staging folder of this process.
    var staging: String { parent + "/." + (target as NSString).lastPathComponent + ".coverage-staging-\(getpid())" }

    /// Makes a folder where the staging folder will go (the parent, or its nearest existing
    /// ancestor) and removes it: the one sure test that folders can be made there.
    private func probe() throws {
        let place = missingFolders.first.map { ($0 as NSString).deletingLastPathComponent } ?? parent
        let probe = place + "/." + (target as NSString).lastPathComponent + ".coverage-probe-\(getpid())"
        guard mkdir(probe, 0o700) == 0 || errno == EEXIST else {
            throw OutputError(file: path, reason: "no folder can be made in \(place): \(Self.systemMessage(errno))")
        }
        rmdir(probe)
    }

    /// Makes the new contents: `write` fills the staging folder it is given; once it returns, the
    /// staging folder takes the place of the folder and the previous contents are removed.
    /// On any error (and on an interruption) the staging folder is removed and the folder is
    /// as it was.
    /// - Throws: ``OutputError`` when a folder cannot be made or swapped into place, or what
    ///   `write` throws.
    public func replace<Result>(_ write: (URL) throws -> Result) throws -> Result {
        removeStaleStagingFolders()
        var made: [String] = []
        var swapped = false
        defer {
            if !swapped {
                for folder in made.reversed() {
                    rmdir(folder)
                    Interruption.forget(folder)
                }
            }
        }
        for folder in missingFolders {
            var failure: Int32 = 0
            let created = Interruption.creating(folder, target: nil, onlyIfEmpty: true) {
                if mkdir(folder, 0o777) == 0 { return true }
                failure = errno
                return false
            }
            if created {
                made.append(folder)
            } else if failure != EEXIST {
                throw OutputError(file: path, reason: "the folder \(folder) cannot be made: \(Self.systemMessage(failure))")
            }
        }

        let staging = staging
        var failure: Int32 = 0
        let created = Interruption.creating(staging, target: path, onlyIfEmpty: false) {
            if mkdir(staging, 0o777) == 0 { return true }
            failure = errno
            return false
        }
        guard created else {
            throw OutputError(file: path, reason: "the staging folder \(staging) cannot be made: \(Self.systemMessage(failure))")
        }
        defer {
            if !swapped {
                FileTree.remove(staging)
                Interruption.forget(staging)
            }
        }
        if let existingMode { chmod(staging, existingMode) }
        TestPause.at("staged")
        let result = try write(URL(fileURLWithPath: staging, isDirectory: true))
        TestPause.at("swap")
        // Asked again: a file put in the folder while the run worked is not deleted either.
        var status = stat()
        if lstat(target, &status) == 0, let refused = refusal(URL(fileURLWithPath: target, isDirectory: true)) {
            throw OutputError(file: path, reason: refused)
        }
        try Interruption.swapping(staging, keeping: made) { try swapIntoPlace(staging) }
        swapped = true
        // The staging path now holds the previous contents, if there were any.
        let removed = FileTree.remove(staging)
        Interruption.forget(staging)
        guard removed else {
            throw OutputError(
                file: path, reason: "the new outputs are in place, but the previous ones, moved to \(staging), could not all be removed")
        }
        return result
    }

    /// Puts `staging` in the place of the folder; afterwards `staging` holds the previous
    /// contents (or does not exist when there were none).
    private func swapIntoPlace(_ staging: String) throws {
        var status = stat()
        guard lstat(target, &status) == 0 else {
            guard rename(staging, target) == 0 else {
                throw OutputError(file: path, reason: "the staging folder could not be moved into place: \(Self.systemMessage(errno))")
            }
            return
        }
        if Self.exchange(staging, target) { return }
        // No atomic exchange here: three renames, which no interruption can come between.
        let previous = staging + ".previous"
        guard rename(target, previous) == 0 else {
            throw OutputError(file: path, reason: "the previous outputs could not be moved aside: \(Self.systemMessage(errno))")
        }
        guard rename(staging, target) == 0 else {
            let reason = Self.systemMessage(errno)
            rename(previous, target)
            throw OutputError(file: path, reason: "the staging folder could not be moved into place: \(reason)")
        }
        rename(previous, staging)
    }

    /// Exchanges two paths atomically when the system can (Linux 3.15 and later, on the file
    /// systems that support it); false when it cannot, having changed nothing.
    private static func exchange(_ first: String, _ second: String) -> Bool {
        #if canImport(Glibc)
            // renameat2 is a GNU extension the Glibc module does not import: found at run time.
            typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return false }
            let renameExchange: UInt32 = 1 << 1
            return unsafeBitCast(symbol, to: RenameAt2.self)(AT_FDCWD, first, AT_FDCWD, second, renameExchange) == 0
        #else
            return false
        #endif
    }

    /// Removes staging folders beside the folder left by runs that were killed (SIGKILL, a power
    /// cut): those of this folder whose process no longer exists.
    private func removeStaleStagingFolders() {
        let prefix = "." + (target as NSString).lastPathComponent + ".coverage-staging-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        for name in names where name.hasPrefix(prefix) {
            let digits = name.dropFirst(prefix.count).prefix { $0.isASCII && $0.isNumber }
            guard let pid = pid_t(digits), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            FileTree.remove(parent + "/" + name)
        }
    }

    /// The first folder in `folder` (itself included) whose entries cannot be removed.
    private static func firstUnwritableFolder(in folder: String) -> String? {
        if access(folder, W_OK | X_OK) != 0 { return folder }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return nil }
        for name in names.sorted() {
            var status = stat()
            let child = folder + "/" + name
            if lstat(child, &status) == 0, status.st_mode & S_IFMT == S_IFDIR, let found = firstUnwritableFolder(in: child) { return found }
        }
        return nil
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func systemMessage(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
