import Foundation
import Synchronization
import TestSupport
import Testing

@testable import GeoIO

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

private struct InjectedFailure: Error {}

/// Every entry under `folder` (hidden ones too), relative: a file's text, or "/" for a folder.
private func tree(_ folder: URL) throws -> [String: String] {
    try folderSnapshot(folder).mapValues { data in data.map { String(decoding: $0, as: UTF8.self) } ?? "/" }
}

private func write(_ text: String, _ url: URL) throws {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
}

/// A folder may always be replaced.
private let anyFolder: @Sendable (URL) -> String? = { _ in nil }

@Suite struct StagedFolderTests {
    @Test func makesANewFolderAndTheFoldersAboveIt() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("a/b/out")
        let folder = try StagedFolder(out.path, refusal: anyFolder)
        #expect(try tree(root) == [:], "the check makes nothing")
        let names = try folder.replace { staging in
            try write("1", staging.appendingPathComponent("one.csv"))
            try write("2", staging.appendingPathComponent("sub/two.csv"))
            return ["one.csv", "sub/two.csv"]
        }
        #expect(names == ["one.csv", "sub/two.csv"])
        #expect(try tree(root) == ["a": "/", "a/b": "/", "a/b/out": "/", "a/b/out/one.csv": "1", "a/b/out/sub": "/", "a/b/out/sub/two.csv": "2"])
    }

    @Test func replacesAFolderAsAWholeOnlyOnceTheWriteIsComplete() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        try write("old", out.appendingPathComponent("old.csv"))
        try write("old map", out.appendingPathComponent("north/map.svg"))
        #expect(chmod(out.path, 0o750) == 0)
        let folder = try StagedFolder(out.path, refusal: anyFolder)
        try folder.replace { staging in
            // Beside the folder, hidden, named after it and the process; the folder untouched meanwhile.
            #expect(staging.deletingLastPathComponent().resolvingSymlinksInPath().path == root.resolvingSymlinksInPath().path)
            #expect(staging.lastPathComponent == ".out.coverage-staging-\(getpid())")
            #expect(try tree(out) == ["old.csv": "old", "north": "/", "north/map.svg": "old map"])
            try write("new", staging.appendingPathComponent("new.csv"))
        }
        #expect(try tree(root) == ["out": "/", "out/new.csv": "new"])
        let mode = (try FileManager.default.attributesOfItem(atPath: out.path)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o750)
    }

    @Test func aFailingWriteChangesNothing() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        try write("old", out.appendingPathComponent("old.csv"))
        #expect(throws: InjectedFailure.self) {
            try StagedFolder(out.path, refusal: anyFolder).replace { staging in
                try write("half", staging.appendingPathComponent("new.csv"))
                throw InjectedFailure()
            }
        }
        #expect(try tree(root) == ["out": "/", "out/old.csv": "old"])

        // A new folder: neither it nor the folders made for it are left.
        #expect(throws: InjectedFailure.self) {
            try StagedFolder(root.appendingPathComponent("x/y/new").path, refusal: anyFolder).replace { staging in
                try write("half", staging.appendingPathComponent("new.csv"))
                throw InjectedFailure()
            }
        }
        #expect(try tree(root) == ["out": "/", "out/old.csv": "old"])
    }

    @Test func theRefusalIsAskedOfAnExistingFolderOnlyAndIsTheError() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        let asked = Mutex<[String]>([])
        _ = try StagedFolder(out.path) { folder in
            asked.withLock { $0.append(folder.path) }
            return "never"
        }
        #expect(asked.withLock { $0 }.isEmpty)
        try write("mine", out.appendingPathComponent("notes.txt"))
        let error = #expect(throws: OutputError.self) {
            try StagedFolder(out.path) { folder in
                asked.withLock { $0.append(folder.path) }
                return "it holds notes.txt"
            }
        }
        #expect(error == OutputError(file: out.path, reason: "it holds notes.txt"))
        #expect(asked.withLock { $0 }.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path } == [out.resolvingSymlinksInPath().path])
        #expect(try tree(out) == ["notes.txt": "mine"])
    }

    /// A file put in the folder while the run works is found before the swap: the run fails,
    /// the folder keeps it.
    @Test func theRefusalIsAskedAgainBeforeTheSwap() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: false)
        let folder = try StagedFolder(out.path) { folder in
            FileManager.default.fileExists(atPath: folder.appendingPathComponent("notes.txt").path) ? "it holds notes.txt" : nil
        }
        #expect(throws: OutputError(file: out.path, reason: "it holds notes.txt")) {
            try folder.replace { staging in
                try write("new", staging.appendingPathComponent("new.csv"))
                try write("mine", out.appendingPathComponent("notes.txt"))
            }
        }
        #expect(try tree(root) == ["out": "/", "out/notes.txt": "mine"])
    }

    @Test func whatCannotBeAFolderIsRefusedAtOnce() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("file")
        try write("x", file)
        #expect(throws: OutputError(file: file.path, reason: "it is a file, not a folder: give a folder for the outputs")) {
            try StagedFolder(file.path, refusal: anyFolder)
        }
        let below = file.appendingPathComponent("sub/out").path
        #expect(throws: OutputError(file: below, reason: "\(file.path) is a file, not a folder")) {
            try StagedFolder(below, refusal: anyFolder)
        }
        #expect(throws: OutputError(file: "/", reason: "the root folder cannot be an output folder")) {
            try StagedFolder("/", refusal: anyFolder)
        }
        let link = root.appendingPathComponent("dangling")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: root.appendingPathComponent("gone").path)
        #expect(throws: OutputError(file: link.path, reason: "it is a symbolic link to a folder that does not exist")) {
            try StagedFolder(link.path, refusal: anyFolder)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == ["dangling", "file"])
    }

    #if os(Linux)
        /// Even root cannot make a folder in /proc: an unwritable place whoever runs the tests.
        @Test func aPlaceNobodyCanWriteIsRefusedAtOnce() throws {
            #expect(throws: OutputError(file: "/proc/out", reason: "no folder can be made in /proc: No such file or directory")) {
                try StagedFolder("/proc/out", refusal: anyFolder)
            }
        }
    #endif

    /// A link to a folder is followed: the real folder is replaced, the link stays a link.
    @Test func aLinkToAFolderStaysALink() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let real = root.appendingPathComponent("disk/real")
        try write("old", real.appendingPathComponent("old.csv"))
        let link = root.appendingPathComponent("out")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: real.path)
        try StagedFolder(link.path, refusal: anyFolder).replace { staging in
            #expect(staging.deletingLastPathComponent().lastPathComponent == "disk")
            try write("new", staging.appendingPathComponent("new.csv"))
        }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == real.path)
        #expect(try tree(real) == ["new.csv": "new"])
        #expect(try tree(root.appendingPathComponent("disk")) == ["real": "/", "real/new.csv": "new"])
    }

    /// Staging folders left by killed runs of this folder go; a live process's, and other
    /// folders' staging folders, stay.
    @Test func stagingFoldersOfKilledRunsAreRemoved() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        // A process that has ended: its id names no process (until the system reuses it).
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let dead = ended.processIdentifier
        try #require(kill(dead, 0) != 0 && errno == ESRCH)
        try write("left", root.appendingPathComponent(".out.coverage-staging-\(dead)/big.geojson"))
        try write("left", root.appendingPathComponent(".out.coverage-staging-\(dead).removing/x"))
        try write("live", root.appendingPathComponent(".out.coverage-staging-1/x"))
        try write("other", root.appendingPathComponent(".other.coverage-staging-\(dead)/x"))
        try StagedFolder(root.appendingPathComponent("out").path, refusal: anyFolder).replace { _ in }
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == [
                ".other.coverage-staging-\(dead)", ".out.coverage-staging-1", "out",
            ])
    }
}
