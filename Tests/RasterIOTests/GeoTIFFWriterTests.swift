import Foundation
import RasterIO
import TestSupport
import Testing

@Suite("GeoTIFFWriter")
struct GeoTIFFWriterTests {
    /// 300 × 260 cells (two tiles across, two down, partial ones at the edges), a NaN every 7th cell.
    private static let floatGrid = (columns: 300, rows: 260)
    private static func floatValues() -> [Float] {
        var generator = SplitMix64(seed: 16)
        return (0..<(300 * 260)).map { $0 % 7 == 3 ? .nan : Float(generator.uniform(0, 600)) }
    }

    @Test func float32RoundTripsWithNaNAsNodata() throws {
        try withFolder { folder in
            let grid = try utmGrid(columns: Self.floatGrid.columns, rows: Self.floatGrid.rows)
            let values = Self.floatValues()
            let path = folder.appendingPathComponent("travel_minutes.tif").path
            try GeoTIFFWriter.writeFloat32(path: path, grid: grid, values: values)
            let read = try RasterFile.readFloat(path: path)
            #expect(read.grid.columns == 300 && read.grid.rows == 260)
            #expect(read.geoTransform == grid.geoTransform)
            #expect(read.crs.epsg == 32648)
            #expect(read.nodata == -9999)
            #expect(read.dataType == "Float32")
            #expect(read.values.count == values.count)
            let mismatches = zip(read.values, values).enumerated().filter { _, pair in pair.0.isNaN ? !pair.1.isNaN : pair.0 != pair.1 }
            #expect(mismatches.isEmpty, "first mismatching cells: \(mismatches.prefix(3))")
        }
    }

    @Test func int32RoundTripsWithItsNodata() throws {
        try withFolder { folder in
            let grid = try utmGrid(columns: 17, rows: 5)
            // Values a Float cannot hold exactly must still not be taken for the nodata value.
            let values: [Int32] = (0..<85).map { $0 % 5 == 0 ? -1 : ($0 == 1 ? Int32.max - 1 : Int32($0) * 1000) }
            let path = folder.appendingPathComponent("source.tif").path
            try GeoTIFFWriter.writeInt32(path: path, grid: grid, values: values, nodata: -1)
            let header = try RasterFile.header(path: path)
            #expect(header.dataType == "Int32" && header.nodata == -1)
            let read = try RasterFile.readFloat(path: path)
            for (index, value) in values.enumerated() {
                if value == -1 {
                    #expect(read.values[index].isNaN, "cell \(index)")
                } else {
                    #expect(read.values[index] == Float(value), "cell \(index)")
                }
            }
        }
    }

    @Test func gdalinfoSeesTheCRSTransformNodataTilesAndCompression() throws {
        try withFolder { folder in
            let grid = try utmGrid(columns: 300, rows: 260, cellMeters: 250)
            let float = folder.appendingPathComponent("float.tif")
            let int = folder.appendingPathComponent("int.tif")
            try GeoTIFFWriter.writeFloat32(path: float.path, grid: grid, values: Self.floatValues())
            try GeoTIFFWriter.writeInt32(path: int.path, grid: grid, values: [Int32](repeating: 7, count: grid.cellCount), nodata: -1)
            for (file, type, nodata, predictor) in [(float, "Float32", -9999.0, "3"), (int, "Int32", -1.0, "2")] {
                let info = try GDALTools.info(file)
                #expect(info["driverShortName"] as? String == "GTiff")
                #expect(info["size"] as? [Int] == [300, 260])
                let wkt = try #require((info["coordinateSystem"] as? [String: Any])?["wkt"] as? String)
                #expect(wkt.contains(#"ID["EPSG",32648]"#), "\(wkt)")
                #expect(info["geoTransform"] as? [Double] == [500_000, 250, 0, 2_000_000, 0, -250])
                let structure = try #require((info["metadata"] as? [String: Any])?["IMAGE_STRUCTURE"] as? [String: String])
                #expect(structure["COMPRESSION"] == "DEFLATE")
                #expect(structure["PREDICTOR"] == predictor)
                let bands = try #require(info["bands"] as? [[String: Any]])
                #expect(bands.count == 1)
                #expect(bands[0]["type"] as? String == type)
                #expect(bands[0]["block"] as? [Int] == [256, 256])
                #expect(bands[0]["noDataValue"] as? Double == nodata)
                // One file, no .aux.xml beside it.
                #expect(info["files"] as? [String] == [file.path])
            }
        }
    }

    @Test func theSameInputsGiveTheSameBytesOnAnyThread() throws {
        try withFolder { folder in
            let grid = try utmGrid(columns: 300, rows: 260)
            let values = Self.floatValues()
            let first = folder.appendingPathComponent("first.tif")
            let second = folder.appendingPathComponent("second.tif")
            try GeoTIFFWriter.writeFloat32(path: first.path, grid: grid, values: values)
            try GeoTIFFWriter.writeFloat32(path: second.path, grid: grid, values: values)
            let written = try bytes(of: first)
            #expect(try bytes(of: second) == written)
            #expect(try GeoTIFFWriter.float32Bytes(grid: grid, values: values) == written)
            // Two threads at once, each its own file.
            let others = (0..<2).map { folder.appendingPathComponent("thread-\($0).tif") }
            DispatchQueue.concurrentPerform(iterations: 2) { index in
                try? GeoTIFFWriter.writeFloat32(path: others[index].path, grid: grid, values: values)
            }
            for other in others { #expect(try bytes(of: other) == written) }
            let fromNewThread = try onNewThread { try GeoTIFFWriter.int32Bytes(grid: grid, values: [Int32](repeating: 3, count: grid.cellCount), nodata: -1) }
            #expect(try GeoTIFFWriter.int32Bytes(grid: grid, values: [Int32](repeating: 3, count: grid.cellCount), nodata: -1) == fromNewThread)
        }
    }

    @Test func aNaNNodataKeepsNaN() throws {
        let grid = try utmGrid(columns: 3, rows: 1)
        let bytes = try GeoTIFFWriter.float32Bytes(grid: grid, values: [1, .nan, 3], nodata: .nan)
        let read = try RasterFile.readFloat(bytes: bytes, name: "nan.tif")
        #expect(read.nodata?.isNaN == true)
        #expect(read.values[0] == 1 && read.values[1].isNaN && read.values[2] == 3)
    }

    @Test func aMissingFolderIsAWriteFailureNamingThePath() throws {
        let grid = try utmGrid(columns: 2, rows: 2)
        let path = "/nonexistent-\(UUID().uuidString)/out.tif"
        let error = try #require(throws: RasterError.self) { try GeoTIFFWriter.writeFloat32(path: path, grid: grid, values: [1, 2, 3, 4]) }
        guard case .writeFailed(let named, _) = error else {
            Issue.record("\(error)")
            return
        }
        #expect(named == path)
        #expect(error.description.contains(path))
    }

    @Test func valuesThatDoNotFitTheGridAreRefused() throws {
        let grid = try utmGrid(columns: 2, rows: 2)
        #expect(throws: RasterError.badGrid("3 values for 2 × 2 = 4 cells")) { try GeoTIFFWriter.int32Bytes(grid: grid, values: [1, 2, 3], nodata: 0) }
    }
}
