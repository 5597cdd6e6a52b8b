import CoverageCore
import FuzzSupport
import GeoIO

/// A scenario file (YAML) as `coverage run` reads it, before its layers are loaded.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenario(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = FuzzInput.bytes(start, count)
    FuzzInput.expectValueOrDataError {
        _ = try ScenarioFile.read(InputFile(path: "/fuzz/scenario.yaml", bytes: bytes))
    }
    return 0
}
