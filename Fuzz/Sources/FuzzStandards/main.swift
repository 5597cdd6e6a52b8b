import CoverageCore
import FuzzSupport
import GeoIO

/// A standards file (YAML) as every command that takes `--standards` reads it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStandards(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = FuzzInput.bytes(start, count)
    FuzzInput.expectValueOrDataError {
        _ = try StandardsFile.read(InputFile(path: "fuzz-standards.yaml", bytes: bytes))
    }
    return 0
}
