import Foundation
import RasterIO
import TestSupport
import Testing

@Suite("RasterError: bad files are errors naming them, not crashes")
struct RasterErrorTests {
    @Test func aMissingFile() throws {
        let path = "/nonexistent-\(UUID().uuidString)/friction.tif"
        #expect(throws: RasterError.fileMissing(path: path)) { try RasterFile.header(path: path) }
        #expect(throws: RasterError.fileMissing(path: path)) { try RasterFile.readFloat(path: path) }
    }

    @Test func aNameGDALWouldTakeForSomethingElseIsAMissingFile() throws {
        let name = "MEM:::DATAPOINTER=0x0,PIXELS=100,LINES=100"
        #expect(throws: RasterError.fileMissing(path: name)) { try RasterFile.readFloat(path: name) }
    }

    @Test func aFolder() throws {
        try withFolder { folder in
            let error = try #require(throws: RasterError.self) { try RasterFile.readFloat(path: folder.path) }
            #expect(error == .unreadable(path: folder.path, reason: "a folder, not a file"))
        }
    }

    @Test(arguments: [
        ("empty.tif", ""),
        ("villages.csv", "name,lon,lat\nBan Na,102.6,17.9\n"),
        ("districts.geojson", #"{"type":"FeatureCollection","features":[]}"#),
    ])
    func aFileThatIsNoRaster(name: String, text: String) throws {
        try withFolder { folder in
            let path = folder.appendingPathComponent(name).path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let error = try #require(throws: RasterError.self) { try RasterFile.readFloat(path: path) }
            guard case .notARaster(let named, _) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(named == path)
            #expect(error.description.hasPrefix("\(path): not a raster GDAL can read ("), "\(error)")
            #expect(!error.description.contains("/vsimem/"))
            // The same through bytes: the name given, never GDAL's /vsimem/ path.
            let fromBytes = try #require(throws: RasterError.self) { try RasterFile.readFloat(bytes: Array(text.utf8), name: name) }
            #expect(fromBytes.description.hasPrefix("\(name): not a raster GDAL can read ("), "\(fromBytes)")
            #expect(!fromBytes.description.contains("/vsimem/"), "\(fromBytes)")
        }
    }

    @Test func aTruncatedGeoTIFF() throws {
        try withFolder { folder in
            var generator = SplitMix64(seed: 7)
            let grid = try utmGrid(columns: 600, rows: 600)
            let values = (0..<grid.cellCount).map { _ in Float(generator.uniform(0, 1000)) }
            let whole = try GeoTIFFWriter.float32Bytes(grid: grid, values: values)
            // GDAL writes the directory first: cut in its first bytes the file is no TIFF, cut
            // later the tiles past the cut cannot be read.
            for length in [16, 200, whole.count / 50, whole.count / 2, whole.count * 9 / 10] {
                let path = folder.appendingPathComponent("cut-\(length).tif").path
                try Data(whole.prefix(length)).write(to: URL(fileURLWithPath: path))
                let error = try #require(throws: RasterError.self, "the first \(length) bytes") { try RasterFile.readFloat(path: path) }
                switch error {
                case .readFailed(let named, _), .notARaster(let named, _): #expect(named == path, "\(error)")
                default: Issue.record("a truncated GeoTIFF gave \(error)")
                }
                #expect(error.description.hasPrefix(path), "\(error)")
            }
        }
    }

    @Test func aBadCRSDefinition() throws {
        #expect(throws: RasterError.self) { try RasterCRS(epsg: 999_999) }
        let error = try #require(throws: RasterError.self) { try RasterCRS(wkt: "PROJCRS[nonsense") }
        guard case .badCRS(let definition, _) = error else {
            Issue.record("\(error)")
            return
        }
        #expect(definition == "PROJCRS[nonsense")
    }

    @Test func everyDescriptionNamesItsFile() {
        let transform = GeoTransform(originX: 0, pixelWidth: 1, rowRotation: 0.5, originY: 0, pixelHeight: -1)
        let errors: [RasterError] = [
            .fileMissing(path: "a.tif"), .unreadable(path: "a.tif", reason: "Permission denied"), .notARaster(path: "a.tif", message: "m"),
            .noGeoTransform(path: "a.tif"), .noCRS(path: "a.tif"), .rotatedGeoTransform(path: "a.tif", transform),
            .degenerateGeoTransform(path: "a.tif", transform), .bandOutOfRange(path: "a.tif", band: 3, bandCount: 1),
            .unsupportedDataType(path: "a.tif", dataType: "CFloat32"), .tooLarge(path: "a.tif", columns: 9, rows: 9, maximumCells: 8),
            .readFailed(path: "a.tif", message: "m"), .writeFailed(path: "a.tif", message: "m"),
        ]
        for error in errors { #expect(error.description.hasPrefix("a.tif: "), "\(error)") }
    }
}
