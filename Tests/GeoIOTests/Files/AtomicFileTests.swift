import Foundation
import TestSupport
import Testing

@testable import GeoIO

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A fresh temporary directory, removed when the test is done (call `remove()`).
private struct ScratchDirectory {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-file-\(UUID().uuidString)")

    init() throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    func contents() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() }
    func remove() {
        chmod(url.path, 0o755)
        try? FileManager.default.removeItem(at: url)
    }
}

private func read(_ path: String) throws -> String {
    String(decoding: try InputFile.read(path: path).bytes, as: UTF8.self)
}

private struct InjectedFailure: Error {}

@Suite struct AtomicFileTests {
    @Test func writesANewFile() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try AtomicFile.write("ບ້ານ\n", to: scratch.path("out.geojson"))
        #expect(try read(scratch.path("out.geojson")) == "ບ້ານ\n")
        #expect(try scratch.contents() == ["out.geojson"])
    }

    @Test func writesAnEmptyFile() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try AtomicFile.write([UInt8](), to: scratch.path("empty"))
        #expect(try read(scratch.path("empty")) == "")
    }

    @Test func replacesAFileAndKeepsItsPermissions() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let path = scratch.path("out.geojson")
        try AtomicFile.write("old", to: path)
        #expect(chmod(path, 0o640) == 0)
        try AtomicFile.write("new", to: path)
        #expect(try read(path) == "new")
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o640)
        #expect(try scratch.contents() == ["out.geojson"])
    }

    @Test func aFailureBeforeTheRenameLeavesTheOldFileAndNoTemporaryFile() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let path = scratch.path("out.geojson")
        try AtomicFile.write("old content", to: path)
        #expect(throws: InjectedFailure.self) {
            try AtomicFile.write(Array(repeating: UInt8(ascii: "x"), count: 1 << 20), to: path, beforeRename: { throw InjectedFailure() })
        }
        #expect(try read(path) == "old content")
        #expect(try scratch.contents() == ["out.geojson"])
    }

    @Test func aMissingDirectoryIsAClearError() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let path = scratch.path("no/such/dir/out.geojson")
        let error = #expect(throws: OutputError.self) { try AtomicFile.write("x", to: path) }
        #expect(error?.file == path)
        #expect(error?.reason == "the directory \(scratch.path("no/such/dir")) does not exist")
        #expect(error?.description == "\(path): cannot be written: the directory \(scratch.path("no/such/dir")) does not exist")
    }

    @Test func aFileInTheWayOfTheDirectoryIsAClearError() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try AtomicFile.write("x", to: scratch.path("file"))
        let error = #expect(throws: OutputError.self) { try AtomicFile.write("x", to: scratch.path("file/out.geojson")) }
        #expect(error?.reason == "\(scratch.path("file")) is not a directory")
    }

    @Test func aDirectoryAsTheTargetIsRefused() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try FileManager.default.createDirectory(atPath: scratch.path("sub"), withIntermediateDirectories: false)
        let error = #expect(throws: OutputError.self) { try AtomicFile.write("x", to: scratch.path("sub")) }
        #expect(error?.reason == "it is a directory")
        #expect(try scratch.contents() == ["sub"])
    }

    @Test(.disabled(if: geteuid() == 0, "root may write to any directory"))
    func anUnwritableDirectoryIsAClearError() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try AtomicFile.write("old", to: scratch.path("out.geojson"))
        #expect(chmod(scratch.url.path, 0o555) == 0)
        let error = #expect(throws: OutputError.self) { try AtomicFile.write("new", to: scratch.path("out.geojson")) }
        #expect(error?.reason.hasPrefix("cannot create a file in \(scratch.url.path): Permission denied") == true)
        #expect(try read(scratch.path("out.geojson")) == "old")
    }

    #if os(Linux)
        /// Even root cannot create files in /proc: an unwritable directory whoever runs the tests.
        @Test func aDirectoryNobodyCanWriteIsAClearError() throws {
            let error = #expect(throws: OutputError.self) { try AtomicFile.write("x", to: "/proc/coverage-atomic-file-test.geojson") }
            #expect(error?.reason.hasPrefix("cannot create a file in /proc: ") == true)
            #expect(!FileManager.default.fileExists(atPath: "/proc/coverage-atomic-file-test.geojson"))
        }
    #endif

    @Test func itsTemporaryFilesAreKnownByName() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        var seen: [String] = []
        try AtomicFile.write(Array("x".utf8), to: scratch.path("gaps.csv"), beforeRename: { seen = try scratch.contents() })
        #expect(seen.count == 1, "only the temporary file before the rename")
        let temporary = try #require(seen.first { $0 != "gaps.csv" })
        #expect(AtomicFile.isTemporaryName(temporary), "\(temporary)")
        for name in [".gaps.csv.tmp-12-345", ".a.b.tmp-1-2"] { #expect(AtomicFile.isTemporaryName(name), "\(name)") }
        for name in ["gaps.csv.tmp-12-345", ".tmp-1-2", ".gaps.csv.tmp-12", ".gaps.csv.tmp-12-x", ".gaps.csv.tmp--1", "notes.txt"] {
            #expect(!AtomicFile.isTemporaryName(name), "\(name)")
        }
    }

    @Test func theCheckBeforeAnyWorkFindsWhatCannotBeWrittenAndLeavesNothing() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try AtomicFile.checkWritable(scratch.path("new.geojson"))
        try AtomicFile.write("x", to: scratch.path("file"))
        #expect(throws: OutputError(file: scratch.path("missing/a.geojson"), reason: "the directory \(scratch.path("missing")) does not exist")) {
            try AtomicFile.checkWritable(scratch.path("missing/a.geojson"))
        }
        #expect(throws: OutputError(file: scratch.path("file/a.geojson"), reason: "\(scratch.path("file")) is not a directory")) {
            try AtomicFile.checkWritable(scratch.path("file/a.geojson"))
        }
        #expect(throws: OutputError(file: scratch.url.path, reason: "it is a directory")) { try AtomicFile.checkWritable(scratch.url.path) }
        #expect(try scratch.contents() == ["file"])
        #if os(Linux)
            #expect(throws: OutputError(file: "/proc/a.geojson", reason: "cannot create a file in /proc: No such file or directory")) {
                try AtomicFile.checkWritable("/proc/a.geojson")
            }
        #endif
    }

    @Test func concurrentWritersNeverInterleave() async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let path = scratch.path("out.txt")
        let contents = (0..<8).map { String(repeating: Character(UnicodeScalar(UInt8(ascii: "a") + UInt8($0))), count: 200_000) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for content in contents {
                group.addTask { try AtomicFile.write(content, to: path) }
            }
            try await group.waitForAll()
        }
        #expect(contents.contains(try read(path)))
        #expect(try scratch.contents() == ["out.txt"])
    }
}
