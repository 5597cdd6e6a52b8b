import CoverageCore
import GeoIO

/// What every fuzz target does with libFuzzer's bytes: hands them to a reader as the content of a
/// file, and accepts either a value or an error that the `coverage` command would report as bad
/// data (exit status 65, a message naming the file and, where it can, the line, feature or
/// field). Anything else stops the fuzzer like a crash, because it is a bug: a trap, an error of
/// a type the exit-status table calls a software failure (70), or a memory error ASan reports.
public enum FuzzInput {
    /// The bytes libFuzzer hands in, copied into the array the readers parse (as `InputFile` holds them).
    public static func bytes(_ start: UnsafePointer<UInt8>?, _ count: Int) -> [UInt8] {
        Array(UnsafeBufferPointer(start: start, count: count))
    }

    /// Runs `read`, and traps when it throws anything but a data error.
    public static func expectValueOrDataError(_ read: () throws -> Void) {
        do {
            try read()
        } catch {
            let status = ExitStatus.code(for: error)
            guard status == ExitStatus.dataError else {
                fatalError("exit status \(status) instead of \(ExitStatus.dataError) (\(type(of: error))): \(error)")
            }
        }
    }
}
