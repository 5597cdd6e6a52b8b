import ArgumentParser
import CoverageCore
import Foundation
import GeoIO

/// Prints `message` on standard error, prefixed `error:`.
func printError(_ message: String) {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
}

/// Runs a command body, turning CoverageCore and GeometryKit errors into a plain message on
/// standard error and the matching exit code (never a stack trace, never a crash).
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let exit as ExitCode {
        throw exit
    } catch let usage as ValidationError {
        throw usage  // a command-line mistake: ArgumentParser prints it with the usage, exit 64
    } catch {
        printError("\(error)")
        throw ExitCode(ExitStatus.code(for: error))
    }
}
