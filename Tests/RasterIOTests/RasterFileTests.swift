import Foundation
import RasterIO
import TestSupport
import Testing

@Suite("RasterFile: reading")
struct RasterFileTests {
    @Test func theHeaderOfAProjectedGeoTIFF() throws {
        try withFolder { folder in
            let path = folder.appendingPathComponent("friction.tif").path
            let grid = try utmGrid(columns: 7, rows: 3, cellMeters: 30)
            try GeoTIFFWriter.writeFloat32(path: path, grid: grid, values: [Float](repeating: 1, count: 21))
            let header = try RasterFile.header(path: path)
            #expect(header.path == path)
            #expect(header.columns == 7 && header.rows == 3 && header.bandCount == 1)
            #expect(header.geoTransform == GeoTransform(originX: 500_000, pixelWidth: 30, originY: 2_000_000, pixelHeight: -30))
            #expect(header.nodata == -9999 && header.dataType == "Float32" && header.driver == "GTiff")
            #expect(header.floatBytes == 84)
            let crs = try #require(header.crs)
            #expect(!crs.isGeographic && crs.epsg == 32648 && crs.linearUnitMeters == 1)
            #expect(crs.definition == "EPSG:32648")
            #expect(crs.wkt.hasPrefix("PROJCRS[\"WGS 84 / UTM zone 48N\""))
        }
    }

    @Test func aGeographicCRSIsMarkedGeographic() throws {
        try withFolder { folder in
            try GDALTools.run(
                "gdal_create",
                [
                    "-q", "-of", "GTiff", "-outsize", "4", "3", "-ot", "Float32", "-a_srs", "EPSG:4326", "-a_ullr", "102", "18", "104", "17", "-burn", "5",
                    "g.tif",
                ],
                in: folder)
            let path = folder.appendingPathComponent("g.tif").path
            let crs = try #require(try RasterFile.header(path: path).crs)
            #expect(crs.isGeographic && crs.epsg == 4326 && crs.linearUnitMeters == nil && crs.definition == "EPSG:4326")
            let raster = try RasterFile.readFloat(path: path)
            #expect(raster.values == [Float](repeating: 5, count: 12))
            #expect(raster.geoTransform.pixelWidth == 0.5 && raster.geoTransform.originY == 18)
        }
    }

    @Test func aGeoTIFFWithoutACRSHasNoneAndIsNotReadAsAGrid() throws {
        try withFolder { folder in
            try GDALTools.run("gdal_create", ["-q", "-of", "GTiff", "-outsize", "2", "2", "-a_ullr", "0", "2", "2", "0", "plain.tif"], in: folder)
            let path = folder.appendingPathComponent("plain.tif").path
            let header = try RasterFile.header(path: path)
            #expect(header.crs == nil)
            #expect(header.geoTransform == GeoTransform(originX: 0, pixelWidth: 1, originY: 2, pixelHeight: -1))
            #expect(throws: RasterError.noCRS(path: path)) { try RasterFile.readFloat(path: path) }
        }
    }

    @Test func theNodataOfAByteRasterIsNaN() throws {
        try withFolder { folder in
            let file = try GDALTools.geoTIFF(rows: [["1", "255", "3"], ["255", "0", "254"]], type: "Byte", nodata: "255", in: folder, name: "landcover")
            let raster = try RasterFile.readFloat(path: file.path)
            #expect(raster.dataType == "Byte" && raster.nodata == 255)
            #expect(raster.values.map { $0.isNaN ? -1 : $0 } == [1, -1, 3, -1, 0, 254])
            // The AAIGrid's lower-left corner, 100 m cells: the top row starts 200 m above it.
            #expect(raster.geoTransform == GeoTransform(originX: 500_000, pixelWidth: 100, originY: 2_000_200, pixelHeight: -100))
        }
    }

    @Test func nodataIsComparedInTheFilesOwnType() throws {
        try withFolder { folder in
            // As Float both would be 2147483648: only the first is nodata.
            let file = try GDALTools.geoTIFF(rows: [["2147483647", "2147483646", "5"]], type: "Int32", nodata: "2147483647", in: folder, name: "counts")
            let raster = try RasterFile.readFloat(path: file.path)
            #expect(raster.values[0].isNaN && raster.values[1] == Float(2_147_483_646 as Int32) && raster.values[2] == 5)
            // A Float32 band whose nodata is written with more digits than a Float holds.
            let floats = try GDALTools.geoTIFF(rows: [["0.1", "7"]], type: "Float32", nodata: "0.1", in: folder, name: "floats")
            let read = try RasterFile.readFloat(path: floats.path)
            #expect(read.values[0].isNaN && read.values[1] == 7)
        }
    }

    @Test func bytesReadLikeTheFile() throws {
        try withFolder { folder in
            let file = try GDALTools.geoTIFF(rows: [["1", "2"], ["3", "-9"]], type: "Int16", nodata: "-9", in: folder, name: "small")
            let fromPath = try RasterFile.readFloat(path: file.path)
            let fromBytes = try RasterFile.readFloat(bytes: bytes(of: file), name: "small.tif", drivers: ["GTiff"])
            #expect(fromBytes.grid == fromPath.grid)
            #expect(fromBytes.values.map { $0.isNaN ? -1 : $0 } == [1, 2, 3, -1])
            #expect(try RasterFile.header(bytes: bytes(of: file), name: "small.tif").path == "small.tif")
        }
    }

    @Test func theCommittedFixturesMadeByGDALCreate() throws {
        let byte = try RasterFile.readFloat(path: Fixtures.url("byte-utm48n.tif", of: "RasterIOTests").path)
        #expect(byte.crs.epsg == 32648 && byte.nodata == 255 && byte.values == [Float](repeating: 3, count: 64))
        #expect(byte.geoTransform == GeoTransform(originX: 500_000, pixelWidth: 100, originY: 2_000_800, pixelHeight: -100))
        let float = try RasterFile.readFloat(path: Fixtures.url("float32-wgs84-deflate.tif", of: "RasterIOTests").path)
        #expect(float.crs.isGeographic && float.dataType == "Float32" && float.values == [Float](repeating: 1.5, count: 256))
        let plain = try RasterFile.header(path: Fixtures.url("int16-no-crs.tif", of: "RasterIOTests").path)
        #expect(plain.crs == nil && plain.dataType == "Int16" && plain.nodata == nil)
    }

    @Test func aRotatedGeoTransformIsRefused() throws {
        try withFolder { folder in
            // A VRT band without sources reads as zeros: only the geotransform matters.
            let vrt = """
                <VRTDataset rasterXSize="2" rasterYSize="2"><SRS>EPSG:32648</SRS>\
                <GeoTransform>500000, 10, 2, 2000000, 1, -10</GeoTransform>\
                <VRTRasterBand dataType="Float32" band="1"/></VRTDataset>
                """
            let path = folder.appendingPathComponent("rotated.vrt").path
            try vrt.write(toFile: path, atomically: true, encoding: .utf8)
            let header = try RasterFile.header(path: path)
            #expect(!header.geoTransform.isNorthUp && header.driver == "VRT")
            #expect(throws: RasterError.rotatedGeoTransform(path: path, header.geoTransform)) { try RasterFile.readFloat(path: path) }
        }
    }

    @Test func aBandOutOfRangeAndTooManyCellsAreRefused() throws {
        let bytes = try GeoTIFFWriter.float32Bytes(grid: utmGrid(columns: 4, rows: 4), values: [Float](repeating: 2, count: 16))
        #expect(throws: RasterError.bandOutOfRange(path: "x.tif", band: 2, bandCount: 1)) { try RasterFile.readFloat(bytes: bytes, name: "x.tif", band: 2) }
        #expect(throws: RasterError.bandOutOfRange(path: "x.tif", band: 0, bandCount: 1)) { try RasterFile.readFloat(bytes: bytes, name: "x.tif", band: 0) }
        #expect(throws: RasterError.tooLarge(path: "x.tif", columns: 4, rows: 4, maximumCells: 15)) {
            try RasterFile.readFloat(bytes: bytes, name: "x.tif", maximumCells: 15)
        }
    }

    @Test func concurrentReadsKeepTheirOwnErrors() throws {
        let good = try GeoTIFFWriter.float32Bytes(grid: utmGrid(columns: 64, rows: 64), values: [Float](repeating: 4, count: 4096))
        let outcomes = DisjointResults(count: 16)
        DispatchQueue.concurrentPerform(iterations: 16) { index in
            let outcome: String
            if index % 2 == 0 {
                outcome = (try? RasterFile.readFloat(bytes: good, name: "good-\(index).tif").values.allSatisfy { $0 == 4 }) == true ? "ok" : "bad read"
            } else {
                do throws(RasterError) {
                    _ = try RasterFile.readFloat(bytes: Array("not a raster \(index)".utf8), name: "bad-\(index).txt")
                    outcome = "read"
                } catch {
                    outcome = error.description.hasPrefix("bad-\(index).txt: not a raster GDAL can read") ? "ok" : error.description
                }
            }
            outcomes.set(index, outcome)
        }
        #expect(outcomes.values == [String](repeating: "ok", count: 16))
    }
}

/// One slot a concurrent iteration writes, read after they have all ended.
private final class DisjointResults: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [String]
    init(count: Int) { slots = [String](repeating: "", count: count) }
    func set(_ index: Int, _ value: String) { lock.withLock { slots[index] = value } }
    var values: [String] { lock.withLock { slots } }
}
