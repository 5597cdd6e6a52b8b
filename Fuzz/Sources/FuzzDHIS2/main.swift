import CoverageCore
import FuzzSupport
import GeoIO

/// A DHIS2 organisation-unit export as `coverage import dhis2` and a facilities layer read it,
/// with the standard group-to-tier mapping.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDHIS2(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = FuzzInput.bytes(start, count)
    FuzzInput.expectValueOrDataError {
        _ = try DHIS2LayerReader.parse(InputFile(path: "fuzz-dhis2.json", bytes: bytes))
    }
    return 0
}
