import FuzzSupport
import GeoIO

/// A GeoJSON layer as `coverage` reads one (LayerReader, `coverage inspect`): the document, its
/// geometries as `Shape`s, and the records the loaders take.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGeoJSON(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = FuzzInput.bytes(start, count)
    FuzzInput.expectValueOrDataError {
        let layer = try GeoJSONLayer.parse(InputFile(path: "fuzz.geojson", bytes: bytes))
        _ = layer.records
    }
    return 0
}
