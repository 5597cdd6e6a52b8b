// Foundation's Data(contentsOf:) on Linux (swift-foundation, Swift 6.3.1) leaks 4 KiB each time it
// reads an empty file: for a file whose size is 0 it reads into a 4 KiB malloc'd buffer, in case the
// file is one of those in /proc that report no size, and the empty Data it returns does not free it.
//
//   swiftc -sanitize=address FoundationEmptyFileLeak.swift -o /tmp/empty-file-leak && /tmp/empty-file-leak
//
// ends with "SUMMARY: AddressSanitizer: 4096 byte(s) leaked in 1 allocation(s)" and exit status 1.
// The package does not suppress it: files are read with InputFile (read(2) into [UInt8]), in the
// sources and in the tests, so nothing calls Data(contentsOf:) on a file that may be empty.
import Foundation

let path = FileManager.default.temporaryDirectory.appendingPathComponent("empty-\(getpid())").path
precondition(FileManager.default.createFile(atPath: path, contents: Data()))
defer { try? FileManager.default.removeItem(atPath: path) }
let data = try Data(contentsOf: URL(fileURLWithPath: path))
precondition(data.isEmpty)
