import FuzzSupport
import GeoIO

/// JSONParser, the parser under every JSON and GeoJSON reader, and the writer's text of what it
/// read: a document that parses must write, and its text must parse back to the same value.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = FuzzInput.bytes(start, count)
    FuzzInput.expectValueOrDataError {
        let value = try JSONParser.parse(bytes)
        let text = try value.jsonText()
        let again = try JSONParser.parse(text)
        guard again == value else { fatalError("the written text \(text) reads back as a different value") }
    }
    return 0
}
