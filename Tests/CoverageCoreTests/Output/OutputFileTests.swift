import Foundation
import GeoIO
import GeometryKit
import TestSupport
import Testing

@testable import CoverageCore

@Suite struct OutputFileTests {
    @Test func tablesAndLayers() throws {
        let rows = [JSONObject([("id", .string("a")), ("n", .number(2))])]
        #expect(String(decoding: try OutputFile.csv("t.csv", rows: rows).bytes, as: UTF8.self) == "id,n\na,2\n")
        #expect(String(decoding: try OutputFile.csv("t.csv", header: ["n", "id", "none"], rows: rows).bytes, as: UTF8.self) == "n,id,none\n2,a,\n")
        #expect(String(decoding: try OutputFile.csv("e.csv", header: ["id"], rows: []).bytes, as: UTF8.self) == "id\n")
        let layer = try OutputFile.points("p.geojson", [(rows[0], Coordinate(x: 102.5, y: 18))])
        #expect(
            String(decoding: try layer.bytes, as: UTF8.self) == """
                {"type":"FeatureCollection","features":[
                {"type":"Feature","properties":{"id":"a","n":2},"geometry":{"type":"Point","coordinates":[102.5,18]}}
                ]}

                """)
    }

    @Test func writingPutsEveryFileAndNothingElse() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let names = try [OutputFile(name: "b.txt", bytes: [0x62]), OutputFile(name: "a.txt", bytes: [])].write(to: folder)
        #expect(names == ["b.txt", "a.txt"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["a.txt", "b.txt"])
        #expect(try Data(contentsOf: folder.appendingPathComponent("b.txt")) == Data([0x62]))
        #expect(throws: OutputError.self) { try [OutputFile(name: "c.txt", bytes: [])].write(to: folder.appendingPathComponent("missing")) }
    }

    @Test func aStreamedFileIsWrittenAMebibyteAtATimeAndAnErrorLeavesNone() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        // 3.5 MiB in records of 1,000 bytes: the sink hands on several chunks, then the rest.
        let record = [UInt8](repeating: UInt8(ascii: "x"), count: 999) + [0x0A]
        let count = 3_670
        let streamed = OutputFile(name: "big.txt") { sink in
            for _ in 0..<count {
                sink.bytes.append(contentsOf: record)
                sink.flushIfFull()
            }
        }
        try [streamed].write(to: folder)
        let written = try Data(contentsOf: folder.appendingPathComponent("big.txt"))
        #expect(written.count == count * 1_000)
        #expect(written == Data(Array([[UInt8]](repeating: record, count: count).joined())))
        #expect(try streamed.bytes == Array(written))

        struct Stop: Error {}
        let failing = OutputFile(name: "failing.txt") { sink in
            for index in 0..<count {
                if index == 3_000 { throw Stop() }
                sink.bytes.append(contentsOf: record)
                sink.flushIfFull()
            }
        }
        #expect(throws: Stop.self) { try [failing].write(to: folder) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["big.txt"])
    }

    @Test func aNaNIsRefusedBeforeAnyFileIsMade() {
        let rows = [(JSONObject([("x", .number(.nan))]), Coordinate(x: 0, y: 0))]
        #expect(throws: NonFiniteNumberError.self) { try OutputFile.points("p.geojson", rows) }
    }
}
