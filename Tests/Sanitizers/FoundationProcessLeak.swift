// Foundation's Process.run on Linux (swift-corelibs-foundation, Swift 6.3.1) now and then leaks
// the 32-byte side table of a weak reference it forms (swift_weakAssign under Process.run): two of
// the suite's few thousand processes, about two of these 200 run side by side.
//
//   swiftc -sanitize=address FoundationProcessLeak.swift -o /tmp/process-leak && /tmp/process-leak
//
// ends with "SUMMARY: AddressSanitizer: 64 byte(s) leaked in 2 allocation(s)" (the count varies)
// and exit status 1. The tests start processes (the `coverage` binary, coreutils' sha256sum as an
// oracle); the package's sources start none. lsan.supp suppresses leaks allocated under
// Process.run alone.
import Foundation

// Many short processes, some in parallel, each with a pipe (as TestSupport.sha256sum does).
DispatchQueue.concurrentPerform(iterations: 200) { _ in
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
    process.arguments = ["/etc/hostname"]
    let pipe = Pipe()
    process.standardOutput = pipe
    try! process.run()
    _ = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
}
