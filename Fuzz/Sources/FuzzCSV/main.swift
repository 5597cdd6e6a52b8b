import CoverageCore
import FuzzSupport
import GeoIO

/// A CSV point layer as `coverage` reads one (LayerReader for a `.csv` layer): the table, then
/// its rows as records with the coordinate columns found by the villages' default mapping.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = FuzzInput.bytes(start, count)
    FuzzInput.expectValueOrDataError {
        let table = try CSVTable.parse(InputFile(path: "fuzz.csv", bytes: bytes))
        _ = try CSVLayerReader.records(table, mapping: FieldMapping(defaultsFor: .villages), sourceCRS: nil)
    }
    return 0
}
