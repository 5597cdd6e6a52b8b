import TestSupport
import Testing

@testable import GeometryKit

/// The per-thread PROJ context: its transformation cache and its error messages.
@Suite struct PROJContextTests {
    @Test func eachTransformationIsBuiltOncePerThread() throws {
        let context = ThreadResources.current.proj
        let first = try context.transform(from: "EPSG:4326", to: "EPSG:32647")
        let count = LiveHandles.onCurrentThread(.projTransform)
        let second = try context.transform(from: "EPSG:4326", to: "EPSG:32647")
        #expect(first === second)
        for _ in 0..<20 { _ = try CoordinateTransform.fromWGS84(to: "EPSG:32647").apply(Coordinate(lon: 100, lat: 18)) }
        #expect(LiveHandles.onCurrentThread(.projTransform) == count)
        #expect(try context.transform(from: "EPSG:32647", to: "EPSG:4326") !== first)
    }

    @Test func theContextIsTheThreadsOwn() {
        #expect(ThreadResources.current.proj === ThreadResources.current.proj)
    }

    @Test func errorsCarryTheLoggedMessageOfTheFailingCallOnly() throws {
        let context = ThreadResources.current.proj
        #expect(throws: GeometryError.self) { try context.transform(from: "EPSG:4326", to: "EPSG:999999") }
        // A later failure reports its own message, not the one before.
        do {
            _ = try context.transform(from: "nonsense", to: "EPSG:4326")
            Issue.record("expected an error")
        } catch let error as GeometryError {
            #expect(error.message.contains("unrecognized format"), "\(error)")
            #expect(!error.message.contains("crs not found"), "\(error)")
        }
        // And a success in between leaves no message behind.
        _ = try context.transform(from: "EPSG:4326", to: "EPSG:32648")
        #expect(context.messages.isEmpty)
    }
}
