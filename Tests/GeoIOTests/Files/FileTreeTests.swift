import Foundation
import TestSupport
import Testing

@testable import GeoIO

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite struct FileTreeTests {
    /// Removes a tree with a link to a folder outside (the outside is kept) and a name that is
    /// not UTF-8.
    @Test func removesATreeWithoutFollowingLinks() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let outside = root.appendingPathComponent("outside"), doomed = root.appendingPathComponent("doomed")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: doomed.appendingPathComponent("a/b"), withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: outside.appendingPathComponent("keep.txt"))
        try Data("x".utf8).write(to: doomed.appendingPathComponent("a/b/c.txt"))
        try FileManager.default.createSymbolicLink(atPath: doomed.appendingPathComponent("a/link").path, withDestinationPath: outside.path)
        let bytes = Array(doomed.path.utf8) + Array("/caf".utf8) + [0xE9, 0]
        let descriptor = bytes.withUnsafeBufferPointer {
            open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_WRONLY | O_CREAT, 0o644)
        }
        try #require(descriptor >= 0)
        close(descriptor)

        #expect(FileTree.remove(doomed.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["outside"])
        #expect(try String(contentsOf: outside.appendingPathComponent("keep.txt"), encoding: .utf8) == "keep")
        #expect(FileTree.remove(doomed.path), "what is gone counts as removed")
    }
}
